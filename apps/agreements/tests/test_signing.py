"""The signature covers a snapshot of the whole document: editing the snapshot or the agreement's own signed
columns makes it invalid; renaming the office, the company or a person afterwards does not."""

import base64

import pytest

from apps.accounts.models import User
from apps.agencies.models import PlacementAgency
from apps.agreements import services, signing
from apps.agreements.models import PlacementAgreement
from apps.agreements.pdf import render_agreement_pdf
from apps.agreements.signing import agreement_snapshot, signature_is_valid
from apps.offices.models import LabourOffice
from testing.pdfs import pdf_text

pytestmark = pytest.mark.django_db


def fresh(agreement) -> PlacementAgreement:
    return PlacementAgreement.objects.get(pk=agreement.pk)


def test_signature_is_valid_after_signing_and_reload(signed):
    assert signature_is_valid(signed)
    assert signature_is_valid(fresh(signed))
    assert signing.sign(fresh(signed).signed_content) == signed.signature


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
    del content["format"], content["office"]["address"], content["office"]["region"]
    del content["agency"]["address"], content["candidate"]["address"]
    legacy_hmac = signing._legacy_hmac(content)  # how PPs were signed before Ed25519
    assert len(legacy_hmac) == 64
    PlacementAgreement.objects.filter(pk=signed.pk).update(signed_content=content, signature=legacy_hmac)

    agreement = fresh(signed)
    assert signature_is_valid(agreement)
    assert render_agreement_pdf(agreement, compress=False).startswith(b"%PDF")


def test_the_signature_is_ed25519_and_checks_with_the_public_key_alone(signed):
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    algorithm, encoded = signed.signature.split(":")
    raw = base64.urlsafe_b64decode(encoded + "==")
    public_key = load_pem_public_key(signing.public_key_pem().encode())

    assert algorithm == "ed25519" and len(raw) == 64
    public_key.verify(raw, signing.canonical(fresh(signed).signed_content))  # raises when it does not match


def test_a_pem_private_key_from_the_setting_signs(signed, settings):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    settings.DOCUMENT_SIGNING_KEY = pem.decode()
    content = fresh(signed).signed_content
    PlacementAgreement.objects.filter(pk=signed.pk).update(signature=signing.sign(content))

    assert signature_is_valid(fresh(signed))


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

    assert payload["format"] == signing.SNAPSHOT_FORMAT == 3
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
    content = fresh(official_signed).signed_content
    content["format"] = 2
    content["office"] = {
        "id": content["office"]["id"],
        "name": content["office"]["name"],
        "address": content["office"]["address"],
        "region": content["office"]["region_code"],
    }
    content["signer"] = {key: content["signer"][key] for key in ("id", "name", "position")}
    PlacementAgreement.objects.filter(pk=official_signed.pk).update(
        signed_content=content, signature=signing.sign(content)
    )

    agreement = fresh(official_signed)
    assert signature_is_valid(agreement)
    text = pdf_text(render_agreement_pdf(agreement))
    assert "NIP" not in text and "PEMERINTAH" not in text
    assert agreement.signed_content["office"]["name"].upper() in text
