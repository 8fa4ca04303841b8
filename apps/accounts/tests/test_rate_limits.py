"""The limits of sign-up seen from outside: a sign-up on an existing NIK, e-mail or phone (the decoy, which creates
nothing) meets exactly the limits of a real one, response for response and counter for counter; "change number"
shares the resend cool-down; and no counter in the cache names a NIK, e-mail, phone, address or account."""

import datetime
import math
import re
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts import services
from apps.accounts.models import User
from apps.complaints import services as complaint_services
from apps.core.errors import ServiceError
from apps.core.request_context import reset_client_ip, set_client_ip
from testing import factories
from testing.clock import Clock
from testing.outbox import received
from testing.signup import registry_step, sign_up, signup_data

pytestmark = pytest.mark.django_db

REGISTER = reverse("accounts:register")
ACTIVATE = reverse("accounts:activate")
LOGIN = reverse("accounts:login")
RESET = reverse("accounts:password_reset")
BIRTH = datetime.date(1998, 11, 17)
ADDRESS = "203.0.113.45"
# Notices to an existing account's holder are what a decoy causes and a real sign-up does not; they are capped per
# recipient (the holder), and no answer the visitor gets depends on that cap.
HOLDER_ONLY = {"holder-notice"}


def counters() -> list:
    """Every counter and pause in the (test) cache by kind, with its count or the seconds it still runs."""
    found = []
    for made in list(cache._cache):
        key = made.split(":", 2)[2]
        if not key.startswith("rl:") or key.split(":")[1] in HOLDER_ONLY:
            continue
        value = cache.get(key)
        if isinstance(value, float):
            value = f"{math.ceil(value - time.time())} s"
        if value is not None:
            found.append((key.split(":")[1], value))
    return sorted(found)


def shown(client, response) -> str:
    """What the visitor reads after `response` (following a redirect), without CSRF tokens and phone numbers."""
    if response.status_code == 302:
        response = client.get(response["Location"])
    html = re.sub(r"[A-Za-z0-9]{64}", "TOKEN", response.content.decode())
    return re.sub(r"\+62\d{8,13}", "PHONE", html)


def run(data: dict, clock: Clock, actions: list[dict]) -> list:
    """Sign up with `data` from one address, then post each of `actions` on the activation page, the clock moved
    on by an action's "after" seconds first; what the visitor saw and the counters after each step."""
    client = Client(REMOTE_ADDR=ADDRESS)
    response = sign_up(client, REGISTER, data)
    steps = [("sign-up", response.status_code, response.get("Location"), shown(client, response), counters())]
    for action in actions:
        clock.advance(action.get("after", 0))
        post = {k: v for k, v in action.items() if k != "after"}
        response = client.post(ACTIVATE, post)
        steps.append((post, response.status_code, response.get("Location"), shown(client, response), counters()))
    return steps


@pytest.fixture
def person(db):
    return factories.registry_person(sex="P", birth_date=BIRTH, mother="Nur Hidayah", name="Dewi Kartika")


@pytest.fixture
def newcomer(db):
    return factories.registry_person(sex="P", birth_date=BIRTH, mother="Nur Hidayah", name="Sri Rahayu")


def probe_of(taken: str, person, holder) -> dict:
    """A sign-up whose `taken` (nik, email or phone) is the holder's."""
    if taken == "nik":
        User.objects.filter(pk=holder.pk).update(nik=person.nik)
        return signup_data(person, email="lain@contoh.id", phone="0813-4444-5555")
    if taken == "email":
        return signup_data(person, email=holder.email.upper(), phone="0813-4444-5555")
    return signup_data(person, email="lain@contoh.id", phone=holder.phone)


@pytest.mark.parametrize("taken", ["nik", "email", "phone"])
def test_ten_resends_answer_and_count_alike_for_a_real_sign_up_and_one_on_an_existing_account(
    taken, person, newcomer, job_seeker, monkeypatch, settings
):
    """The issue's leak: from the 5th resend a real sign-up said "limit reached" and the decoy "code sent"."""
    clock = Clock(monkeypatch)
    resends = [{"action": "resend", "after": settings.OTP_RESEND_COOLDOWN_SECONDS + 1}] * 10
    users = User.objects.count()

    probed = run(probe_of(taken, person, job_seeker), clock, resends)
    assert User.objects.count() == users  # the decoy created nothing
    cache.clear()
    real = run(signup_data(newcomer, email="baru@contoh.id", phone="0813-7777-8888"), clock, resends)
    assert User.objects.count() == users + 1

    refused = "Batas pengiriman kode ke nomor ini tercapai."
    assert [refused in step[3] for step in real[1:]] == [False] * 4 + [True] * 6
    assert [step[1] for step in real] == [302] * 5 + [200] * 6
    assert len(received(recipient="+6281377778888")) == settings.OTP_MAX_SENDS_PER_PHONE_PER_HOUR
    assert ("otp-phone", settings.OTP_MAX_SENDS_PER_PHONE_PER_HOUR) in real[-1][4]
    for step_probed, step_real in zip(probed, real, strict=True):
        assert step_probed == step_real


@pytest.mark.parametrize("taken", ["email", "phone"])
def test_change_number_shares_the_resend_cooldown_on_a_real_and_a_decoy_activation_page(
    taken, person, newcomer, job_seeker, monkeypatch, settings
):
    """The issue: "change number" during sign-up sent 5 codes to 5 numbers in half a second."""
    clock = Clock(monkeypatch)
    numbers = [f"0857-1234-000{n}" for n in range(5)]
    actions = [{"action": "change_phone", "phone": number, "after": 0.1} for number in numbers]
    actions += [
        {"action": "change_phone", "phone": "0857-1234-0009", "after": settings.OTP_RESEND_COOLDOWN_SECONDS},
        {"action": "resend", "after": 1},
        {"action": "resend", "after": settings.OTP_RESEND_COOLDOWN_SECONDS},
    ]

    probed = run(probe_of(taken, person, job_seeker), clock, actions)
    cache.clear()
    real = run(signup_data(newcomer, email="baru@contoh.id", phone="0813-7777-8888"), clock, actions)

    for step in real[1:6]:
        assert step[1] == 200 and "Tunggu 60 detik sebelum meminta kode baru." in step[3]
    five = {f"+628571234000{n}" for n in range(5)}
    assert not [m for m in received(channel="sms") if m.recipient in five]
    assert real[6][1] == 302 and "Kode baru sudah dikirim ke PHONE." in real[6][3]
    assert "Tunggu 59 detik" in real[7][3] and real[8][1] == 302
    assert [m.recipient for m in received(channel="sms") if m.recipient.startswith("+628571234")] == [
        "+6285712340009",
        "+6285712340009",
    ]
    for step_probed, step_real in zip(probed, real, strict=True):
        assert step_probed == step_real


def test_a_first_code_the_limits_refuse_refuses_the_sign_up_alike_and_creates_nothing(
    person, newcomer, job_seeker, settings
):
    settings.OTP_MAX_SENDS_PER_PHONE_PER_HOUR = 0
    users = User.objects.count()
    answers = []
    for data in (signup_data(person, email=job_seeker.email), signup_data(newcomer, email="baru@contoh.id")):
        client = Client(REMOTE_ADDR=ADDRESS)
        response = sign_up(client, REGISTER, data)
        page = shown(client, response)
        for typed in (data["email"], data["nik"], "Dewi Kartika", "Sri Rahayu"):
            page = page.replace(typed, "TYPED")
        answers.append((response.status_code, page))
        cache.clear()
    assert answers[0] == answers[1]
    assert answers[0][0] == 200 and "Batas pengiriman kode ke nomor ini tercapai." in answers[0][1]
    assert User.objects.count() == users


def test_no_counter_in_the_cache_names_a_nik_email_phone_address_or_account(
    person, newcomer, job_seeker, monkeypatch, settings
):
    """Drive every limited flow, then read every key (and value) of the test cache."""
    clock = Clock(monkeypatch)
    settings.LOGIN_ACCOUNT_FREE_FAILURES = 3
    User.objects.filter(pk=job_seeker.pk).update(nik=person.nik)
    job_seeker.refresh_from_db()
    # Sign-up, real and on an existing account, with resends and changes of number.
    actions = [
        {"action": "resend", "after": 61},
        {"action": "change_phone", "phone": "0857-1234-0001", "after": 61},
        {"action": "verify", "code": "123456"},
    ]
    run(signup_data(newcomer, email="baru@contoh.id", phone="0813-7777-8888"), clock, actions)
    run(signup_data(person, email="lain@contoh.id", phone="0813-4444-5555"), clock, actions)
    # Wrong parents' names until a NIK locks.
    locked = factories.registry_person(mother="Nur Hidayah")
    for name in ("Sri", "Ani", "Rina"):
        registry_step(Client(REMOTE_ADDR="198.51.100.23"), REGISTER, nik=locked.nik, parent_name=name)
    assert services.nik_is_locked(locked.nik)
    # Logins that fail, by e-mail, NIK and an unknown identifier; a password reset starts the counts afresh.
    for identifier in (job_seeker.email, job_seeker.nik, "tidak.ada@contoh.id"):
        for _ in range(6):
            clock.advance(61)  # past any wait, so each failure counts
            Client(REMOTE_ADDR="192.0.2.77").post(LOGIN, {"identifier": identifier, "password": "salah"})
    Client(REMOTE_ADDR="192.0.2.78").post(RESET, {"email": job_seeker.email})
    services.account_reset_password(user=job_seeker, new_password="Baru-Sekali-2026")
    # Complaints: filed with a phone and an e-mail, and looked up with a wrong code.
    token = set_client_ip("100.64.1.2")
    try:
        complaint_services.complaint_file(
            office=factories.office(),
            service="passport_recommendation",
            text="Berkas saya dikembalikan tanpa alasan.",
            phone="0813-5555-6666",
            email="pengadu@contoh.id",
        )
        with pytest.raises(ServiceError):
            complaint_services.complaint_by_code("ADU-0000-0000")
    finally:
        reset_client_ip(token)

    keys = [made.split(":", 2)[2] for made in cache._cache]  # expired ones too
    live = [key for key in keys if cache.get(key) is not None]
    kinds = {key.split(":")[1] for key in keys if key.startswith("rl:")}
    assert kinds >= {
        "registry-address",
        "registry-nik",
        "registry-all",
        "nik-lock",
        "holder-notice",
        "otp-cooldown",
        "otp-phone",
        "otp-address",
        "sms-account",
        "sms-phone",
        "sms-address",
        "login",
        "login-wait",
        "login-address",
        "login-address-wait",
        "login-generation",
        "reset-email",
        "reset-address",
        "complaint-file",
        "complaint-lookup",
    }
    for key in keys:
        if key.startswith("rl:"):  # the kind and a digest: no account id either
            assert re.fullmatch(r"rl:[a-z-]+:[0-9a-f]{32}", key), key
            assert key not in live or isinstance(cache.get(key), int | float), key
    identifiers = [person.nik, newcomer.nik, locked.nik, job_seeker.email, "baru@contoh.id", "lain@contoh.id"]
    identifiers += ["pengadu@contoh.id", "tidak.ada", ADDRESS, "198.51.100.23", "192.0.2.7", "100.64.1.2"]
    for phone in ("81377778888", "81344445555", "85712340001", "81355556666", job_seeker.phone[3:]):
        identifiers += [phone, "0" + phone]
    for key in keys:
        for identifier in identifiers:
            assert identifier.lower() not in key.lower(), (identifier, key)


def test_a_code_typed_too_late_is_expired_on_a_real_and_a_decoy_activation_page(person, newcomer, job_seeker):
    from apps.accounts.models import PhoneVerification
    from apps.accounts.views import PENDING_DECOY

    pages = []
    for data in (signup_data(person, email=job_seeker.email), signup_data(newcomer, email="baru@contoh.id")):
        client = Client(REMOTE_ADDR=ADDRESS)
        sign_up(client, REGISTER, data)
        # Five minutes and a second later, for the account's code and for the decoy's.
        PhoneVerification.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
        session = client.session
        if PENDING_DECOY in session:
            session[PENDING_DECOY] = {**session[PENDING_DECOY], "sent": timezone.now().timestamp() - 301}
            session.save()
        pages.append(shown(client, client.post(ACTIVATE, {"action": "verify", "code": "123456"})))
        cache.clear()
    assert pages[0] == pages[1]
    assert "Kode sudah kedaluwarsa. Minta kode baru." in pages[0]


def test_a_slowed_login_waits_two_then_four_seconds_and_the_right_password_then_gets_in(
    client, job_seeker, password, monkeypatch
):
    clock = Clock(monkeypatch)
    for _ in range(5):  # the fifth failure from this address starts a wait of 2 s
        client.post(LOGIN, {"identifier": job_seeker.email, "password": "salah"})
    clock.advance(1)
    client.post(LOGIN, {"identifier": job_seeker.email, "password": password})  # refused, and not counted
    assert "_auth_user_id" not in client.session
    clock.advance(1)
    client.post(LOGIN, {"identifier": job_seeker.email, "password": "salah"})  # the sixth: 4 s
    clock.advance(3)
    client.post(LOGIN, {"identifier": job_seeker.email, "password": password})
    assert "_auth_user_id" not in client.session
    clock.advance(1)
    response = client.post(LOGIN, {"identifier": job_seeker.email, "password": password})
    assert response.status_code == 302 and "_auth_user_id" in client.session
