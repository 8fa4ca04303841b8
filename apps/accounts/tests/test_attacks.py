"""The sign-up, login, reset and settings pages tried as an attacker would: guessing NIKs and parents' names,
probing which NIKs, e-mails and phones have accounts, locking other people out, flooding reset e-mails."""

import datetime
import re

import pytest
from django.urls import reverse

from apps.accounts import services
from apps.accounts.models import User
from apps.audit.models import AuditEvent
from testing import factories
from testing.clock import Clock
from testing.outbox import link_sent_to, otp_sent_to, received
from testing.signup import registry_step, sign_up, signup_data

pytestmark = pytest.mark.django_db

REGISTER = reverse("accounts:register")
ACTIVATE = reverse("accounts:activate")
LOGIN = reverse("accounts:login")
RESET = reverse("accounts:password_reset")
SETTINGS = reverse("accounts:settings")
BIRTH = datetime.date(1998, 11, 17)


def without_tokens(html: str, *variable: str) -> str:
    """The page with its CSRF tokens (and the given values, e.g. the typed phone) blanked out."""
    html = re.sub(r"[A-Za-z0-9]{64}", "TOKEN", html)
    for value in variable:
        html = html.replace(value, "VALUE")
    return html


@pytest.fixture
def person():
    return factories.registry_person(sex="P", birth_date=BIRTH, mother="Nur Hidayah", name="Dewi Kartika")


# --- the registry oracle ---------------------------------------------------------------------------------------


def test_31_registry_guesses_in_a_minute_from_one_address_are_refused_from_the_21st(client, settings):
    assert settings.REGISTRY_CHECKS_PER_ADDRESS_PER_HOUR == 20
    answers = []
    for serial in range(1, 32):
        nik = factories.make_nik(sex="P", birth_date=BIRTH, serial=serial)
        response = client.post(
            REGISTER,
            {"action": "identity_check", "nik": nik, "parent": "mother", "parent_name": "Siti Aminah"},
            REMOTE_ADDR="203.0.113.7",
        )
        answers.append("Terlalu banyak pemeriksaan" in response.content.decode())
    assert answers == [False] * 20 + [True] * 11
    # Someone else, from another address, is still answered.
    other = factories.registry_person(mother="Siti Aminah")
    response = registry_step(client, REGISTER, nik=other.nik, parent_name="Siti Aminah")
    assert response.status_code == 302


def test_one_nik_is_asked_about_at_most_ten_times_an_hour_from_anywhere(client, person):
    for n in range(10):
        response = client.post(
            REGISTER,
            {"action": "identity_check", "nik": person.nik, "parent": "mother", "parent_name": "Nur Hidayah"},
            REMOTE_ADDR=f"198.51.100.{n}",
        )
        assert response.status_code == 302
    response = registry_step(client, REGISTER, nik=person.nik, parent_name="Nur Hidayah")
    assert "Terlalu banyak pemeriksaan" in response.content.decode()


def test_the_registry_is_asked_a_limited_number_of_times_a_minute_overall(client, person, settings):
    settings.REGISTRY_CHECKS_PER_MINUTE = 3
    for n in range(3):
        nik = factories.make_nik(serial=9000 + n)
        client.post(
            REGISTER,
            {"action": "identity_check", "nik": nik, "parent": "mother", "parent_name": "X"},
            REMOTE_ADDR=f"192.0.2.{n}",
        )
    response = registry_step(client, REGISTER, nik=person.nik, parent_name="Nur Hidayah")
    assert "Terlalu banyak pemeriksaan" in response.content.decode()


def guess_mothers_names(client, nik, names=("Sri Wahyuni", "Ani Lestari", "Rina Marlina")):
    for n, name in enumerate(names):
        client.post(
            REGISTER,
            {"action": "identity_check", "nik": nik, "parent": "mother", "parent_name": name},
            REMOTE_ADDR=f"100.64.0.{n}",
        )


def test_three_wrong_parents_names_lock_the_nik_and_an_officer_unlocks_it_after_seeing_the_ektp(
    client, person, officer
):
    guess_mothers_names(client, person.nik)
    # Even the right name is refused now, from any address: the lock is on the NIK.
    response = registry_step(client, REGISTER, nik=person.nik, parent_name="Nur Hidayah")
    page = response.content.decode()
    assert "NIK ini dikunci sementara" in page and "Dewi Kartika" not in page
    assert AuditEvent.objects.filter(action="registry.nik_lock").exists()

    desk = factories.staff()
    desk_client = type(client)()
    desk_client.force_login(desk)
    url = reverse("accounts:nik_unlock")
    response = desk_client.post(url, {"nik": person.nik, "reason": ""})
    assert response.status_code == 200 and services.nik_is_locked(person.nik)  # not without a reason
    response = desk_client.post(url, {"nik": person.nik, "reason": "e-KTP asli diperiksa di loket"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="registry.nik_unlock")
    assert event.actor_id == desk.pk and person.nik not in event.object_id

    response = registry_step(client, REGISTER, nik=person.nik, parent_name="Nur Hidayah")
    assert response.status_code == 302
    assert "Dewi Kartika" in client.get(REGISTER).content.decode()


def test_only_office_staff_unlock_a_nik(client, job_seeker, person):
    guess_mothers_names(client, person.nik)
    client.force_login(job_seeker)
    assert client.post(reverse("accounts:nik_unlock"), {"nik": person.nik, "reason": "saya"}).status_code == 403
    assert services.nik_is_locked(person.nik)


def test_the_account_holder_unlocks_their_nik_by_logging_in(client, job_seeker, password):
    guess_mothers_names(client, job_seeker.nik)
    assert services.nik_is_locked(job_seeker.nik)
    client.post(LOGIN, {"identifier": job_seeker.email, "password": password})
    assert not services.nik_is_locked(job_seeker.nik)


def test_a_too_young_person_is_refused_at_the_registry_step(client, settings):
    settings.SIGNUP_MIN_AGE_YEARS = 18
    today = datetime.date.today()
    young = factories.registry_person(birth_date=today.replace(year=today.year - 16) - datetime.timedelta(days=3))
    response = registry_step(client, REGISTER, nik=young.nik, parent_name="Siti Aminah")
    assert "Usia minimal 18 tahun" in response.content.decode()


# --- no account enumeration at sign-up ---------------------------------------------------------------------------


def activation_page_after_sign_up(data, url=REGISTER, ip="10.0.0.1"):
    from django.test import Client

    client = Client(REMOTE_ADDR=ip)
    response = sign_up(client, url, data)
    assert response.status_code == 302 and response["Location"] == ACTIVATE
    return client, client.get(ACTIVATE)


@pytest.mark.parametrize("taken", ["nik", "email", "phone"])
def test_a_sign_up_on_an_existing_account_reads_exactly_like_a_new_one(person, job_seeker, taken):
    newcomer = factories.registry_person(sex="P", birth_date=BIRTH, mother="Nur Hidayah")
    if taken == "nik":
        User.objects.filter(pk=job_seeker.pk).update(nik=person.nik)
        probe = signup_data(person, email="lain@contoh.id", phone="0813-4444-5555")
    elif taken == "email":
        probe = signup_data(person, email=job_seeker.email.upper(), phone="0813-4444-5555")
    else:
        probe = signup_data(person, email="lain@contoh.id", phone=job_seeker.phone)
    users_before = User.objects.count()

    _real_client, real = activation_page_after_sign_up(
        signup_data(newcomer, email="baru@contoh.id", phone="0813-7777-8888")
    )
    probe_client, probed = activation_page_after_sign_up(probe, ip="10.0.0.2")

    probe_phone = "+6281344445555" if taken != "phone" else job_seeker.phone
    assert without_tokens(probed.content.decode(), probe_phone) == without_tokens(
        real.content.decode(), "+6281377778888"
    )
    assert User.objects.count() == users_before + 1  # only the newcomer

    # The holder is told, by SMS or e-mail; no code reaches them.
    told = received(user=job_seeker)
    assert told and not any(re.search(r"\b\d{6}\b", message.body) for message in told)
    assert "memakai" in told[0].body or "NIK Anda" in told[0].body

    # Any code is refused like a wrong one, then locked like a real one.
    answers = [
        probe_client.post(ACTIVATE, {"action": "verify", "code": code}).content.decode()
        for code in ("123456", "000000", "999999", "111111", "222222", "333333")
    ]
    assert "Kode salah. Sisa percobaan: 4." in answers[0]
    assert "Kode salah terlalu sering dan sudah dikunci" in answers[-1]
    assert "_auth_user_id" not in probe_client.session


def test_the_same_wrong_code_answer_on_a_real_and_a_probed_activation_page(person, job_seeker):
    newcomer = factories.registry_person(sex="P", birth_date=BIRTH, mother="Nur Hidayah")
    real_client, _ = activation_page_after_sign_up(
        signup_data(newcomer, email="baru@contoh.id", phone="0813-7777-8888")
    )
    probe_client, _ = activation_page_after_sign_up(signup_data(person, email=job_seeker.email), ip="10.0.0.2")
    wrong = "000000" if otp_sent_to("+6281377778888") != "000000" else "111111"
    real = real_client.post(ACTIVATE, {"action": "verify", "code": wrong}).content.decode()
    probed = probe_client.post(ACTIVATE, {"action": "verify", "code": wrong}).content.decode()
    assert without_tokens(probed, "+6281311112222") == without_tokens(real, "+6281377778888")


# --- login ------------------------------------------------------------------------------------------------------


def login_page(client, identifier, password):
    response = client.post(LOGIN, {"identifier": identifier, "password": password})
    return response.status_code, without_tokens(response.content.decode(), identifier)


def test_the_login_refusal_is_the_same_for_unknown_wrong_and_slowed_accounts(client, job_seeker, other_job_seeker):
    for _ in range(6):
        client.post(LOGIN, {"identifier": other_job_seeker.email, "password": "salah"})
    wrong = login_page(client, job_seeker.email, "salah")
    unknown = login_page(client, "tidak.ada@contoh.id", "salah")
    slowed = login_page(client, other_job_seeker.email, "salah")
    assert wrong == unknown == slowed
    assert wrong[0] == 200


def test_an_unknown_identifier_slows_down_exactly_like_a_known_one(client, job_seeker, password):
    for _ in range(5):
        client.post(LOGIN, {"identifier": job_seeker.email, "password": "salah"})
        client.post(LOGIN, {"identifier": "tidak.ada@contoh.id", "password": "salah"})
    known = login_page(client, job_seeker.email, password)  # even the right password waits now
    unknown = login_page(client, "tidak.ada@contoh.id", "salah")
    assert known == unknown
    assert "_auth_user_id" not in client.session


def test_a_cgnat_address_full_of_failures_still_lets_the_right_person_in(job_seeker, password):
    from django.test import Client

    shared = "100.64.12.34"  # one carrier-grade NAT address: a whole district on mobile internet
    attacker = Client(REMOTE_ADDR=shared)
    for n in range(12):
        victim = factories.user()
        for _ in range(6):
            attacker.post(LOGIN, {"identifier": victim.email, "password": f"tebakan-{n}"})
    neighbour = Client(REMOTE_ADDR=shared)
    response = neighbour.post(LOGIN, {"identifier": job_seeker.email, "password": password})
    assert response.status_code == 302 and "_auth_user_id" in neighbour.session


def test_failures_against_one_account_from_many_addresses_never_lock_out_its_owner(client, job_seeker, password):
    from django.test import Client

    for n in range(25):
        Client(REMOTE_ADDR=f"198.18.0.{n}").post(LOGIN, {"identifier": job_seeker.email, "password": "salah"})
    # The owner's own address is only slowed (at most a minute); the reset path is never closed.
    client.post(RESET, {"email": job_seeker.email})
    link = link_sent_to(job_seeker.email, "/lupa-sandi/")
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "Baru-Sekali-2026", "new_password2": "Baru-Sekali-2026"})
    response = Client(REMOTE_ADDR="198.18.0.1").post(
        LOGIN, {"identifier": job_seeker.email, "password": "Baru-Sekali-2026"}
    )
    assert response.status_code == 302


# --- password reset ------------------------------------------------------------------------------------------


def test_password_reset_reads_the_same_for_an_existing_and_an_unknown_email(client, job_seeker):
    known = client.post(RESET, {"email": job_seeker.email}, follow=True)
    unknown = client.post(RESET, {"email": "tidak.ada@contoh.id"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert without_tokens(known.content.decode()) == without_tokens(unknown.content.decode())
    assert len(received(recipient=job_seeker.email)) == 1
    assert not received(recipient="tidak.ada@contoh.id")


def test_password_reset_does_the_same_work_for_an_existing_and_an_unknown_email(client, job_seeker, monkeypatch):
    """No account lookup, token or e-mail while the visitor waits: the page's time tells nothing either."""
    from apps.accounts import tasks

    handed = []
    monkeypatch.setattr(tasks, "password_reset_send", lambda **kwargs: handed.append(kwargs))
    for email in (job_seeker.email, "tidak.ada@contoh.id"):
        client.post(RESET, {"email": email})
    assert [item["email"] for item in handed] == [job_seeker.email, "tidak.ada@contoh.id"]
    assert not received(recipient=job_seeker.email)  # the worker writes it (see the test above)


def test_reset_emails_are_limited_per_address_and_per_source_address(client, job_seeker, other_job_seeker):
    pages = [client.post(RESET, {"email": job_seeker.email}, follow=True) for _ in range(5)]
    assert len(received(recipient=job_seeker.email)) == 3
    assert len({without_tokens(page.content.decode()) for page in pages}) == 1  # the page never tells
    for _ in range(10):
        client.post(RESET, {"email": other_job_seeker.email}, REMOTE_ADDR="203.0.113.50")
    assert len(received(recipient=other_job_seeker.email)) == 3


# --- settings: phone and e-mail --------------------------------------------------------------------------------


def test_the_settings_page_changes_the_phone_only_after_the_code_sent_to_the_new_number(client, job_seeker):
    client.force_login(job_seeker)
    old = job_seeker.phone
    response = client.post(SETTINGS, {"action": "phone", "phone": "0857-1234-5678"}, follow=True)
    assert "Kode dikirim lewat SMS ke +6285712345678" in response.content.decode()
    assert User.objects.get(pk=job_seeker.pk).phone == old
    response = client.post(SETTINGS, {"action": "phone_verify", "code": "000000"})
    if otp_sent_to("+6285712345678") != "000000":
        assert "Kode salah. Sisa percobaan: 4." in response.content.decode()
    client.post(SETTINGS, {"action": "phone_verify", "code": otp_sent_to("+6285712345678")})
    assert User.objects.get(pk=job_seeker.pk).phone == "+6285712345678"
    assert AuditEvent.objects.filter(action="account.change_phone", object_id=str(job_seeker.pk)).exists()


def test_changing_to_a_taken_phone_reads_like_a_free_one_and_its_holder_is_told(
    client, job_seeker, other_job_seeker, monkeypatch
):
    clock = Clock(monkeypatch)
    client.force_login(job_seeker)
    taken = client.post(SETTINGS, {"action": "phone", "phone": other_job_seeker.phone}, follow=True)
    clock.advance(61)  # past the cool-down the first change started
    free = client.post(SETTINGS, {"action": "phone", "phone": "0857-1234-5678"}, follow=True)
    assert without_tokens(taken.content.decode(), other_job_seeker.phone) == without_tokens(
        free.content.decode(), "+6285712345678"
    )
    notice = received(recipient=other_job_seeker.phone)
    assert len(notice) == 1 and not re.search(r"\b\d{6}\b", notice[0].body)


def test_changing_to_a_taken_email_reads_like_a_free_one_and_its_holder_is_told(
    client, job_seeker, other_job_seeker, password
):
    client.force_login(job_seeker)
    taken = client.post(SETTINGS, {"action": "email", "email": other_job_seeker.email, "password": password})
    taken_page = client.get(SETTINGS).content.decode()
    free = client.post(SETTINGS, {"action": "email", "email": "ani.baru@contoh.id", "password": password})
    free_page = client.get(SETTINGS).content.decode()
    assert taken.status_code == free.status_code == 302
    assert without_tokens(taken_page, other_job_seeker.email) == without_tokens(free_page, "ani.baru@contoh.id")
    notice = received(recipient=other_job_seeker.email)
    assert len(notice) == 1 and "/pengaturan/email/" not in notice[0].body
    assert User.objects.get(pk=job_seeker.pk).email == job_seeker.email
