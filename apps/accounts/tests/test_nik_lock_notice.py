"""When wrong parents' names lock a NIK, the holder of the account with that NIK is told by SMS and e-mail, so
they know someone is trying their identity and how to lift the lock; the visitor's page says nothing more than
for a NIK without an account, and the notices are throttled like every notice to an account holder."""

import re

import pytest
from django.urls import reverse

from apps.accounts import services
from apps.audit.models import AuditEvent
from testing import factories
from testing.outbox import received

pytestmark = pytest.mark.django_db

REGISTER = reverse("accounts:register")
WRONG_NAMES = ("Sri Wahyuni", "Ani Lestari", "Rina Marlina")


def guess_parents_names(client, nik):
    for n, name in enumerate(WRONG_NAMES):
        response = client.post(
            REGISTER,
            {"action": "identity_check", "nik": nik, "parent": "mother", "parent_name": name},
            REMOTE_ADDR=f"100.64.0.{n}",
        )
    return response.content.decode()


def same_page(html: str, nik: str) -> str:
    """The page with its CSRF token and the NIK typed blanked out."""
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", html).replace(nik, "NIK")


def test_the_account_holder_is_told_when_their_nik_is_locked(client, job_seeker):
    guess_parents_names(client, job_seeker.nik)
    assert services.nik_is_locked(job_seeker.nik)

    sms = received(recipient=job_seeker.phone, channel="sms")
    assert len(sms) == 1
    assert sms[0].body.startswith("SIPMI: NIK Anda dikunci sementara")
    assert "Lupa kata sandi" in sms[0].body
    [mail] = received(recipient=job_seeker.email, channel="email")
    assert mail.subject == "SIPMI: NIK Anda dikunci sementara"
    assert "NIK Anda dikunci sementara" in mail.body and "e-KTP" in mail.body
    assert job_seeker.nik not in sms[0].body + mail.body  # the NIK itself never travels in a message
    assert AuditEvent.objects.filter(action="account.taken_notice", object_id=str(job_seeker.pk)).exists()


def test_the_attacker_sees_the_same_page_whether_or_not_the_nik_has_an_account(client, job_seeker):
    without_account = factories.registry_person(name="Tanpa Akun")
    other = type(client)()
    with_holder = same_page(guess_parents_names(client, job_seeker.nik), job_seeker.nik)
    assert with_holder == same_page(guess_parents_names(other, without_account.nik), without_account.nik)
    assert "tidak ditemukan/tidak sesuai di data kependudukan" in with_holder
    assert {m.recipient for m in received()} == {job_seeker.phone, job_seeker.email}


def test_no_one_is_told_before_the_lock(client, job_seeker):
    client.post(REGISTER, {"action": "identity_check", "nik": job_seeker.nik, "parent": "mother", "parent_name": "Sri"})
    assert not services.nik_is_locked(job_seeker.nik)
    assert received(recipient=job_seeker.phone) == []


def test_the_notices_are_throttled_when_the_nik_is_locked_again_and_again(client, job_seeker, settings):
    settings.ACCOUNT_NOTICES_PER_RECIPIENT_PER_HOUR = 2
    settings.REGISTRY_CHECKS_PER_NIK_PER_HOUR = settings.REGISTRY_CHECKS_PER_ADDRESS_PER_HOUR = 100
    desk = factories.staff()
    for _ in range(4):
        guess_parents_names(client, job_seeker.nik)
        assert services.nik_is_locked(job_seeker.nik)
        services.nik_unlock(actor=desk, nik=job_seeker.nik, reason="e-KTP diperiksa di loket")
    assert len(received(recipient=job_seeker.phone, channel="sms")) == 2
    assert len(received(recipient=job_seeker.email, channel="email")) == 2
