"""The PDF kit's parts: Indonesian dates, the NIP as printed, the place and authority of a signature, the
letterhead, and a font that has a glyph for every letter of Indonesian names."""

import datetime

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from apps.core import formatting
from apps.documents import pdfkit
from testing.pdfs import font_names, pdf_text

OFFICE = {
    "name": "Dinas Tenaga Kerja Kota Depok",
    "government": "PEMERINTAH KOTA DEPOK",
    "address": "Jl. Margonda Raya No. 54",
    "phone": "(021) 7773-0001",
    "email": "disnaker@depok.go.id",
    "website": "https://disnaker.depok.go.id/",
}


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        (datetime.date(2026, 11, 30), "30 November 2026"),
        ("2026-01-05", "5 Januari 2026"),
        (datetime.datetime(2026, 8, 17, 9, 0), "17 Agustus 2026"),
        ("", ""),
        (None, ""),
        ("kemarin", "kemarin"),  # not a date: printed as it was signed
    ],
)
def test_dates_in_indonesian(value, printed):
    assert formatting.date_id(value) == printed


@pytest.mark.parametrize(
    ("nip", "printed"),
    [
        ("197607171995111001", "19760717 199511 1 001"),
        ("19760717 199511 1 001", "19760717 199511 1 001"),
        ("12345", "12345"),  # not an 18-digit NIP: as given
        ("", ""),
    ],
)
def test_nip_is_grouped_as_civil_service_documents_print_it(nip, printed):
    assert formatting.nip_grouped(nip) == printed


@pytest.mark.parametrize(
    ("office", "place"),
    [
        (OFFICE, "Depok"),
        ({"government": "PEMERINTAH KABUPATEN KAB. TABALONG", "name": "Dinas Tenaga Kerja"}, "Tabalong"),
        ({"name": "Dinas Ketenagakerjaan Kabupaten Pasuruan"}, "Pasuruan"),
        ({"name": "Dinas Tenaga Kerja", "city": "Bangil"}, "Bangil"),
        ({"name": "Dinas Tenaga Kerja", "region_name": "Kota Pekalongan"}, "Pekalongan"),
        ({"name": "Dinas Tenaga Kerja Provinsi DKI Jakarta"}, "DKI Jakarta"),
        ({"name": "Dinas Tenaga Kerja", "region": 12}, ""),  # an id, not a name: no place rather than a number
    ],
)
def test_place_of_signing(office, place):
    assert pdfkit.place_name(office) == place


@pytest.mark.parametrize(
    ("signer", "lines", "note"),
    [
        (
            {"authority": "Kepala Dinas", "position": "Kepala Dinas"},
            ["KEPALA DINAS TENAGA KERJA KOTA DEPOK,"],
            "",
        ),
        (
            {"authority": "a.n. Kepala Dinas, Kepala Bidang PTK", "position": "Kepala Bidang Penempatan Tenaga Kerja"},
            ["a.n. KEPALA DINAS TENAGA KERJA KOTA DEPOK", "KEPALA BIDANG PENEMPATAN TENAGA KERJA,"],
            "",
        ),
        (
            # As the PP writes a delegated signature.
            {
                "authority": "a.n. Kepala Dinas Tenaga Kerja Kota Depok, Sekretaris Dinas berdasarkan SK Nomor "
                "800/12/2026 tanggal 2 Januari 2026",
                "position": "Sekretaris Dinas",
            },
            ["a.n. KEPALA DINAS TENAGA KERJA KOTA DEPOK", "SEKRETARIS DINAS,"],
            "berdasarkan SK Nomor 800/12/2026 tanggal 2 Januari 2026",
        ),
        ({"authority": "", "position": "Kepala Bidang PTK"}, ["KEPALA BIDANG PTK,"], ""),
    ],
)
def test_authority_lines_above_the_signature(signer, lines, note):
    assert pdfkit.authority_lines(signer, OFFICE) == (lines, note)


def test_letterhead_prints_the_office_and_leaves_out_what_it_lacks():
    content = pdfkit.build_pdf(pdfkit.letterhead(OFFICE), compress=False)
    text = pdf_text(content)
    for printed in (
        "PEMERINTAH KOTA DEPOK",
        "DINAS TENAGA KERJA KOTA DEPOK",
        "Jl. Margonda Raya No. 54",
        "Telepon (021) 7773-0001",
        "Pos-el disnaker@depok.go.id",
        "Laman disnaker.depok.go.id",
    ):
        assert printed in text, printed

    bare = pdf_text(pdfkit.build_pdf(pdfkit.letterhead({"name": "Dinas Tenaga Kerja Kota Depok"})))
    assert "DINAS TENAGA KERJA KOTA DEPOK" in bare
    assert "Telepon" not in bare and "Pos-el" not in bare and "Laman" not in bare


def test_signature_block_without_nip_or_rank_prints_neither():
    snapshot = {
        "date": "2026-11-30",
        "office": OFFICE,
        "signer": {"name": "Eko Kadis", "position": "Kepala Dinas", "authority": "Kepala Dinas", "nip": ""},
    }
    text = pdf_text(pdfkit.build_pdf([pdfkit.signature_block(snapshot, qr_url="https://x.example/v/1/")]))

    assert "Depok, 30 November 2026" in text
    assert "Eko Kadis" in text
    assert "NIP" not in text


@pytest.mark.parametrize(
    "name", ["Ñoman Ketut Sutrisna", "Siti Nur'aini", "Ni Kadek Ayu Sukmawatī", "I Gusti Ngurah Rāí"]
)
def test_the_font_has_a_glyph_for_every_letter_of_indonesian_names(name):
    pdfkit.register_fonts()
    face = pdfmetrics.getFont(pdfkit.FONT).face
    assert all(ord(letter) in face.charToGlyph for letter in name if not letter.isspace())

    content = pdfkit.build_pdf([Paragraph(pdfkit.text(name), pdfkit.styles()["body"])])
    assert name in pdf_text(content)
    assert all("DejaVuSans" in font for font in font_names(content))


def test_masks():
    assert formatting.mask_nik("3276011403950001") == "3276**********01"
    assert formatting.mask_name("Siti Aminah") == "S*** A*****"


def test_text_escapes_markup():
    assert pdfkit.text("A <b> & B\nC") == "A &lt;b&gt; &amp; B<br/>C"
    assert pdfkit.or_dash("  ") == "-"


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        ("2026-11-30T10:15:00+07:00", "30 November 2026 pukul 10.15 WIB"),
        ("2026-11-30T10:15:00+08:00", "30 November 2026 pukul 10.15 WITA"),
        ("2026-11-30T03:15:00+00:00", "30 November 2026 pukul 03.15 UTC"),
        ("2026-11-30T10:15:00", "30 November 2026 pukul 10.15"),
        ("besok", "besok"),
    ],
)
def test_moments_in_indonesian(value, printed):
    assert pdfkit.moment_id(value) == printed


def test_place_from_the_documents_office_snapshot():
    # As documents.services.office_snapshot writes it: the region's name, its code, the government line.
    office = {
        "name": "Dinas Tenaga Kerja",
        "region": "Kab. Tabalong",
        "region_code": "63.09",
        "level": "regency",
        "government": "PEMERINTAH KABUPATEN TABALONG",
    }

    assert pdfkit.place_name(office) == "Tabalong"
