"""Sign-up as job-fair organiser, and the father's name accepted instead of the mother's (seed 003, part C)."""

import datetime
import json

import pytest
from django.urls import NoReverseMatch, reverse

from apps.accounts import services
from apps.accounts.models import AccountType, User
from apps.accounts.tests.test_register import form_data
from apps.audit.models import AuditEvent
from apps.core.errors import ServiceError
from testing import factories
from testing.outbox import otp_sent_to
from testing.signup import sign_up

pytestmark = pytest.mark.django_db

ORGANISER_URL = reverse("accounts:register_organiser")


@pytest.fixture
def person():
    return factories.registry_person(
        sex="P", birth_date=datetime.date(1998, 11, 17), mother="Nur Hidayah", father="Hendra Gunawan"
    )


def sms_code(phone: str) -> str:
    return otp_sent_to(phone)


def test_the_register_page_offers_the_three_sign_ups(client):
    page = client.get(reverse("accounts:register")).content.decode()
    for name in ("accounts:register", "accounts:register_organiser", "agencies:signup"):
        assert f'href="{reverse(name)}"' in page
    assert "Daftar sebagai penyelenggara" in page and "Daftar sebagai perusahaan" in page
    assert 'aria-current="page"' in page


def test_an_organiser_signs_up_with_the_same_identity_checks_and_otp(client, person):
    response = sign_up(client, ORGANISER_URL, form_data(person))

    assert response["Location"] == reverse("accounts:activate")
    user = User.objects.get(nik=person.nik)
    assert user.account_type == AccountType.JOBFAIR_ORGANISER and not user.is_activated
    assert user.registry_verified_at is not None
    event = AuditEvent.objects.get(action="account.register", object_id=str(user.pk))
    assert event.data["account_type"] == AccountType.JOBFAIR_ORGANISER

    response = client.post(reverse("accounts:activate"), {"action": "verify", "code": sms_code(user.phone)})
    user.refresh_from_db()
    assert user.is_activated
    try:
        expected = reverse("jobfairs:organiser_profile")
    except NoReverseMatch:  # the job-fair app is not there yet: the organiser's dashboard
        expected = reverse("dashboards:dashboard")
    assert response["Location"] == expected
    assert client.get(expected, follow=True).status_code == 200


def test_an_unknown_nik_is_refused_for_an_organiser_too(client):
    stranger = factories.registry_person(sex="P", birth_date=datetime.date(1998, 11, 17))
    stranger.delete()
    response = sign_up(client, ORGANISER_URL, form_data(stranger))
    assert response.status_code == 200 and "hubungi Dukcapil setempat" in response.content.decode()
    assert not User.objects.exists()


def test_the_fathers_name_is_accepted_when_chosen(client, person):
    response = sign_up(
        client, reverse("accounts:register"), form_data(person, parent="father", parent_name="hendra gunawan")
    )
    assert response.status_code == 302
    user = User.objects.get(nik=person.nik)
    assert user.account_type == AccountType.JOB_SEEKER
    # The parent's name is compared, never kept: not on the user, not in the audit log.
    event = AuditEvent.objects.get(action="account.register", object_id=str(user.pk))
    assert "hendra" not in json.dumps(event.data).lower()
    assert not any(
        "hendra" in str(value).lower() for value in User.objects.filter(pk=user.pk).values().first().values()
    )


def test_a_wrong_fathers_name_is_refused_with_the_dukcapil_advice(client, person):
    response = sign_up(client, ORGANISER_URL, form_data(person, parent="father", parent_name="Agus Salim"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "nama bapak kandung tidak ditemukan/tidak sesuai" in page
    assert not User.objects.exists()


def test_the_mothers_name_under_father_is_refused(person):
    with pytest.raises(ServiceError) as refused:
        services.registry_identify(nik=person.nik, parent="father", parent_name="Nur Hidayah")
    assert refused.value.code == "registry_mismatch" and refused.value.field == "nik"
    assert not User.objects.exists()


def test_an_unknown_parent_choice_is_refused_by_the_form(client, person):
    response = sign_up(client, ORGANISER_URL, form_data(person, parent="uncle"))
    assert response.status_code == 200 and not User.objects.exists()


def test_staff_accounts_are_not_opened_by_sign_up(person):
    with pytest.raises(ValueError):
        services.account_register(data=None, account_type=AccountType.CENTRAL_ADMIN)
