"""The HMAC signature covers what was signed: any later change in the database makes it invalid."""

import pytest

from apps.accounts.models import User
from apps.agencies.models import PlacementAgency
from apps.agreements import signing
from apps.agreements.models import PlacementAgreement
from apps.agreements.signing import agreement_payload, signature_is_valid

pytestmark = pytest.mark.django_db


def fresh(agreement) -> PlacementAgreement:
    return PlacementAgreement.objects.get(pk=agreement.pk)


def test_signature_is_valid_after_signing_and_reload(signed):
    assert signature_is_valid(signed)
    assert signature_is_valid(fresh(signed))
    assert signing.sign(agreement_payload(fresh(signed))) == signed.signature


def test_payload_names_what_was_signed(signed):
    payload = agreement_payload(signed)

    assert payload["number"] == signed.number
    assert payload["verification_code"] == str(signed.verification_code)
    assert payload["terms"]["salary"] == "20000.00" and payload["terms"]["currency"] == "TWD"
    assert payload["candidate"]["nik"] == signed.candidate.user.nik
    assert payload["agency"]["sip2mi_number"] == signed.agency.sip2mi_number
    assert payload["signer"]["name"] == "Eko Kadis"
    assert payload["signing_authority"] == signed.signing_authority
    assert payload["signed_at"].endswith("Z")


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
