"""A job seeker sends the CPMI form from a phone; an officer rejects one document; the CPMI revises it;
the officer verifies. Set SIPMI_SCREENSHOTS=<folder> to save screenshots of each page at 360 and 1280 px."""

import datetime
import re

import pytest
from django.utils import timezone

from apps.cpmi.models import CpmiRegistration, RegistrationStatus
from apps.cpmi.tests.builders import PDF_BYTES, complete_profile, png_bytes
from testing import factories
from testing.browser import log_in, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = png_bytes(size=(600, 400))


def attach(page, field, name, mime="image/png", data=PNG):
    page.set_input_files(f"#id_{field}", {"name": name, "mimeType": mime, "buffer": data})


def review_document(page, kind, accept=True, reason=""):
    """Accept or reject one document through its htmx form, and wait for the swapped fragment."""
    page.wait_for_function("() => window.htmx !== undefined")
    section = page.locator(f"section[data-kind={kind}]")
    if not accept:
        section.locator("textarea[name=reason]").fill(reason)
    expected = "Diterima" if accept else "Ditolak"
    with page.expect_response(lambda r: "/dokumen/" in r.url and r.request.method == "POST") as answer:
        section.locator(f"button[value={'accept' if accept else 'reject'}]").click()
    assert answer.value.status == 200, answer.value.status
    page.wait_for_function(
        "([kind, text]) => document.querySelector(`section[data-kind=${kind}] [data-testid=review-status]`)"
        "?.textContent.trim() === text",
        arg=[kind, expected],
    )


def test_register_reject_revise_and_verify(new_page, live_server):
    applicant = factories.user(full_name="Sri Rahayu", email="sri@contoh.id")
    complete_profile(applicant)
    officer = factories.staff(full_name="Citra Petugas", email="citra@depok.go.id")
    today = timezone.localdate()

    # The job seeker fills in the form on a phone.
    cpmi = new_page()
    log_in(cpmi, applicant)
    cpmi.get_by_role("link", name="Daftar sebagai CPMI").click()
    cpmi.wait_for_url("**/cpmi/formulir/")
    cpmi.fill("#id_certificate_number", "BNSP-2026-0001")
    cpmi.fill("#id_certificate_scheme", "Perawat lansia")
    attach(cpmi, "file_competency_certificate", "sertifikat.pdf", "application/pdf", PDF_BYTES)
    cpmi.fill("#id_health_certificate_number", "SKS/45/2026")
    cpmi.fill("#id_health_clinic", "Puskesmas Pancoran Mas")
    cpmi.fill("#id_health_doctor", "dr. Sari")
    cpmi.fill("#id_health_certificate_date", (today - datetime.timedelta(days=2)).isoformat())
    attach(cpmi, "file_health_certificate", "sehat.png")
    for kind in ("bpjs_card", "ktp", "family_card", "birth_certificate", "ak1_card"):
        attach(cpmi, f"file_{kind}", f"{kind}.png")
    cpmi.fill("#id_ak1_number", "AK1-3276-77")
    cpmi.fill("#id_ak1_valid_until", (today + datetime.timedelta(days=300)).isoformat())
    shoot(cpmi, "1-form")
    cpmi.click("main button[name=action][value=submit]")
    cpmi.wait_for_url("**/cpmi/")
    assert cpmi.locator("[data-testid=cpmi-status]").inner_text() == "Diajukan"
    assert "Kota Depok" in cpmi.locator("[data-testid=cpmi-office]").inner_text()

    # The officer finds it in the queue, opens a file, rejects the KTP and accepts the rest.
    office = new_page(width=1280)
    log_in(office, officer)
    office.goto("/cpmi/antrean/")
    shoot(office, "2-queue")
    office.get_by_role("link", name="Sri Rahayu").click()
    office.wait_for_url(re.compile(r".*/cpmi/periksa/\d+/$"))
    file_url = office.locator("section[data-kind=ktp] a").first.get_attribute("href")
    opened = office.request.get(file_url)
    assert opened.status == 200 and opened.body() == PNG
    review_document(office, "ktp", accept=False, reason="Foto KTP terpotong")
    for kind in (
        "competency_certificate",
        "health_certificate",
        "bpjs_card",
        "family_card",
        "birth_certificate",
        "ak1_card",
    ):
        review_document(office, kind)
    shoot(office, "3-review")
    office.fill("#id_note", "Unggah ulang KTP yang utuh.")
    office.click("main button[name=action][value=reject]")
    # Rejecting asks first, naming what the applicant must then do.
    dialog = office.locator("[data-testid=confirm-dialog]")
    assert "harus merevisi" in dialog.inner_text()
    shoot(office, "3-reject-confirm")
    dialog.locator("[data-testid=confirm-dialog-yes]").click()
    office.wait_for_url("**/cpmi/antrean/")

    # The CPMI reads why, revises and replaces only the KTP.
    cpmi.goto("/cpmi/")
    assert cpmi.locator("[data-testid=cpmi-status]").inner_text() == "Ditolak"
    assert "Foto KTP terpotong" in cpmi.locator("[data-testid=rejection-detail]").inner_text()
    shoot(cpmi, "4-rejected")
    cpmi.get_by_role("button", name="Revisi Pengajuan").click()
    cpmi.wait_for_url("**/cpmi/formulir/")
    assert cpmi.locator("#id_file_bpjs_card").count() == 0  # accepted: locked
    attach(cpmi, "file_ktp", "ktp-utuh.png")
    shoot(cpmi, "5-revising")
    cpmi.click("main button[name=action][value=submit]")
    cpmi.wait_for_url("**/cpmi/")
    assert cpmi.locator("[data-testid=cpmi-status]").inner_text() == "Diajukan"

    # The officer accepts the new KTP and verifies.
    registration = CpmiRegistration.objects.get(applicant=applicant)
    office.goto(f"/cpmi/periksa/{registration.pk}/")
    review_document(office, "ktp")
    office.click("main button[name=action][value=verify]")
    office.wait_for_url("**/cpmi/antrean/")

    cpmi.goto("/cpmi/")
    assert cpmi.locator("[data-testid=cpmi-status]").inner_text() == "Terverifikasi"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.VERIFIED
    number = registration.candidate.registration_number
    assert cpmi.locator("[data-testid=cpmi-number]").inner_text() == number
    shoot(cpmi, "6-verified")
