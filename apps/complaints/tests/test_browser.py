"""A complaint from filing to answer: someone without an account finds the office's service page on a phone,
files a complaint and keeps the code; the office's officer sees it on the dashboard and answers; the complainant
reads the answer by the code. Set SIPMI_SCREENSHOTS=<folder> to save each page at 360 and 1280 px."""

import re

import pytest

from apps.complaints.models import Complaint, ComplaintStatus
from apps.messaging.models import Channel
from testing import factories
from testing.browser import log_in, shoot
from testing.outbox import received

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_complaint_from_filing_to_answer(new_page, live_server):
    officer = factories.staff(full_name="Citra Petugas", email="citra@depok.go.id")

    # The public finds the office's service information without an account.
    public = new_page()
    public.goto("/")
    public.get_by_role("link", name="Informasi layanan", exact=True).click()
    public.fill("#office-search", "Depok")
    public.get_by_role("button", name="Cari").click()
    shoot(public, "complaint-01-offices")
    public.locator("[data-testid=office-list] a", has_text="Kota Depok").first.click()
    assert "Tidak dipungut biaya" in public.locator("[data-testid=fee]").first.inner_text()
    shoot(public, "complaint-02-office-services")

    # An empty complaint gets clear messages; a complete one a code.
    public.get_by_test_id("complain").click()
    public.get_by_role("button", name="Kirim pengaduan").click()
    # wait_for, not is_visible: the latter does not wait for the page the click reloads (flaky under load).
    public.locator("#text-error", has_text="Tuliskan isi pengaduan Anda.").wait_for(state="visible")
    # The summary at the top lists the same error as a link to the field.
    assert public.get_by_role("link", name="Isi pengaduan: Tuliskan isi pengaduan Anda.").is_visible()
    shoot(public, "complaint-03-form-errors")
    public.select_option("#id_service", "passport_recommendation")
    public.fill("#id_text", "Rekomendasi paspor saya belum selesai setelah dua minggu.")
    public.fill("#id_name", "Rina Wulandari")
    public.fill("#id_phone", "0812 3456 7890")
    public.get_by_role("button", name="Kirim pengaduan").click()
    public.wait_for_url("**/pengaduan/terkirim/")
    code = public.get_by_test_id("tracking-code").inner_text().strip()
    assert re.fullmatch(r"ADU-\w{4}-\w{4}", code)
    shoot(public, "complaint-04-code")

    # The officer sees it on the dashboard and answers.
    office = new_page(width=1280)
    log_in(office, officer)
    assert "1 pengaduan menunggu jawaban." in office.get_by_test_id("open-complaints").inner_text()
    office.get_by_role("link", name="Buka pengaduan").click()
    shoot(office, "complaint-05-office-list")
    office.locator("[data-testid=complaint-row] a").first.click()
    office.get_by_role("button", name="Kirim jawaban").click()
    office.locator("#answer-error", has_text="Tuliskan jawaban untuk pengadu.").wait_for(state="visible")
    office.fill("#id_answer", "Mohon maaf. Berkas Anda sudah kami proses; rekomendasi dapat diambil besok.")
    office.get_by_role("button", name="Kirim jawaban").click()
    office.get_by_text("Jawaban dikirim.").wait_for()
    shoot(office, "complaint-06-office-answered")
    assert Complaint.objects.get().status == ComplaintStatus.ANSWERED
    assert received(channel=Channel.SMS, recipient="+6281234567890")

    # The complainant reads the answer by the code; a wrong code gets a clear message.
    public.goto("/pengaduan/cek/")
    public.fill("#id_code", "ADU-0000-0000")
    public.get_by_role("button", name="Lihat").click()
    public.get_by_text("Tidak ada pengaduan dengan kode itu.").wait_for(state="visible")
    public.fill("#id_code", code.lower())
    public.get_by_role("button", name="Lihat").click()
    assert public.get_by_test_id("status").inner_text() == "Sudah dijawab"
    assert "rekomendasi dapat diambil besok" in public.get_by_test_id("answer").inner_text()
    shoot(public, "complaint-07-check")
