"""The complaint pages with personas: filing and checking without an account, the office's list and answer page,
the attachment, and the office dashboard's card."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.complaints.models import Complaint, ComplaintStatus
from apps.complaints.tests.helpers import TEXT, file_complaint
from apps.cpmi.tests.builders import PDF_BYTES

pytestmark = pytest.mark.django_db


def _form(target, **overrides):
    return {
        "office": target.pk,
        "service": "passport_recommendation",
        "text": TEXT,
        "phone": "081234567890",
        **overrides,
    }


def test_anyone_files_and_sees_the_code_once(client, depok):
    response = client.get(f"/pengaduan/?kantor={depok.pk}")
    assert f'<option value="{depok.pk}" selected>' in response.content.decode()

    response = client.post("/pengaduan/", _form(depok), follow=True)

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/pengaduan/terkirim/"
    assert "Simpan kode ini sekarang" in page
    complaint = Complaint.objects.get()
    code = response.context["code"]
    assert complaint.code_hash and code in page
    # The second visit has nothing to show.
    again = client.get("/pengaduan/terkirim/")
    assert again.status_code == 302 and again["Location"] == "/pengaduan/cek/"


def test_bad_input_gets_indonesian_messages(client, depok):
    response = client.post("/pengaduan/", _form(depok, text="", phone="", email=""))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tuliskan isi pengaduan Anda." in page
    response = client.post("/pengaduan/", _form(depok, phone="", email=""))
    assert "agar kami dapat memberi tahu jika pengaduan dijawab" in response.content.decode()
    response = client.post("/pengaduan/", _form(depok, office=""))
    assert "Pilih dinas yang Anda adukan." in response.content.decode()
    assert not Complaint.objects.exists()


def test_an_attachment_of_the_wrong_type_is_refused_beside_its_field(client, depok):
    bad = SimpleUploadedFile("bukti.pdf", b"bukan pdf sama sekali", content_type="application/pdf")
    response = client.post("/pengaduan/", {**_form(depok), "attachment": bad})
    assert "Isi berkas bukan tipe yang diizinkan" in response.content.decode()
    assert not Complaint.objects.exists()


def test_too_many_complaints_from_one_address_are_refused(client, depok):
    for _ in range(5):
        assert client.post("/pengaduan/", _form(depok)).status_code == 302
    response = client.post("/pengaduan/", _form(depok))
    assert "Terlalu banyak pengaduan dari jaringan ini" in response.content.decode()
    assert Complaint.objects.count() == 5


def test_the_complainant_reads_the_answer_by_the_code(client, depok, officer):
    complaint, code = file_complaint(depok)
    page = client.post("/pengaduan/cek/", {"code": code}).content.decode()
    assert "Menunggu jawaban" in page and "Belum ada jawaban" in page and TEXT in page

    client.force_login(officer)
    client.post(f"/dinas/pengaduan/{complaint.pk}/", {"action": "answer", "answer": "Sudah kami proses ulang."})
    client.logout()

    page = client.post("/pengaduan/cek/", {"code": code.lower()}).content.decode()
    assert "Sudah dijawab" in page and "Sudah kami proses ulang." in page
    assert "+6281234567890" not in page  # the complainant's own contact is not shown back


def test_a_wrong_code_gets_a_clear_message(client, depok):
    file_complaint(depok)
    page = client.post("/pengaduan/cek/", {"code": "ADU-0000-0000"}).content.decode()
    assert "Tidak ada pengaduan dengan kode itu." in page
    page = client.post("/pengaduan/cek/", {"code": "???"}).content.decode()
    assert "Kode pelacakan tidak dikenali" in page
    page = client.post("/pengaduan/cek/", {"code": ""}).content.decode()
    assert "Masukkan kode pelacakan Anda." in page


def test_the_office_sees_its_own_complaints_oldest_first(client, depok, bogor, officer, django_assert_max_num_queries):
    older, _ = file_complaint(depok, text="Pengaduan pertama yang paling lama.")
    newer, _ = file_complaint(depok, text="Pengaduan kedua yang lebih baru.")
    file_complaint(bogor, text="Pengaduan untuk dinas Bogor saja.")
    Complaint.objects.filter(pk=older.pk).update(filed_at=timezone.now() - datetime.timedelta(days=14))
    client.force_login(officer)

    with django_assert_max_num_queries(8):
        response = client.get("/dinas/pengaduan/")

    page = response.content.decode()
    assert page.index("Pengaduan pertama") < page.index("Pengaduan kedua")
    assert "Bogor saja" not in page
    rows = response.context["rows"]
    assert rows[0].age >= 8 and rows[0].late and not rows[1].late
    assert "Lewat standar" in page


def test_the_filter_shows_answered_ones(client, depok, officer):
    answered, _ = file_complaint(depok, text="Pengaduan yang sudah dijawab dinas.")
    file_complaint(depok, text="Pengaduan yang masih terbuka.")
    client.force_login(officer)
    client.post(f"/dinas/pengaduan/{answered.pk}/", {"action": "answer", "answer": "Beres."})
    page = client.get("/dinas/pengaduan/", {"status": "answered"}).content.decode()
    assert "sudah dijawab dinas" in page and "masih terbuka" not in page
    page = client.get("/dinas/pengaduan/").content.decode()
    assert "sudah dijawab dinas" not in page and "masih terbuka" in page


def test_an_empty_answer_is_refused_on_the_page(client, depok, officer):
    complaint, _ = file_complaint(depok)
    client.force_login(officer)
    response = client.post(f"/dinas/pengaduan/{complaint.pk}/", {"action": "answer", "answer": ""})
    assert "Tuliskan jawaban untuk pengadu." in response.content.decode()
    assert Complaint.objects.get().status == ComplaintStatus.OPEN


def test_another_office_gets_404(client, depok, other_office_officer):
    complaint, _ = file_complaint(
        depok, uploaded=SimpleUploadedFile("bukti.pdf", PDF_BYTES, content_type="application/pdf")
    )
    client.force_login(other_office_officer)
    assert client.get(f"/dinas/pengaduan/{complaint.pk}/").status_code == 404
    assert client.get(f"/dinas/pengaduan/{complaint.pk}/lampiran/").status_code == 404
    assert client.post(f"/dinas/pengaduan/{complaint.pk}/", {"action": "close"}).status_code == 404
    assert Complaint.objects.get().status == ComplaintStatus.OPEN


def test_the_office_opens_the_attachment(client, depok, officer):
    complaint, _ = file_complaint(
        depok, uploaded=SimpleUploadedFile("bukti.pdf", PDF_BYTES, content_type="application/pdf")
    )
    client.force_login(officer)
    response = client.get(f"/dinas/pengaduan/{complaint.pk}/lampiran/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "sandbox" in response["Content-Security-Policy"]


def test_closing_from_the_page(client, depok, office_head):
    complaint, _ = file_complaint(depok)
    client.force_login(office_head)
    page = client.post(f"/dinas/pengaduan/{complaint.pk}/", {"action": "close"}, follow=True).content.decode()
    assert "Pengaduan ditutup." in page and "Ditutup oleh Eko Kadis" in page
    assert "Kirim jawaban" not in page


def test_the_dashboard_counts_open_complaints_and_the_oldest_age(client, depok, officer):
    older, _ = file_complaint(depok)
    file_complaint(depok)
    answered, _ = file_complaint(depok)
    answered.status = ComplaintStatus.ANSWERED
    answered.save()
    Complaint.objects.filter(pk=older.pk).update(filed_at=timezone.now() - datetime.timedelta(days=14))
    client.force_login(officer)

    response = client.get("/dasbor/dinas/")

    page = response.content.decode()
    assert "2 pengaduan menunggu jawaban." in page
    assert "Yang tertua menunggu" in page
