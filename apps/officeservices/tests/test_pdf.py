"""The office's official documents as PDFs: each type printed from its signed snapshot, in Indonesian, on A4 (the
KITKI on a card), with every name as typed, the number, the signer and the QR of the verification page."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from apps.officeservices.pdf import UnknownDocumentType, render_document_pdf
from apps.officeservices.tests.pdf_samples import NUMBERS, VERIFICATION_URL, snapshot
from testing.pdfs import font_names, has_qr_of, image_count, page_sizes_mm, pdf_text

A4_MM = (210.0, 297.0)
CARD_MM = (85.6, 54.0)
LETTERS = ["passport_rec", "id_cpmi", "selection_minutes", "handover_minutes"]
ALL_TYPES = [*LETTERS, "kitki"]


@pytest.mark.parametrize("kind", ALL_TYPES)
def test_every_document_prints_its_number_the_name_as_typed_and_the_verification_link(kind):
    content = render_document_pdf(snapshot(kind), VERIFICATION_URL)

    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    assert NUMBERS[kind] in text
    assert "Ñoman Ketut Sutrisna" in text
    assert VERIFICATION_URL in text
    assert has_qr_of(content, VERIFICATION_URL)


@pytest.mark.parametrize("kind", LETTERS)
def test_letters_are_a4_with_the_letterhead_and_the_signer(kind):
    content = render_document_pdf(snapshot(kind), VERIFICATION_URL)

    assert set(page_sizes_mm(content)) == {A4_MM}
    text = pdf_text(content)
    for printed in (
        "PEMERINTAH KOTA DEPOK",
        "DINAS TENAGA KERJA KOTA DEPOK",
        "Jl. Margonda Raya No. 54",
        "disnaker@depok.go.id",
        "Depok, 30 November 2026",
        "a.n. KEPALA DINAS TENAGA KERJA KOTA DEPOK",
        "KEPALA BIDANG PENEMPATAN TENAGA KERJA,",
        "Hady Ismanto, S.Sos., M.AP",
        "Pembina Tk. I / IV b",
        "NIP 19760717 199511 1 001",
        "ELEKTRONIK",
    ):
        assert printed in text, printed


@pytest.mark.parametrize("kind", ["passport_rec", "id_cpmi", "kitki"])
def test_single_cpmi_documents_fit_their_page(kind):
    # A recommendation, an ID sheet and a card that spill onto a second sheet don't look like official papers.
    content = render_document_pdf(snapshot(kind), VERIFICATION_URL)

    assert len(page_sizes_mm(content)) == (2 if kind == "kitki" else 1)


def test_documents_are_set_in_the_shipped_unicode_font_not_helvetica():
    for kind in ALL_TYPES:
        fonts = font_names(render_document_pdf(snapshot(kind), VERIFICATION_URL))

        assert fonts and all("DejaVuSans" in name for name in fonts), (kind, fonts)


def test_passport_recommendation_is_addressed_to_the_immigration_office():
    text = pdf_text(render_document_pdf(snapshot("passport_rec"), VERIFICATION_URL))

    for printed in (
        "Kepada",
        "Yth. Kepala Kantor Imigrasi Kelas I Non TPI Depok",
        "Perihal",
        "Rekomendasi Pembuatan Paspor",
        "3276011403950001",
        "Gianyar, 14 Maret 1995",
        "Taiwan",
        "Operator Produksi",
        "PT Maju Bersama Sejahtera (SIP2MI B.123/PPTKIS/2024)",
        "SPR/2026/TW/00311 (berlaku sampai 31 Mei 2027)",
        "surat permohonan PT Maju Bersama Sejahtera Nomor 045/MBS/XI/2026 tanggal 27 November 2026",
        "berlaku sampai dengan tanggal 28 Februari 2027",
        "Tembusan",
    ):
        assert printed in text, printed


def test_selection_minutes_list_every_cpmi_selected_with_the_company_and_spr():
    text = pdf_text(render_document_pdf(snapshot("selection_minutes"), VERIFICATION_URL))

    for printed in (
        "BERITA ACARA SELEKSI CALON PEKERJA MIGRAN INDONESIA",
        "Senin tanggal tiga puluh bulan November tahun dua ribu dua puluh enam (30-11-2026)",
        "Ñoman Ketut Sutrisna",
        "Siti Nur'aini",
        "3276015507980002",
        "2 (dua) orang",
        "SPR/2026/TW/00311",
        "PT Maju Bersama Sejahtera",
        "Rina Marlina",
        "Memenuhi syarat",
        "Petugas Rekrut P3MI",
        "Bambang Prasetyo",
    ):
        assert printed in text, printed


def test_handover_minutes_have_both_parties_and_the_documents_handed_over():
    text = pdf_text(render_document_pdf(snapshot("handover_minutes"), VERIFICATION_URL))

    for printed in (
        "BERITA ACARA SERAH TERIMA CALON PEKERJA MIGRAN INDONESIA",
        "PIHAK PERTAMA",
        "PIHAK KEDUA",
        "Yang menerima",
        "Bambang Prasetyo",
        "ST/045/MBS/XI/2026",
        "Siti Nur'aini",
        "Rekomendasi Paspor Nomor 562/0123/PTK/XI/2026",
        "Kartu Identitas Tenaga Kerja Indonesia Nomor KITKI/3276/2026/000045",
    ):
        assert printed in text, printed
    assert len(page_sizes_mm(render_document_pdf(snapshot("handover_minutes"), VERIFICATION_URL))) == 1


def test_handover_without_a_named_recipient_falls_back_to_the_recruiting_officer_and_default_documents():
    sample = snapshot("handover_minutes")
    del sample["body"]["recipient"], sample["body"]["documents"]
    sample["body"]["recruiting_officer"] = {"name": "Dewi Lestari", "assignment_letter": "ST/9"}

    text = pdf_text(render_document_pdf(sample, VERIFICATION_URL))

    assert "Dewi Lestari" in text
    assert "Kartu Identitas Tenaga Kerja Indonesia (KITKI)" in text


def test_kitki_is_a_card_front_and_back():
    content = render_document_pdf(snapshot("kitki"), VERIFICATION_URL)

    assert page_sizes_mm(content) == [CARD_MM, CARD_MM]
    text = pdf_text(content)
    for printed in ("KARTU IDENTITAS TENAGA KERJA INDONESIA", "KITKI", "Laki-laki", "Taiwan", "30 November 2028"):
        assert printed in text, printed
    assert "FOTO 3x4" in text  # no photo in the sample: an empty frame, not a missing document


def _photo(name: str) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), (40, 90, 160)).save(buffer, format="JPEG")
    return default_storage.save(name, ContentFile(buffer.getvalue()))


@pytest.mark.parametrize("kind", ["kitki", "id_cpmi"])
def test_the_cpmi_photo_from_storage_is_printed(kind, media_root):
    sample = snapshot(kind)
    sample["body"]["candidate"]["photo"] = _photo("profile-photos/noman.jpg")

    content = render_document_pdf(sample, VERIFICATION_URL)

    assert "FOTO 3x4" not in pdf_text(content)
    assert image_count(content, page=0) == (1 if kind == "kitki" else 2)  # the photo (+ the QR on the ID sheet)


@pytest.mark.parametrize("name", ["profile-photos/gone.jpg", "profile-photos/not-an-image.jpg"])
def test_a_missing_or_broken_photo_prints_the_placeholder(name, media_root):
    if name.endswith("not-an-image.jpg"):
        default_storage.save(name, ContentFile(b"%PDF-1.4 not a photo"))
    sample = snapshot("kitki")
    sample["body"]["candidate"]["photo"] = name

    content = render_document_pdf(sample, VERIFICATION_URL)

    assert "FOTO 3x4" in pdf_text(content)


@pytest.mark.parametrize("kind", ALL_TYPES)
def test_an_empty_body_still_prints_a_document(kind):
    sample = snapshot(kind)
    sample["body"] = {}

    content = render_document_pdf(sample, VERIFICATION_URL)

    assert NUMBERS[kind] in pdf_text(content)


def test_typed_markup_prints_as_typed():
    sample = snapshot("passport_rec")
    sample["body"]["candidate"]["name"] = "Ayu <b>Lestari & Putri"
    sample["body"]["candidate"]["address"] = "Jl. <unclosed"

    text = pdf_text(render_document_pdf(sample, VERIFICATION_URL))

    assert "Ayu <b>Lestari & Putri" in text
    assert "Jl. <unclosed" in text


def test_the_document_reads_the_snapshot_only():
    # The signer renamed later, the office renamed later: the printed copy is the signed one.
    sample = snapshot("id_cpmi")
    sample["signer"]["name"] = "Nama Saat Tanda Tangan"

    assert "Nama Saat Tanda Tangan" in pdf_text(render_document_pdf(sample, VERIFICATION_URL))


def test_an_own_authority_signs_without_an():
    sample = snapshot("passport_rec")
    sample["signer"].update(authority="Kepala Dinas", position="Kepala Dinas", name="Eko Kadis", nip="", rank="")

    text = pdf_text(render_document_pdf(sample, VERIFICATION_URL))

    assert "KEPALA DINAS TENAGA KERJA KOTA DEPOK," in text
    assert "a.n." not in text
    assert "NIP" not in text  # no NIP recorded: no empty "NIP" line


def test_unknown_type_is_refused():
    sample = snapshot("kitki")
    sample["type"] = "pp"

    with pytest.raises(UnknownDocumentType):
        render_document_pdf(sample, VERIFICATION_URL)
