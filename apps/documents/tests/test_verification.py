"""What the verification selector says: valid, revoked, invalid (forged or altered), unknown."""

import copy

import pytest

from apps.documents import selectors, services, signing
from apps.documents.models import DocumentType, IssuedDocument, RegisterEntry
from apps.documents.tests.conftest import issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(office, officer, office_head):
    return issue(office, officer, office_head)


def test_a_signed_document_is_valid_with_masked_facts(document):
    result = selectors.verification_status(document.verification_code)
    assert result.status == "valid" and result.document == document
    facts = dict(result.facts)
    assert facts["Nama"] == "S*** A*****"
    assert facts["NIK"] == "3276**********01"
    assert facts["Negara tujuan"] == "Taiwan"
    assert facts["Jenis kelamin"] == "Perempuan"
    assert "1995-03-14" not in str(result.facts)  # the birth date is not for the public


def test_a_revoked_document_says_when_and_why(document, office_head):
    services.document_revoke(document=document, actor=office_head, reason="Paspor dibatalkan.")
    result = selectors.verification_status(document.verification_code)
    assert result.status == "revoked"
    assert result.document.revoke_reason == "Paspor dibatalkan." and result.document.revoked_at is not None


@pytest.mark.parametrize("code", ["tidak-ada", "", "x" * 65, "../../etc"])
def test_an_unknown_code(document, code):
    assert selectors.verification_status(code).status == "unknown"


def test_an_altered_snapshot_is_invalid(document):
    altered = copy.deepcopy(document.snapshot)
    altered["body"]["destination"] = "Jepang"
    IssuedDocument.objects.filter(pk=document.pk).update(snapshot=altered)
    assert selectors.verification_status(document.verification_code).status == "invalid"


def test_an_altered_signature_is_invalid(document):
    head, encoded = document.signature.split(":")
    flipped = encoded[:10] + ("A" if encoded[10] != "A" else "B") + encoded[11:]
    IssuedDocument.objects.filter(pk=document.pk).update(signature=f"{head}:{flipped}")
    assert selectors.verification_status(document.verification_code).status == "invalid"


@pytest.mark.parametrize("signature", ["", "ed25519:", "ed25519:!!!", "hmac:abc", "ed25519:" + "A" * 86])
def test_a_garbage_signature_is_invalid(document, signature):
    IssuedDocument.objects.filter(pk=document.pk).update(signature=signature)
    assert selectors.verification_status(document.verification_code).status == "invalid"


def test_a_forged_number_is_invalid(document):
    # Someone changes the number in the book to pass another document off under it.
    RegisterEntry.objects.filter(pk=document.entry_id).update(number="562/9999/REK-PASPOR/XI/2026")
    assert selectors.verification_status(document.verification_code).status == "invalid"


def test_a_forged_snapshot_signed_with_another_offices_key_is_invalid(document, other_office):
    forged = copy.deepcopy(document.snapshot)
    forged["body"]["destination"] = "Jepang"
    IssuedDocument.objects.filter(pk=document.pk).update(
        snapshot=forged, signature=signing.sign(forged, other_office.pk)
    )
    assert selectors.verification_status(document.verification_code).status == "invalid"


def test_a_document_moved_to_another_office_is_invalid(document, other_office):
    IssuedDocument.objects.filter(pk=document.pk).update(office=other_office)
    assert selectors.verification_status(document.verification_code).status == "invalid"


def test_a_changed_signing_key_makes_old_signatures_invalid(document, settings):
    settings.DOCUMENT_SIGNING_KEY = "another secret"
    assert selectors.verification_status(document.verification_code).status == "invalid"


def test_the_validity_date_reads_as_an_indonesian_date(office, officer, office_head):
    entry = services.register_allocate(
        office=office, document_type=DocumentType.PASSPORT_RECOMMENDATION, actor=officer, subject="Siti Aminah — Taiwan"
    )
    body = {"candidate": {"name": "Siti Aminah"}, "valid_until": "2027-02-28"}
    document = services.document_issue(
        entry=entry, body=body, signer=office_head, authority="Kepala Dinas", actor=officer
    )
    facts = dict(selectors.verification_status(document.verification_code).facts)
    assert facts["Berlaku sampai"] == "28 Februari 2027"
