"""The whole placement path in a browser: a company publishes a vacancy; a CPMI without the required certificate
is refused; a CPMI with it applies; the company schedules an interview and accepts; the company submits the PP;
the head of office signs it; the CPMI downloads the PDF, and the public verification page says it is valid.

Set SIPMI_SCREENSHOTS=<folder> to save screenshots at 360 and 1280 px and PNGs of the signed PDF's pages."""

import datetime
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

from apps.agreements.models import AgreementStatus, PlacementAgreement
from apps.core.formatting import date_short_id
from apps.cpmi import services as cpmi_services
from apps.cpmi.models import DocumentKind
from apps.cpmi.tests.builders import complete_profile, filled_registration, pdf_upload, review_all
from apps.vacancies.models import Application, ApplicationStatus, Vacancy, VacancyStatus
from apps.vacancies.tests.builders import verified_candidate
from testing import factories
from testing.browser import log_in, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot_pdf(path, name):
    folder = os.environ.get("SIPMI_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        pdftoppm = shutil.which("pdftoppm")  # poppler-utils
        assert pdftoppm, "pdftoppm is needed to render the PDF's pages"
        subprocess.run([pdftoppm, "-png", "-r", "70", str(path), f"{folder}/{name}"], check=True)  # noqa: S603


def verified_without_certificate(user, officer, scheme):
    """`user` verified as CPMI by `officer` with one competency certificate only, of `scheme`."""
    complete_profile(user)
    registration = filled_registration(user, skip=(DocumentKind.COMPETENCY_CERTIFICATE,))
    cpmi_services.document_upload(
        registration=registration,
        actor=user,
        kind=DocumentKind.COMPETENCY_CERTIFICATE,
        uploaded=pdf_upload("sertifikat-masak.pdf"),
        certificate_number="BNSP-MASAK-7",
        certificate_scheme=scheme,
    )
    cpmi_services.registration_submit(registration=registration, actor=user)
    review_all(registration, officer)
    return cpmi_services.registration_verify(registration=registration, actor=officer)


def test_publish_apply_accept_sign_and_download(new_page, live_server, tmp_path):
    officer = factories.staff(full_name="Citra Petugas", email="citra@depok.go.id")
    head = factories.staff(position="office_head", full_name="Eko Prasetyo", email="eko@depok.go.id")
    company = factories.agency(name="PT Maju Bersama")
    owner = factories.agency_member(agency=company, role="owner", full_name="Fajar Maju", email="fajar@maju.co.id")
    factories.approved_officer(agency=company, office=factories.office())
    spr = factories.permit(agency=company, country="Taiwan", positions="Caregiver", regions=("32",), quota=5)
    nurse = factories.user(full_name="Sri Rahayu", email="sri@contoh.id")
    verified_candidate(nurse, officer)  # its competency certificate: "Perawat lansia"
    cook = factories.user(full_name="Budi Santoso", email="budi@contoh.id")
    verified_without_certificate(cook, officer, "Juru masak")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    # The company creates and publishes the vacancy.
    company_page = new_page(width=1280)
    log_in(company_page, owner)
    company_page.goto("/perusahaan/lowongan/")
    company_page.get_by_role("link", name="Buat lowongan").click()
    company_page.wait_for_url("**/perusahaan/lowongan/baru/")
    company_page.select_option("#id_permit", str(spr.pk))
    company_page.fill("#id_position", "Caregiver")
    company_page.select_option("#id_sector", "care")
    company_page.select_option("#id_country", "TW")
    company_page.fill("#id_city", "Taichung")
    company_page.fill("#id_employer_name", "Keluarga Lin")
    company_page.fill("#id_salary", "20000")
    company_page.select_option("#id_currency", "TWD")
    company_page.fill("#id_contract_months", "36")
    company_page.fill("#id_openings", "2")
    company_page.fill("#id_closing_date", (timezone.localdate() + datetime.timedelta(days=30)).isoformat())
    company_page.fill("#id_required_certificates", "Perawat lansia")
    company_page.fill("#id_description", "Merawat seorang nenek berusia 82 tahun di rumah keluarga.")
    company_page.click("main button[name=action][value=publish]")
    company_page.wait_for_url("**/perusahaan/lowongan/")
    assert "Lowongan ditayangkan." in company_page.inner_text("body")
    vacancy = Vacancy.objects.get(agency=company)
    assert vacancy.status == VacancyStatus.PUBLISHED
    assert vacancy.required_certificates == "Perawat lansia"

    # The CPMI without the certificate finds it and is told why she cannot apply.
    refused = new_page()
    log_in(refused, cook)
    refused.goto("/lowongan/")
    assert refused.locator("[data-testid=vacancy-card]").count() == 1
    shoot(refused, "1-vacancy-list")
    refused.get_by_role("link", name="Caregiver").click()
    refused.wait_for_url(f"**/lowongan/{vacancy.pk}/")
    box = refused.locator("[data-testid=apply-box]")
    assert box.get_attribute("data-state") == "missing"
    assert "Perawat lansia" in refused.locator("[data-testid=missing-certificates]").inner_text()
    assert "Juru masak" in box.inner_text()
    assert refused.locator("[data-testid=apply-button]").count() == 0
    assert box.locator("button").count() == 0
    shoot(refused, "2-vacancy-refused")
    # A hand-made POST to the apply URL is refused by the service too (and not merely by the CSRF check).
    token = next(c["value"] for c in refused.context.cookies() if c["name"] == "csrftoken")
    answer = refused.request.post(f"/lowongan/{vacancy.pk}/lamar/", headers={"X-CSRFToken": token}, max_redirects=0)
    assert answer.status == 302, answer.status
    assert answer.headers["location"].endswith(f"/lowongan/{vacancy.pk}/")
    assert not Application.objects.filter(candidate__user=cook).exists()
    refused.goto(f"/lowongan/{vacancy.pk}/")
    assert "Anda belum memiliki sertifikat kompetensi yang disyaratkan: Perawat lansia" in refused.inner_text("body")

    # The CPMI with the certificate applies from her phone.
    cpmi = new_page()
    log_in(cpmi, nurse)
    cpmi.goto("/lowongan/")
    cpmi.get_by_role("link", name="Caregiver").click()
    cpmi.wait_for_url(f"**/lowongan/{vacancy.pk}/")
    assert cpmi.locator("[data-testid=apply-box]").get_attribute("data-state") == "can_apply"
    cpmi.click("[data-testid=apply-button]")
    cpmi.wait_for_url(re.compile(r".*/lamaran/\d+/$"))
    application = Application.objects.get(candidate__user=nurse)
    assert application.status == ApplicationStatus.SENT

    # The company opens the applicant and schedules an interview.
    company_page.goto("/perusahaan/lowongan/")
    company_page.locator("[data-testid=company-vacancy-row]").get_by_role("link", name="Caregiver").click()
    company_page.wait_for_url(f"**/perusahaan/lowongan/{vacancy.pk}/pelamar/")
    assert company_page.locator("[data-testid=applicant]").count() == 1
    company_page.get_by_role("link", name="Sri Rahayu").click()
    company_page.wait_for_url(f"**/perusahaan/lamaran/{application.pk}/")
    assert "Perawat lansia" in company_page.locator("[data-testid=certificates]").inner_text()
    company_page.fill("#id_interview_at", f"{tomorrow.isoformat()}T10:00")
    company_page.fill("#id_interview_place", "Kantor PT Maju Bersama, Jl. Raya Bogor No. 1, Depok")
    company_page.get_by_role("button", name="Simpan jadwal").click()
    company_page.wait_for_load_state()
    assert "Jadwal wawancara disimpan" in company_page.inner_text("body")
    shoot(company_page, "3-company-application")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INTERVIEW
    assert timezone.localtime(application.interview_at).replace(tzinfo=None) == datetime.datetime.combine(
        tomorrow, datetime.time(10, 0)
    )

    # The CPMI sees the interview on "Lamaran saya".
    cpmi.goto("/lamaran/")
    row = cpmi.locator("[data-testid=my-applications] li").first
    assert f"wawancara {date_short_id(tomorrow)}, 10:00 WIB" in row.inner_text()
    shoot(cpmi, "4-my-applications")
    row.get_by_role("link").click()
    interview = cpmi.locator("[data-testid=interview]").inner_text()
    assert f"{date_short_id(tomorrow)}, 10:00 WIB" in interview
    assert "Jl. Raya Bogor No. 1" in interview

    # The company accepts, then drafts the PP from the accepted application and sends it.
    company_page.reload()
    company_page.click("[data-testid=accept]")
    # Accepting asks first: it uses one place of the SPR.
    assert "kuota SPR" in company_page.locator("[data-testid=confirm-dialog]").inner_text()
    company_page.click("[data-testid=confirm-dialog-yes]")
    company_page.wait_for_load_state()
    assert "Pelamar diterima" in company_page.inner_text("body")
    company_page.get_by_role("link", name="Perjanjian penempatan").click()
    company_page.wait_for_url("**/perusahaan/pp/")
    draft_row = company_page.locator("[data-testid=to-draft]")
    assert "Sri Rahayu" in draft_row.inner_text()
    draft_row.get_by_role("button", name="Buat PP").click()
    company_page.wait_for_url(re.compile(r".*/perusahaan/pp/\d+/$"))
    assert company_page.input_value("#id_employer_name") == "Keluarga Lin"
    company_page.fill("#id_employer_address", "No. 12, Jalan Zhongshan, Taichung")
    company_page.get_by_role("button", name="Kirim ke dinas untuk verifikasi").click()
    company_page.wait_for_url("**/perusahaan/pp/")
    agreement = PlacementAgreement.objects.get(application=application)
    assert agreement.status == AgreementStatus.SUBMITTED
    assert agreement.office == factories.office()

    # The head of office signs it from the queue.
    office = new_page(width=1280)
    log_in(office, head)
    office.goto("/dinas/pp/")
    office.locator("[data-testid=pp-queue-row]").get_by_role("link", name="Sri Rahayu").click()
    office.wait_for_url(f"**/dinas/pp/{agreement.pk}/")
    shoot(office, "5-office-review")
    assert "Anda menandatangani sebagai Kepala Dinas." in office.inner_text("main")
    office.click("[data-testid=sign]")
    # Signing asks first, naming what it does; cancelling leaves the PP unsigned.
    dialog = office.locator("[data-testid=confirm-dialog]")
    assert "tidak dapat diubah lagi" in dialog.inner_text()
    shoot(office, "5-sign-confirm")
    dialog.get_by_role("button", name="Batal").click()
    office.locator("[data-testid=confirm-dialog]").wait_for(state="detached")  # the dialog goes once closed
    office.click("[data-testid=sign]")
    office.click("[data-testid=confirm-dialog-yes]")
    office.wait_for_url("**/dinas/pp/")
    assert "PP ditandatangani" in office.inner_text("body")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.VERIFIED and agreement.number

    # The CPMI sees the verified PP on her application and dashboard, and downloads the PDF.
    cpmi.goto(f"/lamaran/{application.pk}/")
    assert "PP Telah Diverifikasi" in cpmi.locator("[data-testid=agreement]").inner_text()
    cpmi.goto("/dasbor/")
    card = cpmi.locator("[data-testid=agreements-card]")
    assert card.locator("[data-testid=agreement-status]").inner_text() == "PP Telah Diverifikasi"
    with cpmi.expect_download() as download_info:
        card.get_by_role("link", name="Unduh PP (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"{agreement.number.replace('/', '-')}.pdf"
    pdf_path = tmp_path / "pp.pdf"
    download.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    shoot_pdf(pdf_path, "6-pp-pdf")

    # Anyone holding the printed PP checks it on the public verification page.
    public = new_page()
    public.goto(f"/verifikasi/pp/{agreement.verification_code}/")
    assert "Tanda tangan elektronik SAH." in public.locator("[data-testid=signature-valid]").inner_text()
    assert agreement.number in public.inner_text("main")
    assert "Sri Rahayu" not in public.inner_text("main")  # the name is masked
    shoot(public, "7-public-verification")
