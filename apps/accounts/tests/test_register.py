import datetime

import pytest
from django.urls import reverse

from apps.accounts.models import PhoneVerification, User
from apps.audit.models import AuditEvent
from testing import factories
from testing.outbox import last_text_to, received
from testing.signup import registry_step, sign_up

pytestmark = pytest.mark.django_db

URL = reverse("accounts:register")


@pytest.fixture
def person():
    return factories.registry_person(sex="P", birth_date=datetime.date(1998, 11, 17), mother="Nur Hidayah")


def form_data(person, **overrides):
    village = factories.village()
    data = {
        "nik": person.nik,
        "parent_name": "nur  HIDAYAH",
        "full_name": "Dewi Kartika",
        "birth_place": "Depok",
        "birth_date": "1998-11-17",
        "sex": "P",
        "marital_status": "single",
        "address_province": "32",
        "address_regency": "32.76",
        "address_district": "32.76.01",
        "address_village": village.code,
        "address_street": "Jl. Melati 5",
        "email": "dewi@contoh.id",
        "phone": "0813-1111-2222",
        "password1": "Kopi-Tubruk-77",
        "password2": "Kopi-Tubruk-77",
    }
    data.update(overrides)
    return data


def test_a_person_in_the_registry_registers_and_gets_an_otp_by_sms(client, person):
    response = sign_up(client, URL, form_data(person))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:activate")
    user = User.objects.get(nik=person.nik)
    assert user.phone == "+6281311112222"
    assert user.email == "dewi@contoh.id"
    assert not user.is_activated
    assert "kode aktivasi" in last_text_to("+6281311112222", channel="sms")
    assert PhoneVerification.objects.filter(user=user).count() == 1
    assert AuditEvent.objects.filter(action="account.register", object_id=str(user.pk)).exists()


def _assert_refused(response, message):
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not received()


def test_an_unknown_nik_gets_the_advice_to_contact_dukcapil_and_nothing_is_created(client, person):
    data = form_data(person, nik=factories.make_nik(sex="P", birth_date=datetime.date(1998, 11, 17), serial=9999))
    response = sign_up(client, URL, data)

    _assert_refused(response, "hubungi Dukcapil setempat")
    assert User.objects.count() == 0
    # What was typed is kept, and the second step (contact details, password) is not offered.
    page = response.content.decode()
    assert f'value="{data["nik"]}"' in page
    assert 'name="password1"' not in page


def test_a_wrong_mothers_name_is_refused_like_an_unknown_nik(client, person):
    response = sign_up(client, URL, form_data(person, parent_name="Siti Aminah"))
    _assert_refused(response, "hubungi Dukcapil setempat")
    assert User.objects.count() == 0


def test_the_stored_name_birth_and_sex_are_the_registrys_not_what_was_typed(client, person):
    person.full_name = "Dewi Kartika Sari"
    person.birth_place = "Bogor"
    person.save()
    registry_step(client, URL, nik=person.nik, parent_name="Nur Hidayah")
    page = client.get(URL).content.decode()
    # The registry's answer is shown for confirmation; there is nothing to type for it.
    assert "Dewi Kartika Sari" in page and "Bogor" in page and "17 November 1998" in page
    assert 'name="full_name"' not in page and 'name="birth_date"' not in page and 'name="sex"' not in page

    data = form_data(person, full_name="Nama Karangan", birth_place="Jakarta", birth_date="2001-01-01", sex="L")
    sign_up(client, URL, data)

    user = User.objects.get(nik=person.nik)
    assert (user.full_name, user.birth_place, user.birth_date, user.sex) == (
        "Dewi Kartika Sari",
        "Bogor",
        datetime.date(1998, 11, 17),
        "P",
    )


def test_not_me_goes_back_to_the_nik_step(client, person):
    registry_step(client, URL, nik=person.nik, parent_name="Nur Hidayah")
    response = client.post(URL, {"action": "restart"})
    assert response.status_code == 302
    page = client.get(URL).content.decode()
    assert 'data-testid="registry-step"' in page and person.full_name not in page


def test_a_malformed_phone_is_refused_beside_the_phone_field(client, person):
    response = sign_up(client, URL, form_data(person, phone="021-555-666"))
    page = response.content.decode()
    assert 'id="phone-error"' in page
    assert "Nomor HP tidak valid" in page
    assert User.objects.count() == 0


def test_a_weak_password_is_refused_with_the_validators_message(client, person):
    response = sign_up(client, URL, form_data(person, password1="12345678", password2="12345678"))
    assert "kata sandi" in response.content.decode().lower()
    assert User.objects.count() == 0


def test_mismatched_passwords_are_refused(client, person):
    response = sign_up(client, URL, form_data(person, password2="Lain-Sekali-99"))
    assert "Kedua kata sandi tidak sama" in response.content.decode()
    assert User.objects.count() == 0


def test_without_javascript_the_region_button_fills_the_next_select(client, person):
    data = form_data(person, address_regency="", address_district="", address_village="", _regions="1")
    response = sign_up(client, URL, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kota Depok" in page  # regencies of Jawa Barat are now offered
    assert "Kopi-Tubruk-77" not in page
    assert 'value="dewi@contoh.id"' in page
    assert person.full_name in page  # the registry's name, still shown for confirmation
    assert "is-invalid" not in page
    assert User.objects.count() == 0


def test_the_register_page_offers_every_province(client, person):
    registry_step(client, URL, nik=person.nik, parent_name="Nur Hidayah")
    response = client.get(URL)
    page = response.content.decode()
    assert page.count('<option value="') >= 38
    assert "Papua Barat Daya" in page
