"""The passport recommendation in a browser, on a phone: the company opens the request for its selected CPMI and
uploads what the platform does not hold; the officer receives it and works every step of the SOP (checklist,
recruiting officer, interview, SPR, CPMI data, register number, selection minutes, draft); the company signs the
hand-over minutes; the division head approves from the dashboard; the company downloads the recommendation and
the QR code's address opens the public verification page, which says it is valid.

Set SIPMI_SCREENSHOTS=<folder> to save screenshots at 360 and 1280 px."""

import datetime
import re

import pytest
from django.utils import timezone

from apps.documents.models import DocumentType
from apps.officeservices.models import RequestStatus, ServiceRequest
from apps.officeservices.tests.builders import PDF_BYTES, cpmi_with_file
from testing import factories
from testing.browser import log_in, shoot
from testing.pdfs import has_qr_of, pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def step(page, name):
    """Press the current step's button and wait for the request page to come back."""
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def test_passport_recommendation_from_request_to_verified_pdf(new_page, live_server, settings, tmp_path):
    settings.SITE_URL = live_server.url  # the QR code points at this server
    officer = factories.staff(full_name="Citra Petugas", email="citra@depok.go.id")
    kabid = factories.staff(position="division_head", full_name="Kurnia Kabid", email="kurnia@depok.go.id")
    company = factories.agency(name="PT Maju Bersama")
    staff = factories.agency_member(agency=company, full_name="Fajar Maju", email="fajar@maju.co.id")
    factories.approved_officer(agency=company, full_name="Rudi Rekrut")
    cpmi = cpmi_with_file(company, user=factories.user(full_name="Sri Rahayu"))
    permit = cpmi.applications.get().vacancy.permit

    # The company opens the request for its selected CPMI.
    company_page = new_page()
    log_in(company_page, staff)
    company_page.goto("/perusahaan/layanan/baru/")
    company_page.get_by_label("Rekomendasi Paspor CPMI").check()
    company_page.get_by_label(re.compile("Sri Rahayu")).check()
    company_page.locator("#id_recruiting_officer").select_option(index=1)
    company_page.get_by_label("Nomor surat permohonan").fill("021/MB/XI/2026")
    company_page.get_by_label("Kantor imigrasi tujuan (untuk rekomendasi paspor)").fill("Kantor Imigrasi Kelas I Depok")
    company_page.get_by_role("button", name="Buat permohonan").click()
    company_page.wait_for_url(re.compile(r"/layanan/\d+/$"))
    assert company_page.locator("[data-testid=auto-attached]").count() >= 6  # from the CPMI's file and profile
    # It uploads what the platform does not hold, then sends it.
    pdf_file = tmp_path / "berkas.pdf"
    pdf_file.write_bytes(PDF_BYTES)
    while company_page.locator("[data-testid=checklist-entry]:has([data-testid=entry-missing])").count():
        entry = company_page.locator("[data-testid=checklist-entry]:has([data-testid=entry-missing])").first
        entry.locator("input[type=file]").set_input_files(str(pdf_file))
        entry.get_by_role("button", name="Unggah").click()
        company_page.wait_for_load_state()
    shoot(company_page, "1-request-complete")
    step(company_page, "Ajukan ke dinas")
    assert company_page.locator("[data-testid=request-status]").inner_text() == "Diajukan"
    request = ServiceRequest.objects.get()

    # The officer finds it in the queue and works the steps.
    office = new_page()
    log_in(office, officer)
    office.goto("/dinas/layanan/")
    office.get_by_role("link", name=re.compile(request.reference)).click()
    step(office, "Terima permohonan")
    step(office, "Berkas lengkap dan sesuai")
    step(office, "Lanjutkan")  # the recruiting officer is approved by this office
    interview = office.locator("[data-testid=interview-form]")
    when = timezone.localtime() - datetime.timedelta(minutes=15)
    interview.get_by_label("Waktu wawancara").fill(when.strftime("%Y-%m-%dT%H:%M"))
    interview.get_by_label("Hasil").select_option("passed")
    interview.get_by_role("button", name="Catat wawancara").click()
    office.wait_for_load_state()
    step(office, "Wawancara selesai")
    office.get_by_label("Nomor SPR").select_option(str(permit.pk))
    office.get_by_label("SPR sesuai dengan salinan yang dibawa perusahaan").check()
    step(office, "Periksa SPR dan pakai kuota")
    step(office, "Data CPMI sesuai")
    step(office, "Catat nomor register")
    step(office, "Susun Berita Acara Seleksi")
    step(office, "Draf siap")
    assert "Menunggu tanda tangan BAST" in office.locator("[data-testid=request-status]").inner_text()
    shoot(office, "2-officer-timeline")

    # The company signs the hand-over minutes in the app.
    company_page.reload()
    step(company_page, "Tandatangani Berita Acara Serah Terima")

    # The division head sees it waiting on the dashboard and approves.
    head = new_page()
    log_in(head, kabid)
    assert "1 menunggu persetujuan Kabid" in head.locator("[data-testid=officeservices-office-card]").inner_text()
    head.locator("[data-testid=approval-queue-link]").click()
    head.get_by_role("link", name=re.compile(request.reference)).click()
    shoot(head, "3-approval")
    step(head, "Setujui dan tandatangani")
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_PROGRESS and request.current_step == "archive"

    # The company downloads the recommendation; its QR code carries the verification address.
    company_page.reload()
    recommendation = request.documents.get(document_type=DocumentType.PASSPORT_RECOMMENDATION)
    link = company_page.locator(f"a[href$='/dokumen/{recommendation.pk}/']")
    with company_page.expect_download() as download_info:
        link.click()
    content = tmp_path / "rekomendasi.pdf"
    download_info.value.save_as(content)
    pdf = content.read_bytes()
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert recommendation.entry.number in text and "Sri Rahayu" in text
    url = f"{live_server.url}/verifikasi/dokumen/{recommendation.document.verification_code}/"
    assert has_qr_of(pdf, url)

    # Anyone scanning it sees the public verification page say the document is valid.
    public = new_page()
    public.goto(url)
    main = public.inner_text("main")
    # The documents app's page marks a valid document with `status-valid` (its first version printed the status).
    assert public.locator("[data-testid=status-valid]").count() == 1 or main.strip() == "valid"
    assert "Sri Rahayu" not in main  # the name is masked
    shoot(public, "4-public-verification")
