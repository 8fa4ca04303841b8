"""The PP in the office's register book: its number comes from the book, and signing issues the book's document
under the PP's own verification code. Older PPs, signed before the book, keep verifying."""

import pytest
from django.urls import reverse

from apps.agreements import pdf, services
from apps.agreements.tests import legacy_pps
from apps.core.errors import ServiceError
from apps.core.formatting import mask_nik
from apps.documents import selectors as document_selectors
from apps.documents import services as document_services
from apps.documents.models import IssuedDocument, RegisterEntry, RegisterStatus

pytestmark = pytest.mark.django_db


def test_signing_writes_the_pp_into_the_register_book(signed):
    entry = RegisterEntry.objects.get(number=signed.number)
    assert entry.office_id == signed.office_id and entry.document_type == "pp"
    assert entry.status == RegisterStatus.ISSUED
    assert "Ani Lestari" in entry.subject and "PT Maju Bersama Sejahtera" in entry.subject

    document = entry.document
    assert document.verification_code == str(signed.verification_code)
    assert document.signed_by == signed.signed_by
    assert document.snapshot["signer"]["authority"] == signed.signing_authority
    assert document.snapshot["body"] == signed.signed_content  # the PP's snapshot is the document's body
    assert document.snapshot["body"]["candidate"]["name"] == "Ani Lestari"
    assert (document.country, document.sector, document.agency_id, document.candidate_id) == (
        "Taiwan",
        "Perawatan (caregiver/perawat)",  # as the snapshot and the monthly report show it
        signed.agency_id,
        signed.candidate_id,
    )
    verification = document_selectors.verification_status(document.verification_code)
    assert verification.status == "valid"
    # The documents' public page shows the PP's essentials from its snapshot, the person masked
    assert dict(verification.facts) == {
        "Nama": "A** L******",
        "NIK": mask_nik(signed.candidate.user.nik),
        "Nomor registrasi CPMI": signed.candidate.registration_number,
        "Jenis kelamin": {"L": "Laki-laki", "P": "Perempuan"}[signed.candidate.user.sex],
        "Jabatan": signed.position,
        "Sektor": "Perawatan (caregiver/perawat)",
        "Negara tujuan": "Taiwan",
        "Pemberi kerja": signed.employer_name,
        "Perusahaan penempatan (P3MI)": "PT Maju Bersama Sejahtera",
    }


def test_a_failed_pdf_leaves_no_line_in_the_book_and_gives_the_number_back(submitted, office_head, monkeypatch):
    def broken(agreement, **kwargs):
        raise RuntimeError("font missing")

    monkeypatch.setattr(pdf, "render_agreement_pdf", broken)
    with pytest.raises(ServiceError):
        services.agreement_sign(agreement=submitted, actor=office_head)
    assert not RegisterEntry.objects.exists() and not IssuedDocument.objects.exists()
    monkeypatch.undo()
    assert services.agreement_sign(agreement=submitted, actor=office_head).number.endswith("/000001")


def test_both_verification_pages_open_a_new_pp(client, signed):
    documents_page = client.get(reverse("documents:verify", args=[str(signed.verification_code)]))
    assert documents_page.status_code == 200 and 'data-testid="status-valid"' in documents_page.content.decode()
    pp_page = client.get(reverse("agreements:verify", args=[signed.verification_code])).content.decode()
    assert 'data-testid="signature-valid"' in pp_page


def test_a_pp_revoked_in_the_book_shows_revoked_on_its_page(client, signed, office_head):
    document = IssuedDocument.objects.get(verification_code=str(signed.verification_code))
    document_services.document_revoke(document=document, actor=office_head, reason="CPMI batal berangkat.")

    pp_page = client.get(reverse("agreements:verify", args=[signed.verification_code])).content.decode()
    assert 'data-testid="agreement-revoked"' in pp_page and "CPMI batal berangkat." in pp_page
    assert 'data-testid="signature-valid"' not in pp_page


def test_an_older_pp_without_a_register_document_still_verifies(client, submitted, office_head):
    old = legacy_pps.old_scheme_pp(submitted, office_head, scheme="ed25519", register=False)  # before the book
    pp_page = client.get(reverse("agreements:verify", args=[old.verification_code])).content.decode()
    assert 'data-testid="signature-valid"' in pp_page
    assert client.get(reverse("documents:verify", args=[str(old.verification_code)])).status_code == 404


def test_an_older_pp_revoked_in_the_book_shows_revoked_on_its_page(client, submitted, office_head):
    old = legacy_pps.old_scheme_pp(submitted, office_head, scheme="ed25519", register=True)
    document = IssuedDocument.objects.get(verification_code=str(old.verification_code))
    document_services.document_revoke(document=document, actor=office_head, reason="Salah tulis.")

    pp_page = client.get(reverse("agreements:verify", args=[old.verification_code])).content.decode()
    assert 'data-testid="agreement-revoked"' in pp_page and "Salah tulis." in pp_page
