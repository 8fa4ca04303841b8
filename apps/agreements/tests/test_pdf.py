"""The signed PP as a PDF: an A4 document that names its number, parties and signer."""

import pytest

from apps.agreements import services
from apps.agreements.models import PlacementAgreement
from apps.agreements.pdf import render_agreement_pdf, verification_url
from testing.pdfs import font_names, has_qr_of, page_sizes_mm, pdf_text

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


def test_pp_is_set_in_the_shipped_unicode_font_under_the_office_letterhead(signed):
    content = render_agreement_pdf(signed)

    assert all("DejaVuSans" in font for font in font_names(content)), font_names(content)
    assert set(page_sizes_mm(content)) == {(210.0, 297.0)}
    assert signed.office.name.upper() in pdf_text(content)


def test_pp_prints_a_cpmi_name_with_diacritics(signed):
    signed = PlacementAgreement.objects.get(pk=signed.pk)
    signed.signed_content["candidate"]["name"] = "Ñoman Nur'aini Rāí"

    assert "Ñoman Nur'aini Rāí" in pdf_text(render_agreement_pdf(signed))


def test_pp_has_both_parties_signature_places_and_the_office_ratification(signed):
    text = pdf_text(render_agreement_pdf(signed))

    for printed in (
        "PIHAK PERTAMA",
        "Direktur / Kuasa Direksi",
        "PIHAK KEDUA",
        "Calon Pekerja Migran Indonesia",
        "Mengetahui/Mengesahkan,",
        "ELEKTRONIK",
        signed.signer_name,
        f"{signed.agency.name}",
        signed.signed_content["candidate"]["name"],
        "Disahkan secara elektronik pada",
    ):
        assert printed in text, printed
    assert signed.signing_authority.upper().rstrip(",") + "," in text  # own authority: "KEPALA DINAS ...,"
    assert has_qr_of(render_agreement_pdf(signed), verification_url(signed))


def test_pp_prints_the_nip_and_rank_only_when_the_snapshot_has_them(signed):
    assert "NIP" not in pdf_text(render_agreement_pdf(signed))

    signed.signed_content["signer"].update(nip="197607171995111001", rank="Pembina Tk. I / IV b")
    text = pdf_text(render_agreement_pdf(signed))

    assert "NIP 19760717 199511 1 001" in text
    assert "Pembina Tk. I / IV b" in text


def test_delegated_pp_signs_under_an_with_the_decree(submitted, secretary, secretary_delegation):
    agreement = services.agreement_sign(agreement=submitted, actor=secretary)

    text = pdf_text(render_agreement_pdf(agreement))

    assert f"a.n. KEPALA {agreement.office.name.upper()}" in text
    assert "SEKRETARIS DINAS," in text
    assert f"berdasarkan SK Nomor {secretary_delegation.decree_number}" in text
    assert "Sari Sekretaris" in text


def test_a_named_company_director_is_printed_instead_of_the_blank(signed):
    signed.signed_content["agency"]["director_name"] = "Budi Santoso"

    assert "Budi Santoso" in pdf_text(render_agreement_pdf(signed))
