"""The signature covers a snapshot of the whole document: editing the snapshot or the agreement's own signed
columns makes it invalid; renaming the office, the company or a person afterwards does not. A PP is signed like
every issued document, with its office's key (`documents`); PPs signed by the earlier scheme keep verifying."""

import base64
import importlib.util
import re
from pathlib import Path

import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.agencies.models import PlacementAgency
from apps.agreements import services, snapshot
from apps.agreements.models import PlacementAgreement
from apps.agreements.pdf import render_agreement_pdf
from apps.agreements.snapshot import agreement_snapshot, signature_is_valid
from apps.agreements.tests import legacy_pps
from apps.documents import legacy
from apps.documents import signing as document_signing
from apps.documents.models import IssuedDocument
from apps.offices.models import LabourOffice
from testing.pdfs import pdf_text

pytestmark = pytest.mark.django_db


def fresh(agreement) -> PlacementAgreement:
    return PlacementAgreement.objects.get(pk=agreement.pk)


def test_signature_is_valid_after_signing_and_reload(signed):
    assert signature_is_valid(signed)
    assert signature_is_valid(fresh(signed))


def test_snapshot_names_everything_the_document_shows(signed):
    payload = fresh(signed).signed_content

    assert payload["number"] == signed.number
    assert payload["verification_code"] == str(signed.verification_code)
    assert payload["terms"]["salary"] == "20000.00" and payload["terms"]["currency"] == "TWD"
    assert payload["candidate"]["nik"] == signed.candidate.user.nik
    assert payload["agency"]["sip2mi_number"] == signed.agency.sip2mi_number
    assert payload["signer"]["name"] == "Eko Kadis"
    assert payload["signing_authority"] == signed.signing_authority
    assert payload["signed_at"].endswith("Z")
    assert payload["office"]["name"] == signed.office.name and payload["office"]["address"] == signed.office.address
    assert payload["agency"]["name"] == "PT Maju Bersama Sejahtera" and payload["agency"]["address"]
    assert payload["candidate"]["name"] == "Ani Lestari"
    assert payload["candidate"]["registration_number"] == signed.candidate.registration_number
    assert payload == agreement_snapshot(fresh(signed))  # nothing renamed yet: the snapshot is the live data


@pytest.mark.parametrize(
    "change",
    [
        {"salary": "25000.00"},
        {"contract_months": 24},
        {"placement_costs": "Semua biaya ditanggung CPMI."},
        {"number": "PP/3276/2026/999999"},
        {"signer_name": "Orang Lain"},
        {"signing_authority": "Kepala Dinas Tenaga Kerja Kota Bogor"},
    ],
    ids=lambda change: next(iter(change)),
)
def test_changing_a_signed_field_breaks_the_signature(signed, change):
    PlacementAgreement.objects.filter(pk=signed.pk).update(**change)

    assert not signature_is_valid(fresh(signed))


def test_a_later_correction_of_a_party_leaves_the_signed_document_valid(signed):
    nik = signed.candidate.user.nik
    User.objects.filter(pk=signed.candidate.user_id).update(nik="3276010101010001", full_name="Nama Baru")
    PlacementAgency.objects.filter(pk=signed.agency_id).update(sip2mi_number="SIP2MI/BARU")

    agreement = fresh(signed)
    assert signature_is_valid(agreement)
    assert agreement.signed_content["candidate"]["nik"] == nik


def test_renaming_office_signer_cpmi_and_company_leaves_it_valid_with_the_original_names(signed):
    office_name = signed.office.name
    LabourOffice.objects.filter(pk=signed.office_id).update(name="Dinas Baru", address="Jl. Pindah 9")
    User.objects.filter(pk=signed.signed_by_id).update(full_name="Kepala Baru")
    User.objects.filter(pk=signed.candidate.user_id).update(full_name="Nama Baru")
    PlacementAgency.objects.filter(pk=signed.agency_id).update(name="PT Nama Baru")

    agreement = fresh(signed)
    assert signature_is_valid(agreement)
    printed = render_agreement_pdf(agreement, compress=False)
    for original in (office_name, "Eko Kadis", "Ani Lestari", "PT Maju Bersama Sejahtera"):
        assert original.encode() in printed, original
    for renamed in (b"Dinas Baru", b"Jl. Pindah 9", b"Kepala Baru", b"Nama Baru", b"PT Nama Baru"):
        assert renamed not in printed


@pytest.mark.parametrize(
    ("part", "field"),
    [("candidate", "name"), ("agency", "name"), ("office", "name"), ("office", "address"), ("signer", "name")],
)
def test_changing_the_stored_snapshot_breaks_the_signature(signed, part, field):
    content = fresh(signed).signed_content
    content[part][field] = "Pihak Palsu"
    PlacementAgreement.objects.filter(pk=signed.pk).update(signed_content=content)

    assert not signature_is_valid(fresh(signed))


@pytest.mark.parametrize("part", ["candidate", "agency"])
def test_changing_the_signed_copy_of_a_party_breaks_the_signature(signed, part):
    content = fresh(signed).signed_content
    content[part]["name"] = "Pihak Palsu"
    PlacementAgreement.objects.filter(pk=signed.pk).update(signed_content=content)

    assert not signature_is_valid(fresh(signed))


def test_another_key_does_not_validate(signed, settings):
    settings.DOCUMENT_SIGNING_KEY = "kunci-lain"

    assert not signature_is_valid(fresh(signed))


def test_unsigned_agreement_is_not_valid(submitted):
    assert not signature_is_valid(submitted)


def test_forged_signature_is_not_valid(signed):
    PlacementAgreement.objects.filter(pk=signed.pk).update(signature="0" * 64)

    assert not signature_is_valid(fresh(signed))


def test_a_pp_signed_before_snapshots_and_ed25519_stays_valid_and_printable(signed):
    content = fresh(signed).signed_content
    del content["format"], content["sector"], content["office"]["address"], content["office"]["region"]
    del content["agency"]["address"], content["candidate"]["address"]
    agreement = legacy_pps.resign(signed, content, "hmac")  # how PPs were signed before Ed25519
    assert len(agreement.signature) == 64

    assert signature_is_valid(agreement)
    assert render_agreement_pdf(agreement, compress=False).startswith(b"%PDF")


def test_a_new_pp_is_signed_with_its_offices_key_as_an_issued_document(signed):
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    agreement = fresh(signed)
    document = IssuedDocument.objects.get(verification_code=str(agreement.verification_code))
    # One signature: the register book's document is the PP, its body the PP's snapshot.
    assert agreement.signature == document.signature and agreement.signed_content == document.snapshot["body"]
    assert document.key_id == document_signing.key_id(agreement.office_id)

    # Anyone checks it with the office's published key alone.
    algorithm, encoded = agreement.signature.split(":")
    raw = base64.urlsafe_b64decode(encoded + "==")
    public_key = load_pem_public_key(document_signing.office_public_key_pem(agreement.office_id).encode())
    assert algorithm == "ed25519" and len(raw) == 64
    public_key.verify(raw, document_signing.canonical(document.snapshot))  # raises when it does not match

    # Not the earlier scheme: neither its Ed25519 key nor an HMAC checks it.
    assert not legacy.verify_placement_agreement(agreement.signed_content, agreement.signature)


def test_no_code_path_makes_an_hmac_or_earlier_scheme_signature():
    # agreements keeps no signing code: no signing module, no key or MAC library imported anywhere in it
    assert importlib.util.find_spec("apps.agreements.signing") is None
    app = Path(snapshot.__file__).parent
    crypto_import = re.compile(r"^\s*(from|import)\s+(hmac|hashlib|cryptography)\b", re.MULTILINE)
    assert not [
        str(path) for path in app.rglob("*.py") if "tests" not in path.parts and crypto_import.search(path.read_text())
    ]
    # and the legacy module only verifies (and publishes its public key)
    public = {name for name in vars(legacy) if not name.startswith("_") and callable(getattr(legacy, name))}
    public -= {name for name, value in vars(legacy).items() if getattr(value, "__module__", "") != legacy.__name__}
    assert public == {"verify_placement_agreement", "public_key_pem"} == set(legacy.__all__)


def test_a_new_pp_whose_document_is_gone_is_not_valid(signed):
    IssuedDocument.objects.filter(verification_code=str(signed.verification_code)).delete()
    assert not signature_is_valid(fresh(signed))


def test_the_issued_documents_signature_on_an_old_pp_is_not_its_signature(submitted, office_head):
    old = legacy_pps.old_scheme_pp(submitted, office_head, scheme="ed25519", register=True)
    document = IssuedDocument.objects.get(verification_code=str(old.verification_code))
    PlacementAgreement.objects.filter(pk=old.pk).update(signature=document.signature)
    assert not signature_is_valid(fresh(old))  # the document signed the essentials, not this copy


OLD_SCHEMES = [("ed25519", True), ("ed25519", False), ("hmac", False)]


@pytest.mark.parametrize(("scheme", "register"), OLD_SCHEMES, ids=["ed25519-book", "ed25519", "hmac"])
def test_an_old_scheme_pp_keeps_verifying_and_shows_tidak_sah_when_its_snapshot_is_edited(
    client, submitted, office_head, scheme, register
):
    # Given a PP signed and stored as the code before one signing scheme did it
    old = legacy_pps.old_scheme_pp(submitted, office_head, scheme=scheme, register=register)
    page = reverse("agreements:verify", args=[old.verification_code])

    # Then it verifies, on its public page too, and its PDF prints as signed
    assert signature_is_valid(old)
    body = client.get(page).content.decode()
    assert 'data-testid="signature-valid"' in body and old.number in body
    assert old.signature.encode() in render_agreement_pdf(old, compress=False)

    # And once its stored snapshot is edited, the page says TIDAK SAH
    content = old.signed_content
    content["terms"]["country"] = "Negeri Palsu"
    PlacementAgreement.objects.filter(pk=old.pk).update(signed_content=content)
    assert not signature_is_valid(fresh(old))
    body = client.get(page).content.decode()
    assert 'data-testid="signature-invalid"' in body and "TIDAK SAH" in body


def test_an_old_scheme_pp_signed_under_a_pem_key_keeps_verifying(submitted, office_head, settings):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    settings.DOCUMENT_SIGNING_KEY = (
        Ed25519PrivateKey.generate()
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )
    old = legacy_pps.old_scheme_pp(submitted, office_head, scheme="ed25519", register=False)
    assert signature_is_valid(old)
    settings.DOCUMENT_SIGNING_KEY = "kunci-lain"
    assert not signature_is_valid(fresh(old))


@pytest.mark.parametrize("forged", ["ed25519:" + "A" * 86, "ed25519:not base64!", "ed25519:"])
def test_malformed_ed25519_signatures_are_not_valid(signed, forged):
    PlacementAgreement.objects.filter(pk=signed.pk).update(signature=forged)

    assert not signature_is_valid(fresh(signed))


# --- snapshot format 3: the office as on every official document, the signer's NIP and rank -------------------


@pytest.fixture
def official_signed(submitted, office_head):
    """A PP signed by a head whose NIP and rank are recorded, at an office with its contacts."""
    LabourOffice.objects.filter(pk=submitted.office_id).update(
        phone="(021) 7777-1234", email="disnaker@depok.go.id", website="https://disnaker.depok.go.id"
    )
    assignment = office_head.staff_assignment
    assignment.nip, assignment.rank = "197607171995111001", "Pembina Tk. I / IV b"
    assignment.save(update_fields=["nip", "rank"])
    submitted.refresh_from_db()
    return services.agreement_sign(agreement=submitted, actor=office_head)


def test_a_new_pp_snapshot_has_the_office_letterhead_lines_and_the_signers_nip_and_rank(official_signed):
    payload = fresh(official_signed).signed_content

    assert payload["format"] == snapshot.SNAPSHOT_FORMAT == 4
    office = payload["office"]
    assert office["government"] == "PEMERINTAH KOTA DEPOK"
    assert (office["phone"], office["email"], office["website"]) == (
        "(021) 7777-1234",
        "disnaker@depok.go.id",
        "https://disnaker.depok.go.id",
    )
    assert payload["signer"]["nip"] == "197607171995111001"
    assert payload["signer"]["rank"] == "Pembina Tk. I / IV b"
    assert signature_is_valid(fresh(official_signed))


def test_the_new_pp_pdf_prints_them(official_signed):
    text = pdf_text(render_agreement_pdf(fresh(official_signed)))
    assert "PEMERINTAH KOTA DEPOK" in text
    assert "(021) 7777-1234" in text and "disnaker@depok.go.id" in text and "disnaker.depok.go.id" in text
    assert "NIP 19760717 199511 1 001" in text and "Pembina Tk. I / IV b" in text


def test_a_later_nip_or_rank_change_leaves_the_pp_valid_and_printed_as_signed(official_signed, office_head):
    assignment = office_head.staff_assignment
    assignment.nip, assignment.rank = "198001012005011002", "Pembina Utama Muda / IV c"
    assignment.save(update_fields=["nip", "rank"])
    LabourOffice.objects.filter(pk=official_signed.office_id).update(phone="0000")

    agreement = fresh(official_signed)
    assert signature_is_valid(agreement)
    text = pdf_text(render_agreement_pdf(agreement))
    assert "NIP 19760717 199511 1 001" in text and "(021) 7777-1234" in text


@pytest.mark.parametrize("field", ["nip", "rank"])
def test_an_altered_nip_or_rank_in_the_stored_snapshot_breaks_the_signature(official_signed, field):
    content = fresh(official_signed).signed_content
    content["signer"][field] = "999"
    PlacementAgreement.objects.filter(pk=official_signed.pk).update(signed_content=content)
    assert not signature_is_valid(fresh(official_signed))


def test_a_pp_signed_in_format_2_stays_valid_and_printable(official_signed):
    """How PPs were signed before format 3: the office's name, address and region code; no NIP or rank."""
    content = legacy_pps.old_format(fresh(official_signed).signed_content, 2)
    agreement = legacy_pps.resign(official_signed, content, "ed25519")

    assert signature_is_valid(agreement)
    text = pdf_text(render_agreement_pdf(agreement))
    assert "NIP" not in text and "PEMERINTAH" not in text
    assert agreement.signed_content["office"]["name"].upper() in text
