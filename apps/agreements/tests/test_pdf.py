"""The signed PP as a PDF: an A4 document that names its number, parties and signer."""

import pytest

from apps.agreements.pdf import render_agreement_pdf, verification_url

pytestmark = pytest.mark.django_db


def test_render_names_number_parties_and_signer(signed):
    content = render_agreement_pdf(signed, compress=False)

    assert content.startswith(b"%PDF")
    for text in (signed.number, signed.signer_name, signed.agency.name, "PIHAK KEDUA", "Pasal 7", "TWD 20.000,00"):
        assert text.encode() in content, text
    assert signed.signature.encode() in content


def test_stored_pdf_is_the_compressed_document(signed):
    with signed.pdf.open("rb") as handle:
        stored = handle.read()

    assert stored.startswith(b"%PDF")
    assert b"/FlateDecode" in stored  # compressed page streams
    assert signed.signature.encode() not in stored  # printed on the page, so only inside a compressed stream


def test_verification_url_points_at_public_page(signed, settings):
    settings.SITE_URL = "https://sipmi.example.go.id/"

    url = verification_url(signed)

    assert url == f"https://sipmi.example.go.id/verifikasi/pp/{signed.verification_code}/"


def test_user_text_cannot_break_the_markup(signed):
    signed.signed_content["terms"]["rights_and_duties"] = "Hak <b>tebal & <unclosed\nBaris kedua"
    content = render_agreement_pdf(signed, compress=False)

    assert content.startswith(b"%PDF")
    assert b"tebal & <" in content and b"unclosed" in content  # printed as typed, not read as markup
