"""A new person signs up on a phone, reads the OTP from the outbox, activates and completes the profile."""

import datetime
import io
import re

import pytest
from PIL import Image

from apps.accounts.models import User
from apps.agencies.models import AgencyMember, PlacementAgency
from apps.profiles.selectors import profile_progress
from apps.registry.models import DemoWlkpCompany
from testing import factories
from testing.browser import sign_up_contact, sign_up_identity
from testing.outbox import otp_sent_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (900, 1200), (200, 160, 120)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_new_user_registers_activates_and_completes_the_profile(new_page, live_server):
    person = factories.registry_person(sex="P", birth_date=datetime.date(1998, 11, 17), mother="Nur Hidayah")
    village = factories.village()
    page = new_page()

    # Sign up: the region selects fill one after another through htmx.
    page.goto("/daftar/")
    sign_up_identity(page, person, parent_name="Nur Hidayah")
    sign_up_contact(
        page,
        email="dewi@contoh.id",
        phone="0813 2222 3333",
        village=village,
        marital_status="single",
        street="Jl. Melati 5",
    )
    page.click("text=Daftar Sekarang >> nth=-1")

    page.wait_for_url("**/daftar/aktivasi/")
    assert "+6281322223333" in page.content()

    code = otp_sent_to("+6281322223333")
    page.fill("#id_code", code)
    page.click("text=Konfirmasi")
    page.wait_for_url("**/dasbor/pencaker/")
    assert page.locator("[data-testid=profile-percent]").inner_text() == "0%"

    complete_profile(page)

    page.goto("/dasbor/pencaker/")
    assert page.locator("[data-testid=profile-percent]").inner_text() == "100%"
    assert "Profil Anda sudah lengkap" in page.content()
    user = User.objects.get(nik=person.nik)
    assert user.is_activated
    assert profile_progress(user).is_complete


def test_a_company_signs_up_with_a_wlkp_code_and_its_owner_activates(new_page, live_server):
    person = factories.registry_person(sex="L", birth_date=datetime.date(1985, 4, 2), father="Hendra Gunawan")
    DemoWlkpCompany.objects.create(
        wlkp_code="WLKP-3276-0001",
        name="PT Sinar Depok Garmen",
        nib="8120001000011",
        address="Jl. Raya Sawangan No. 21, Depok",
        regency_code="32.76",
        sector="Industri pengolahan (garmen)",
    )
    village = factories.village()
    page = new_page()

    # The register page offers the three sign-ups.
    page.goto("/daftar/")
    page.get_by_role("link", name=re.compile("Daftar sebagai perusahaan")).click()
    page.wait_for_url("**/daftar/perusahaan/")

    # The owner first: the same identity check as every sign-up, here with the father's name.
    sign_up_identity(page, person, parent="father", parent_name="Hendra Gunawan")

    # The WLKP code fills the company's data; checking it saves nothing.
    page.select_option("#id_kind", "domestic")
    page.fill("#id_wlkp_code", "wlkp-3276-0001")
    page.click("[data-testid=wlkp-check]")
    found = page.locator("[data-testid=wlkp-found]")
    assert "PT Sinar Depok Garmen" in found.inner_text() and "8120001000011" in found.inner_text()

    # The owner's contact details, password and address.
    sign_up_contact(page, email="pemilik@sinar.id", phone="0813 4444 5555", village=village)
    page.click("text=Daftar Sekarang >> nth=-1")

    page.wait_for_url("**/daftar/aktivasi/")
    code = otp_sent_to("+6281344445555")
    page.fill("#id_code", code)
    page.click("text=Konfirmasi")
    page.wait_for_url("**/dasbor/perusahaan/")
    card = page.locator("[data-testid=agencies-agency-card]").inner_text()
    assert "PT Sinar Depok Garmen" in card and "Pemberi kerja dalam negeri" in card

    # The owner manages the team: invite by e-mail, shown as Pending.
    page.get_by_role("link", name="Tim").click()
    page.fill("#id_email", "staf@sinar.id")
    page.click("text=Kirim undangan")
    assert "staf@sinar.id" in page.content() and "Pending" in page.content()
    agency = PlacementAgency.objects.get(wlkp_code="WLKP-3276-0001")
    assert AgencyMember.objects.get(agency=agency, user__nik=person.nik).role == "owner"


def press(page, action):
    page.click(f"main button[name=action][value={action}]")
    page.wait_for_load_state()


def complete_profile(page):
    page.get_by_role("link", name="Lengkapi Profil").click()
    # 1. Photo: checked by content and resized.
    page.wait_for_url("**/profil/langkah/foto/")
    page.set_input_files("#id_photo", {"name": "foto.png", "mimeType": "image/png", "buffer": png_bytes()})
    press(page, "continue")
    # 2. Personal data: the domicile selects start from the KTP address.
    page.wait_for_url("**/profil/langkah/data-diri/")
    page.fill("#id_description", "Pekerja rumah tangga berpengalaman, siap bekerja di luar negeri.")
    page.check("#id_looking_for_training")
    page.fill("#id_wanted_jobs", "Perawat lansia, pekerja rumah tangga")
    if not page.input_value("#id_domicile_street"):
        page.fill("#id_domicile_street", "Jl. Melati 5")
    press(page, "continue")
    # 3. Work experience: one entry.
    page.wait_for_url("**/profil/langkah/pengalaman/")
    page.fill("#id_company", "Keluarga Tan")
    page.fill("#id_position", "Pengasuh anak")
    page.fill("#id_start_date", "2019-01-01")
    page.fill("#id_end_date", "2022-06-30")
    press(page, "add")
    assert page.locator("[data-testid=profile-item]").count() == 1
    press(page, "continue")
    # 4-6. Training, education and certifications may be skipped.
    for step in ("pelatihan", "pendidikan", "sertifikasi"):
        page.wait_for_url(f"**/profil/langkah/{step}/")
        press(page, "skip")
    # 7. Skills cannot be skipped: finishing without one is refused.
    page.wait_for_url("**/profil/langkah/keahlian/")
    assert page.locator("main button[name=action][value=skip]").count() == 0
    press(page, "continue")
    assert page.locator(".alert-danger, .invalid-feedback").count() >= 1
    page.fill("#id_name", "Merawat lansia")
    press(page, "add")
    press(page, "continue")
