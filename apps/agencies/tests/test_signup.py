"""A company signs up by its owner (seed 003, part C.2): with a WLKP code or by hand, any kind of employer."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import AccountType, User
from apps.accounts.tests.test_register import form_data
from apps.agencies import services
from apps.agencies.models import AgencyMember, CompanyKind, MemberRole, MemberStatus, PlacementAgency
from apps.agencies.selectors import membership_of
from apps.audit.models import AuditEvent
from apps.core.errors import ServiceError
from apps.registry.models import DemoWlkpCompany
from testing import factories
from testing.outbox import otp_sent_to, received
from testing.signup import registry_step, sign_up

pytestmark = pytest.mark.django_db

URL = reverse("agencies:signup")
NEXT_YEAR = timezone.localdate() + datetime.timedelta(days=365)


@pytest.fixture
def person():
    return factories.registry_person(
        sex="P", birth_date=datetime.date(1998, 11, 17), mother="Nur Hidayah", father="Hendra Gunawan"
    )


@pytest.fixture
def wlkp():
    return DemoWlkpCompany.objects.create(
        wlkp_code="WLKP-3276-0001",
        name="PT Sinar Depok Garmen",
        nib="8120001000011",
        address="Jl. Raya Sawangan No. 21, Depok",
        regency_code="32.76",
        sector="Industri pengolahan (garmen)",
        phone="(021) 7770001",
    )


def signup_data(person, **overrides):
    data = form_data(person)
    data.update({"kind": CompanyKind.DOMESTIC_EMPLOYER, "wlkp_code": ""})
    data.update(overrides)
    return data


MANUAL = {
    "company_name": "CV Maju Bersama",
    "nib": "8120005000055",
    "company_address": "Jl. Dahlia 3, Depok",
    "company_region": "32.76",
    "sector": "Perdagangan",
    "company_phone": "021 555 1234",
    "company_email": "Info@MajuBersama.id",
}


def nothing_created():
    assert not User.objects.exists()
    assert not PlacementAgency.objects.exists()
    assert not AgencyMember.objects.exists()


# --- views -------------------------------------------------------------------------------------------------


def test_a_company_signs_up_with_its_wlkp_code_and_the_person_becomes_its_active_owner(client, person, wlkp):
    response = sign_up(client, URL, signup_data(person, wlkp_code=" wlkp-3276-0001 "))

    assert response["Location"] == reverse("accounts:activate")
    agency = PlacementAgency.objects.get()
    assert (agency.wlkp_code, agency.name, agency.nib, agency.region_id, agency.sector, agency.phone) == (
        "WLKP-3276-0001",
        "PT Sinar Depok Garmen",
        "8120001000011",
        "32.76",
        "Industri pengolahan (garmen)",
        "(021) 7770001",
    )
    assert agency.kind == CompanyKind.DOMESTIC_EMPLOYER and agency.sip2mi_number is None
    user = User.objects.get(nik=person.nik)
    assert user.account_type == AccountType.AGENCY_STAFF and not user.is_activated
    member = AgencyMember.objects.get(agency=agency)
    assert (member.user, member.role, member.status) == (user, MemberRole.OWNER, MemberStatus.ACTIVE)
    assert received(recipient=user.phone, channel="sms")  # the OTP, as for everyone
    assert AuditEvent.objects.filter(action="agency.signup", object_id=str(agency.pk)).exists()


def test_after_activation_the_owner_sees_the_company_on_the_dashboard(client, person, wlkp):
    sign_up(client, URL, signup_data(person, wlkp_code="WLKP-3276-0001"))
    user = User.objects.get(nik=person.nik)
    code = otp_sent_to(user.phone)

    response = client.post(reverse("accounts:activate"), {"action": "verify", "code": code}, follow=True)
    page = response.content.decode()
    assert "PT Sinar Depok Garmen" in page and "Pemberi kerja dalam negeri" in page
    assert membership_of(user).role == MemberRole.OWNER


def test_a_company_without_wlkp_fills_its_profile_by_hand(client, person):
    response = sign_up(client, URL, signup_data(person, **MANUAL))

    assert response.status_code == 302
    agency = PlacementAgency.objects.get()
    assert (agency.name, agency.nib, agency.wlkp_code, agency.email) == (
        "CV Maju Bersama",
        "8120005000055",
        None,
        "info@majubersama.id",
    )


def test_checking_a_wlkp_code_shows_the_company_and_saves_nothing(client, person, wlkp):
    registry_step(client, URL, nik=person.nik, parent_name="Nur Hidayah")
    response = client.post(URL, {**signup_data(person, wlkp_code="WLKP-3276-0001"), "action": "wlkp_check"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="wlkp-found"' in page and "PT Sinar Depok Garmen" in page and "8120001000011" in page
    assert 'value="WLKP-3276-0001"' in page  # what was typed is kept
    assert "Kopi-Tubruk-77" not in page  # never the passwords
    nothing_created()


def test_checking_an_unknown_wlkp_code_says_so(client, person):
    registry_step(client, URL, nik=person.nik, parent_name="Nur Hidayah")
    response = client.post(URL, {**signup_data(person, wlkp_code="WLKP-0000"), "action": "wlkp_check"})
    assert "Kode WLKP WLKP-0000 tidak ditemukan" in response.content.decode()
    nothing_created()


def test_an_unknown_wlkp_code_is_refused_beside_its_field(client, person):
    response = sign_up(client, URL, signup_data(person, wlkp_code="WLKP-9999-9999"))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="wlkp_code-error"' in page and "tidak ditemukan" in page
    nothing_created()


def test_a_wlkp_code_already_registered_is_refused(client, person, wlkp):
    factories.agency(kind=CompanyKind.OTHER, wlkp_code="WLKP-3276-0001", sip2mi_number=None, sip2mi_valid_until=None)
    response = sign_up(client, URL, signup_data(person, wlkp_code="WLKP-3276-0001"))
    assert "sudah terdaftar di SIPMI" in response.content.decode()
    assert not User.objects.exists() and PlacementAgency.objects.count() == 1


def test_a_wlkp_company_whose_nib_is_already_registered_is_refused(person, wlkp):
    factories.agency(nib="8120001000011")
    with pytest.raises(ServiceError) as refused:
        services.wlkp_lookup("WLKP-3276-0001")
    assert (refused.value.code, refused.value.field) == ("wlkp_taken", "wlkp_code")


def test_a_wrong_fathers_name_creates_neither_account_nor_company(client, person, wlkp):
    response = sign_up(
        client, URL, signup_data(person, wlkp_code="WLKP-3276-0001", parent="father", parent_name="Agus Salim")
    )
    assert "nama bapak kandung tidak ditemukan/tidak sesuai" in response.content.decode()
    nothing_created()


def test_the_fathers_name_signs_a_company_up(client, person, wlkp):
    response = sign_up(
        client, URL, signup_data(person, wlkp_code="WLKP-3276-0001", parent="father", parent_name="HENDRA gunawan")
    )
    assert response.status_code == 302 and PlacementAgency.objects.get().wlkp_code == "WLKP-3276-0001"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"company_name": ""}, "company_name", "Nama perusahaan wajib diisi."),
        ({"nib": "123"}, "nib", "NIB terdiri dari 13 digit angka."),
        ({"company_address": ""}, "company_address", "Alamat perusahaan wajib diisi."),
        ({"kind": CompanyKind.P3MI}, "sip2mi_number", "P3MI wajib mengisi nomor SIP2MI."),
        ({"kind": CompanyKind.P3MI, "sip2mi_number": "SIP/9"}, "sip2mi_valid_until", "masa berlaku SIP2MI"),
        (
            {"kind": CompanyKind.P3MI, "sip2mi_number": "SIP/9", "sip2mi_valid_until": "2020-01-01"},
            "sip2mi_valid_until",
            "SIP2MI sudah tidak berlaku",
        ),
    ],
)
def test_bad_company_data_is_refused_beside_its_field(client, person, overrides, field, message):
    response = sign_up(client, URL, signup_data(person, **{**MANUAL, **overrides}))
    page = response.content.decode()
    assert response.status_code == 200
    assert f'id="{field}-error"' in page and message in page
    nothing_created()


def test_a_company_sign_up_with_an_existing_owners_nik_reads_like_a_new_one_and_creates_nothing(
    client, person, job_seeker
):
    User.objects.filter(pk=job_seeker.pk).update(nik=person.nik)
    response = sign_up(client, URL, signup_data(person, **MANUAL))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:activate")
    assert not PlacementAgency.objects.exists() and User.objects.count() == 1
    assert received(user=job_seeker)  # the NIK's holder is told
    page = client.post(reverse("accounts:activate"), {"action": "verify", "code": "123456"}).content.decode()
    assert "Kode salah. Sisa percobaan: 4." in page


def test_a_nib_already_registered_is_refused(client, person):
    factories.agency(nib=MANUAL["nib"])
    response = sign_up(client, URL, signup_data(person, **MANUAL))
    assert "Perusahaan dengan NIB ini sudah terdaftar" in response.content.decode()
    assert not User.objects.exists()


def test_a_p3mi_signs_up_with_its_sip2mi(client, person):
    data = {**MANUAL, "kind": CompanyKind.P3MI, "sip2mi_number": "B.5/77/2026", "sip2mi_valid_until": NEXT_YEAR}
    sign_up(client, URL, signup_data(person, **data))
    agency = PlacementAgency.objects.get()
    assert agency.is_p3mi and agency.licence_valid and agency.sip2mi_number == "B.5/77/2026"


def test_a_non_p3mi_keeps_no_sip2mi_even_when_typed(client, person):
    sign_up(client, URL, signup_data(person, **MANUAL, sip2mi_number="SIP/X", sip2mi_valid_until=NEXT_YEAR))
    agency = PlacementAgency.objects.get()
    assert (agency.sip2mi_number, agency.sip2mi_valid_until, agency.licence_valid) == (None, None, False)


def test_a_signed_in_person_is_sent_to_their_dashboard(client, job_seeker):
    client.force_login(job_seeker)
    assert client.get(URL)["Location"] == reverse("dashboards:dashboard")


# --- the model's rules -------------------------------------------------------------------------------------


def test_many_companies_without_sip2mi_or_wlkp_coexist(db):
    for _ in range(3):
        factories.agency(kind=CompanyKind.OTHER, sip2mi_number=None, sip2mi_valid_until=None)
    assert PlacementAgency.objects.filter(sip2mi_number=None, wlkp_code=None).count() == 3


def test_the_database_refuses_a_p3mi_without_sip2mi(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.agency(kind=CompanyKind.P3MI, sip2mi_number=None)
    agency = factories.agency(kind=CompanyKind.P3MI)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlacementAgency.objects.filter(pk=agency.pk).update(sip2mi_valid_until=None)


def test_two_companies_cannot_share_a_sip2mi_or_a_wlkp_code(db):
    factories.agency(sip2mi_number="SIP/1", wlkp_code="WLKP-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.agency(sip2mi_number="SIP/1")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.agency(wlkp_code="WLKP-1")


def test_a_p3mi_sign_up_called_directly_bounds_the_sip2mi_date_as_the_form(person):
    """Bypassing the form, a SIP2MI valid until year 9999 (beyond VALID_UNTIL) is refused beside its field and
    nothing is created."""
    from apps.accounts.services import RegistrationData, registry_identify
    from apps.regions.models import Region

    data = RegistrationData(
        identity=registry_identify(nik=person.nik, parent="father", parent_name=person.father_name),
        marital_status="married",
        address_village=factories.village(),
        address_street="Jl. Satu",
        email="pemilik@contoh.id",
        phone="0813 0000 0001",
        password="Kopi-Tubruk-77",
    )
    company = services.CompanyData(
        kind=CompanyKind.P3MI,
        name="PT Jauh Sekali",
        nib="8120005000099",
        address="Jl. Dahlia 3, Depok",
        region=Region.objects.get(pk="32.76"),
        sector="Perdagangan",
        sip2mi_number="SIP/99",
        sip2mi_valid_until=datetime.date(9999, 12, 31),
    )

    with pytest.raises(ServiceError) as refused:
        services.company_signup(person=data, company=company)

    assert refused.value.field == "sip2mi_valid_until"
    assert not PlacementAgency.objects.exists() and not User.objects.exists()
