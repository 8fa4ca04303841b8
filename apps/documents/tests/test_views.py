"""The public verification page and the office's register book, as their users see them."""

import copy
import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from apps.audit.models import AuditEvent
from apps.documents import services
from apps.documents.models import DocumentType, IssuedDocument, RegisterEntry, RegisterStatus
from apps.documents.tests.conftest import issue
from testing import factories

pytestmark = pytest.mark.django_db
BOOK = reverse("documents:register_book")


@pytest.fixture
def document(office, officer, office_head):
    return issue(office, officer, office_head)


def verify_page(client, code):
    return client.get(reverse("documents:verify", args=[code]))


# --- the public verification page --------------------------------------------------------------------------


def test_a_valid_document_shows_its_facts_masked_and_the_office_key(client, document):
    response = verify_page(client, document.verification_code)
    page = response.content.decode()
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex"
    assert 'data-testid="status-valid"' in page and "SAH" in page
    assert "Rekomendasi Paspor" in page and document.entry.number in page
    assert "Dinas Tenaga Kerja Kota Depok" in page and "Eko Kadis" in page
    assert "S*** A*****" in page and "3276**********01" in page
    assert "Siti Aminah" not in page and "3276011403950001" not in page
    assert "BEGIN PUBLIC KEY" in page and "document_verify" in page


def test_a_revoked_document_says_when_and_why(client, document, office_head):
    services.document_revoke(document=document, actor=office_head, reason="Paspor atas nama lain.")
    page = verify_page(client, document.verification_code).content.decode()
    assert 'data-testid="status-revoked"' in page and "DICABUT" in page
    assert "Paspor atas nama lain." in page
    assert 'data-testid="status-valid"' not in page


def test_an_altered_signature_shows_not_valid_and_no_content(client, document):
    head, encoded = document.signature.split(":")
    IssuedDocument.objects.filter(pk=document.pk).update(signature=f"{head}:{encoded[::-1]}")
    response = verify_page(client, document.verification_code)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="status-invalid"' in page and "TIDAK SAH" in page
    assert "S*** A*****" not in page  # nothing of a content that no longer matches its signature


def test_an_altered_content_shows_not_valid(client, document):
    altered = copy.deepcopy(document.snapshot)
    altered["body"]["destination"] = "Jepang"
    IssuedDocument.objects.filter(pk=document.pk).update(snapshot=altered)
    assert 'data-testid="status-invalid"' in verify_page(client, document.verification_code).content.decode()


def test_a_forged_code_is_not_found(client, document):
    forged = document.verification_code[:-1] + ("A" if document.verification_code[-1] != "A" else "B")
    response = verify_page(client, forged)
    assert response.status_code == 404
    page = response.content.decode()
    assert 'data-testid="status-unknown"' in page and "TIDAK DITEMUKAN" in page


def test_the_public_key_downloads_as_pem(client, document):
    response = client.get(reverse("documents:public_key", args=[document.office_id]))
    assert response.status_code == 200 and response.content.startswith(b"-----BEGIN PUBLIC KEY-----")
    assert client.get(reverse("documents:public_key", args=[999999])).status_code == 404


def test_an_exported_document_checks_offline(client, document, officer, tmp_path, capsys):
    client.force_login(officer)
    response = client.get(reverse("documents:document_json", args=[document.entry_id]))
    assert response.status_code == 200
    exported = json.loads(response.content)
    assert AuditEvent.objects.filter(action="document.export_json").exists()
    good = tmp_path / "dokumen.json"
    good.write_text(json.dumps(exported), encoding="utf-8")
    call_command("document_verify", str(good))
    assert "VALID" in capsys.readouterr().out

    pem = tmp_path / "kunci.pem"
    pem.write_bytes(client.get(reverse("documents:public_key", args=[document.office_id])).content)
    exported["snapshot"]["number"] = "562/9999/REK-PASPOR/XI/2026"
    exported.pop("public_key")
    bad = tmp_path / "palsu.json"
    bad.write_text(json.dumps(exported), encoding="utf-8")
    with pytest.raises(CommandError, match="INVALID"):
        call_command("document_verify", str(bad), "--public-key", str(pem))


# --- the register book -------------------------------------------------------------------------------------


def test_the_book_shows_only_the_offices_own_entries(client, office, officer, other_office_officer, document):
    bogor = services.register_allocate(
        office=factories.office("32.71"), document_type="kitki", actor=other_office_officer, subject="Bogor CPMI"
    )
    client.force_login(officer)
    page = client.get(BOOK).content.decode()
    assert document.entry.number in page and "Bogor CPMI" not in page
    client.force_login(other_office_officer)
    assert client.get(reverse("documents:register_cancel", args=[document.entry_id])).status_code == 404
    assert bogor.number in client.get(BOOK).content.decode()


def test_the_book_filters(client, office, officer):
    for subject, kind in [("Ani Taiwan", "passport_rec"), ("Budi Jepang", "passport_rec"), ("Citra", "kitki")]:
        services.register_allocate(office=office, document_type=kind, actor=officer, subject=subject)
    cancelled = RegisterEntry.objects.get(subject="Budi Jepang")
    services.register_cancel(entry=cancelled, actor=officer, reason="Tidak jadi")
    client.force_login(officer)

    def subjects(**params):
        response = client.get(BOOK, params)
        return sorted(entry.subject for entry in response.context["page"].object_list)

    assert subjects() == ["Ani Taiwan", "Budi Jepang", "Citra"]
    assert subjects(jenis="kitki") == ["Citra"]
    assert subjects(status="cancelled") == ["Budi Jepang"]
    assert subjects(q="taiwan") == ["Ani Taiwan"]
    assert subjects(q=cancelled.number) == ["Budi Jepang"]
    assert subjects(tahun=cancelled.year, bulan=cancelled.entry_date.month) == ["Ani Taiwan", "Budi Jepang", "Citra"]
    assert subjects(jenis="bukan-jenis") == ["Ani Taiwan", "Budi Jepang", "Citra"]  # a bad filter is ignored


def test_the_book_shows_revoked_documents_apart(client, office, officer, office_head, document):
    issue(office, officer, office_head, subject="Masih berlaku")
    services.document_revoke(document=document, actor=office_head, reason="Salah data")
    client.force_login(officer)
    revoked = client.get(BOOK, {"status": "revoked"}).context["page"].object_list
    valid = client.get(BOOK, {"status": "issued"}).context["page"].object_list
    assert [e.pk for e in revoked] == [document.entry_id]
    assert [e.subject for e in valid] == ["Masih berlaku"]


def test_the_book_page_queries_do_not_grow_with_rows(
    client, office, officer, office_head, django_assert_max_num_queries
):
    issue(office, officer, office_head)
    client.force_login(officer)
    with django_assert_max_num_queries(12) as few:
        client.get(BOOK)
    for n in range(30):
        entry = issue(office, officer, office_head, subject=f"CPMI {n}").entry
        if n % 3 == 0:
            services.register_allocate(office=office, document_type="kitki", actor=officer, subject="x")
    del entry
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(BOOK)
    assert len(response.context["page"].object_list) == 41


def test_the_print_view_lists_the_filtered_book(client, office, officer, document):
    services.register_allocate(office=office, document_type="kitki", actor=officer, subject="Kartu KITKI")
    client.force_login(officer)
    page = client.get(reverse("documents:register_print"), {"jenis": "kitki"}).content.decode()
    assert "Kartu KITKI" in page and document.entry.number not in page
    assert "register-print" in page and "Kartu Identitas TKI" in page


def test_csv_export(client, office, officer, document):
    entry = services.register_allocate(office=office, document_type="kitki", actor=officer, subject="=HYPERLINK()")
    services.register_cancel(entry=entry, actor=officer, reason="Salah")
    client.force_login(officer)
    response = client.get(reverse("documents:register_export"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv") and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Tahun", "No. urut", "Nomor"]
    by_number = {row[2]: row for row in rows[1:]}
    assert by_number[document.entry.number][6] == "Diterbitkan"
    assert by_number[entry.number][5] == "'=HYPERLINK()"  # a formula is written as text
    assert by_number[entry.number][6:8] == ["Dibatalkan", "Salah"]
    assert AuditEvent.objects.filter(action="document.register_export").exists()


def test_xlsx_export(client, office, officer, document):
    client.force_login(officer)
    response = client.get(reverse("documents:register_export"), {"format": "xlsx", "jenis": "passport_rec"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "Nomor" and rows[1][2] == document.entry.number
    assert rows[1][5] == "Siti Aminah — Taiwan"


def test_an_officer_cancels_an_unused_number_with_a_reason(client, office, officer):
    entry = services.register_allocate(office=office, document_type="kitki", actor=officer, subject="KITKI Ani")
    client.force_login(officer)
    url = reverse("documents:register_cancel", args=[entry.pk])
    assert "Batalkan nomor" in client.get(url).content.decode()
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and 'aria-invalid="true"' in response.content.decode()
    response = client.post(url, {"reason": "CPMI mengundurkan diri.", "next_query": "jenis=kitki"})
    assert response.status_code == 302 and response["Location"] == f"{BOOK}?jenis=kitki"
    entry.refresh_from_db()
    assert entry.status == RegisterStatus.CANCELLED and entry.cancel_reason == "CPMI mengundurkan diri."
    assert client.get(url).status_code == 404  # already cancelled: nothing to cancel


def test_an_officer_cannot_revoke_but_the_division_head_can(client, document, officer, division_head):
    url = reverse("documents:document_revoke", args=[document.entry_id])
    client.force_login(officer)
    assert client.get(url).status_code == 404
    assert 'href="' + url not in client.get(BOOK).content.decode()
    client.force_login(division_head)
    assert url in client.get(BOOK).content.decode()
    response = client.post(url, {"reason": "Data paspor salah."})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.revoke_reason == "Data paspor salah." and document.revoked_by == division_head


def test_the_office_head_previews_and_sets_a_number_format(client, office, office_head, officer):
    url = reverse("documents:register_formats")
    client.force_login(office_head)
    pattern = "562/{seq:04d}/PTK/{month_roman}/{year}"
    response = client.post(url, {"document_type": "passport_rec", "pattern": pattern, "action": "preview"})
    assert response.status_code == 200 and "562/0001/PTK/" in response.context["preview"]
    assert not office.register_formats.exists()
    response = client.post(url, {"document_type": "passport_rec", "pattern": "562/PTK/{year}", "action": "save"})
    assert "{seq}" in response.content.decode() and 'aria-invalid="true"' in response.content.decode()
    response = client.post(url, {"document_type": "passport_rec", "pattern": pattern, "action": "save"})
    assert response.status_code == 302
    entry = services.register_allocate(
        office=office, document_type=DocumentType.PASSPORT_RECOMMENDATION, actor=officer, subject="x"
    )
    assert "/PTK/" in entry.number


def test_an_officer_sees_the_formats_but_cannot_change_them(client, office, officer):
    client.force_login(officer)
    url = reverse("documents:register_formats")
    page = client.get(url).content.decode()
    assert "REK-PASPOR" in page and "Simpan" not in page
    assert client.post(url, {"document_type": "kitki", "pattern": "K/{seq}"}).status_code == 404


def test_a_delegated_signer_reads_once_not_twice(client, office, officer, division_head):
    entry = services.register_allocate(
        office=office, document_type=DocumentType.PASSPORT_RECOMMENDATION, actor=officer, subject="Siti — Taiwan"
    )
    document = services.document_issue(
        entry=entry,
        body={"candidate": {"name": "Siti Aminah"}},
        signer=division_head,
        authority="a.n. Kepala Dinas, Kepala Bidang PTK",
        actor=officer,
    )
    page = verify_page(client, document.verification_code).content.decode()
    signer = page.split('data-testid="signer"', 1)[1].split("</dd>", 1)[0]
    assert "a.n. Kepala Dinas, Kepala Bidang PTK" in signer
    assert signer.count("Kepala Bidang PTK") == 1
