"""The issue's "done when", in one browser journey: an organiser signs up (OTP), completes the organiser profile,
creates and submits a fair; the central admin verifies it and the organiser publishes it; a domestic employer
signs up with its WLKP code, joins the fair, is accepted and publishes a domestic vacancy into it; a job seeker
(not a CPMI) follows the fair, checks in, sees no companies before the start, applies once it runs; the company
schedules an interview; the job seeker finds it in Portofolio → Job Fair yang diikuti and exchanges a message
with the company. Set SIPMI_SCREENSHOTS=<folder> for the main screens at 360 and 1280 px."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import AccountType
from apps.jobfairs.models import FairApplication, FairStatus, JobFair
from apps.profiles import services as profile_services
from apps.registry.models import DemoWlkpCompany
from apps.vacancies.models import Application, ApplicationStatus, VacancyKind
from testing import factories
from testing.browser import log_in, shoot, sign_up_contact, sign_up_identity
from testing.outbox import otp_sent_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIB = datetime.timezone(datetime.timedelta(hours=7))


def activate(page, phone: str) -> None:
    page.click("text=Daftar Sekarang >> nth=-1")
    page.wait_for_url("**/daftar/aktivasi/")
    page.fill("#id_code", otp_sent_to(phone))
    page.click("text=Konfirmasi")


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_organiser_company_and_job_seeker_from_sign_up_to_interview_and_messages(new_page):
    village = factories.village()
    admin = factories.user(account_type=AccountType.CENTRAL_ADMIN, full_name="Hadi Admin", is_staff=True)
    start = (
        (timezone.now() + datetime.timedelta(days=3)).astimezone(WIB).replace(hour=9, minute=0, second=0, microsecond=0)
    )

    # --- the organiser signs up, completes the organiser profile, creates and submits a fair --------------------
    gita = factories.registry_person(sex="P", birth_date=datetime.date(1988, 6, 1), mother="Sri Rahayu")
    host = new_page()
    host.goto(reverse("accounts:register_organiser"))
    sign_up_identity(host, gita, parent="mother", parent_name="Sri Rahayu")
    sign_up_contact(host, email="gita@disnaker.id", phone="0813 1111 2222", village=village)
    activate(host, "+6281311112222")
    host.wait_for_url("**/penyelenggara/profil/")
    host.fill("#id_institution", "Disnaker Kota Depok")
    host.select_option("#id_kind", "government")
    host.fill("#id_address", "Jl. Margonda Raya No. 54")
    host.select_option("#id_address_province", "32")
    host.wait_for_selector("#id_address_regency option[value='32.76']", state="attached")
    host.select_option("#id_address_regency", "32.76")
    host.fill("#id_phone", "0217775555")
    host.fill("#id_email", "bursa@depok.go.id")
    host.click("main button[type=submit]")
    host.wait_for_url("**/penyelenggara/job-fair/")
    host.click("[data-testid=fair-create]")
    host.fill("#id_name", "Job Fair Depok Berkarya")
    host.fill("#id_description", "Bursa kerja untuk warga Depok: pabrik, toko dan jasa.")
    host.select_option("#id_time_zone", "Asia/Jakarta")
    host.fill("#id_starts_at", start.strftime("%Y-%m-%dT%H:%M"))
    host.fill("#id_ends_at", (start + datetime.timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M"))
    host.check("#id_mode_1")
    host.fill("#id_venue", "Balai Kota Depok")
    host.click("main button[type=submit]")
    host.click("[data-testid=fair-submit]")
    host.wait_for_selector("text=Menunggu verifikasi admin pusat.")
    fits(host)
    shoot(host, "journey-organiser-fair-submitted")
    fair = JobFair.objects.get(name="Job Fair Depok Berkarya")

    # --- the central admin verifies it; the organiser publishes it ----------------------------------------------
    office = new_page(width=1280)
    log_in(office, admin)
    office.goto(reverse("jobfairs:admin_queue"))
    shoot(office, "journey-admin-queue")
    office.click("[data-testid=fair-queue] a >> text=Job Fair Depok Berkarya")
    office.click("[data-testid=fair-verify]")
    office.wait_for_selector("text=Job fair terverifikasi.")
    host.reload()
    host.click("[data-testid=fair-publish]")
    host.wait_for_selector("text=Job fair diterbitkan")
    fair.refresh_from_db()
    assert fair.status == FairStatus.PUBLISHED

    # --- a domestic employer signs up with its WLKP code and asks to join -----------------------------------------
    DemoWlkpCompany.objects.create(
        wlkp_code="WLKP-3276-0042",
        name="PT Roti Sawangan",
        nib="8120001000042",
        address="Jl. Raya Sawangan No. 42, Depok",
        regency_code="32.76",
        sector="Industri makanan",
    )
    rudi = factories.registry_person(sex="L", birth_date=datetime.date(1982, 2, 9), father="Hasan Basri")
    company = new_page()
    company.goto(reverse("agencies:signup"))
    sign_up_identity(company, rudi, parent="father", parent_name="Hasan Basri")
    company.select_option("#id_kind", "domestic")
    company.fill("#id_wlkp_code", "WLKP-3276-0042")
    company.click("[data-testid=wlkp-check]")
    assert "PT Roti Sawangan" in company.locator("[data-testid=wlkp-found]").inner_text()
    sign_up_contact(company, email="rudi@roti.id", phone="0813 3333 4444", village=village)
    activate(company, "+6281333334444")
    company.wait_for_url("**/dasbor/perusahaan/")
    company.goto(reverse("jobfairs:company_fairs"))
    company.click("text=Job Fair Depok Berkarya")
    company.click("[data-testid=participation-request]")
    assert company.locator("[data-testid=participation-status]").inner_text() == "Menunggu persetujuan"

    # --- the organiser accepts; the company publishes a domestic vacancy into the fair ---------------------------
    host.goto(reverse("jobfairs:fair_manage", args=[fair.pk]))
    host.click("[data-testid=participation-accept]")
    host.wait_for_selector("[data-testid=companies-quota]")
    fits(host)
    shoot(host, "journey-organiser-fair-manage")
    company.reload()
    assert company.locator("[data-testid=participation-status]").inner_text() == "Diterima"
    company.click("[data-testid=fair-vacancy-create]")
    # a company that is not a P3MI is offered domestic vacancies only: no SPR, country or currency to fill
    assert company.locator("#id_kind_0").is_checked()
    # (the script that hides them runs once the page has loaded: wait for it rather than look at once)
    company.locator("#id_permit").wait_for(state="hidden")
    company.locator("#id_currency").wait_for(state="hidden")
    company.fill("#id_position", "Operator produksi roti")
    company.select_option("#id_sector", "manufacturing")
    company.fill("#id_city", "Kota Depok")
    company.fill("#id_employer_name", "PT Roti Sawangan")
    company.fill("#id_salary", "5200000")
    company.fill("#id_contract_months", "12")
    company.fill("#id_openings", "4")
    company.fill("#id_closing_date", (timezone.localdate() + datetime.timedelta(days=30)).isoformat())
    company.fill("#id_other_requirements", "Minimal SMA/SMK.")
    company.fill("#id_description", "Mengoperasikan mesin adonan dan oven; shift pagi.")
    shoot(company, "journey-company-vacancy-form")
    company.click("[data-testid=fair-vacancy-save]")
    assert "Operator produksi roti" in company.locator("[data-testid=fair-vacancies]").inner_text()
    fits(company)
    shoot(company, "journey-company-fair")
    vacancy = fair.fair_vacancies.get().vacancy
    assert vacancy.kind == VacancyKind.DOMESTIC and vacancy.permit is None and vacancy.currency == "IDR"

    # --- a job seeker (not a CPMI, with a profile) follows, checks in, sees nothing before the start -------------
    seeker = factories.user(full_name="Budi Santoso", email="budi@contoh.id")
    profile_services.skill_add(user=seeker, name="Operator produksi")
    JobFair.objects.filter(pk=fair.pk).update(starts_at=timezone.now() + datetime.timedelta(hours=1))
    room = new_page()
    log_in(room, seeker)
    room.goto(reverse("jobfairs:detail", args=[fair.pk]))
    room.get_by_test_id("follow-button").click()
    room.get_by_test_id("check-in-button").click()
    room.get_by_test_id("companies-hidden").wait_for()
    assert "PT Roti Sawangan" not in room.content() and "Operator produksi roti" not in room.content()
    fits(room)
    shoot(room, "journey-seeker-before-start")

    # --- the fair starts (the phase is derived from the clock); the job seeker applies ---------------------------
    JobFair.objects.filter(pk=fair.pk).update(starts_at=timezone.now() - datetime.timedelta(minutes=1))
    room.reload()
    room.get_by_test_id("match-reasons").get_by_text("Keahlian Anda: Operator produksi").wait_for()
    shoot(room, "journey-seeker-running")
    room.get_by_test_id("fair-apply").click()
    room.get_by_text("Lamaran untuk Operator produksi roti terkirim.").wait_for()
    application = Application.objects.get(vacancy=vacancy, applicant=seeker)
    assert application.candidate is None
    assert FairApplication.objects.get(application=application).fair == fair

    # --- the company schedules an interview ----------------------------------------------------------------------
    company.goto(reverse("jobfairs:company_fair", args=[fair.pk]))
    company.click("[data-testid=fair-vacancies] a >> text=/pelamar/i")
    company.click("[data-testid=applicant] a >> text=Budi Santoso")
    interview = (timezone.now() + datetime.timedelta(days=1)).astimezone(WIB).replace(hour=10, minute=30)
    company.fill("#id_interview_at", interview.strftime("%Y-%m-%dT%H:%M"))
    company.fill("#id_interview_place", "Balai Kota Depok, stand 7")
    company.click("[data-testid=interview-save]")
    company.get_by_text("Jadwal wawancara disimpan dan dikirim ke pelamar.").wait_for()
    fits(company)
    shoot(company, "journey-company-applicant")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INTERVIEW

    # --- the job seeker sees it in the portfolio and writes to the company; the company answers ------------------
    room.goto(reverse("jobfairs:portfolio"))
    schedule = room.get_by_test_id("interview").inner_text()
    assert interview.strftime("%H:%M") in schedule and "Balai Kota Depok, stand 7" in room.content()
    fits(room)
    shoot(room, "journey-seeker-portfolio")
    room.goto(reverse("jobfairs:conversation_new", args=[fair.pk]))
    room.click("[data-testid=start-companies] button")
    room.fill("textarea[name=body]", "Apakah wawancara perlu membawa ijazah asli?")
    room.click("[data-testid=chat-form] button[type=submit]")
    room.wait_for_selector("text=perlu membawa ijazah asli")

    company.goto(reverse("jobfairs:conversation_list"))
    company.click("[data-testid=conversation-list] a")
    company.fill("textarea[name=body]", "Ya, bawa ijazah asli dan KTP.")
    company.click("[data-testid=chat-form] button[type=submit]")
    room.wait_for_selector("text=bawa ijazah asli dan KTP", timeout=15000)
    fits(room)
    shoot(room, "journey-seeker-conversation")
    assert re.search(r"Budi Santoso", company.content())
