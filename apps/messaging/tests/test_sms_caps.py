"""SMS a requester can have sent (OTPs, phone changes) are capped per account, per phone number and per source
address, in the cache; notices sent because someone else acted are not."""

import pytest
from django.urls import reverse

from apps.accounts import services as account_services
from apps.core.errors import ServiceError
from apps.core.request_context import reset_client_ip, set_client_ip
from apps.messaging.services import sms_queue
from testing import factories
from testing.clock import Clock
from testing.outbox import received

pytestmark = pytest.mark.django_db


@pytest.fixture
def from_address():
    token = set_client_ip("203.0.113.7")
    yield "203.0.113.7"
    reset_client_ip(token)


def _sms(phone, user=None):
    return sms_queue(
        phone=phone, template="accounts/sms/otp.txt", context={"minutes": 5}, secrets={"code": "1"}, user=user
    )


def test_twenty_phone_changes_in_a_row_send_only_the_accounts_allowance(settings, monkeypatch):
    """The attack of the issue: one pending account, "change phone" to twenty numbers, one SMS each, each after
    the resend cool-down (within it, every change is refused)."""
    clock = Clock(monkeypatch)
    pending = factories.user(activated=False)
    refusals = []
    for n in range(20):
        try:
            account_services.account_change_phone(user=pending, phone=f"08129999{n:04d}")
        except ServiceError as refused:
            refusals.append(refused)
        clock.advance(settings.OTP_RESEND_COOLDOWN_SECONDS + 1)
    sent = [m for m in received(channel="sms") if m.recipient.startswith("+628129999")]
    assert len(sent) == settings.SMS_MAX_PER_ACCOUNT_PER_HOUR
    assert len(refusals) == 20 - settings.SMS_MAX_PER_ACCOUNT_PER_HOUR
    assert {r.code for r in refusals} == {"sms_rate_account"}
    assert "Terlalu banyak SMS untuk akun ini" in refusals[0].message


def test_one_phone_number_gets_no_more_than_its_allowance_whoever_asks(settings):
    settings.SMS_MAX_PER_PHONE_PER_HOUR = 3
    for _n in range(3):
        _sms("+6281200000001", user=factories.user(activated=False))
    with pytest.raises(ServiceError) as refused:
        _sms("+6281200000001", user=factories.user(activated=False))
    assert refused.value.code == "sms_rate_phone"
    assert "nomor ini" in refused.value.message
    assert len(received(recipient="+6281200000001")) == 3


def test_one_source_address_is_capped_across_accounts_and_numbers(settings, from_address):
    settings.SMS_MAX_PER_IP_PER_HOUR = 4
    for n in range(4):
        _sms(f"+62812000100{n:02d}", user=factories.user(activated=False))
    with pytest.raises(ServiceError) as refused:
        _sms("+6281200010099", user=factories.user(activated=False))
    assert refused.value.code == "sms_rate_ip"
    assert "jaringan ini" in refused.value.message
    # Another address is not held back by this one.
    token = set_client_ip("198.51.100.9")
    try:
        _sms("+6281200010098", user=factories.user(activated=False))
    finally:
        reset_client_ip(token)


def test_a_refused_sms_uses_up_nobody_elses_allowance(settings, from_address):
    """Refused for the address: the account and the number counted for that attempt are given back."""
    settings.SMS_MAX_PER_ACCOUNT_PER_HOUR = 1
    settings.SMS_MAX_PER_PHONE_PER_HOUR = 1
    settings.SMS_MAX_PER_IP_PER_HOUR = 1
    _sms("+6281200020001", user=factories.user(activated=False))
    second = factories.user(activated=False)
    with pytest.raises(ServiceError) as refused:
        _sms("+6281200020002", user=second)
    assert refused.value.code == "sms_rate_ip"
    token = set_client_ip("198.51.100.9")
    try:
        _sms("+6281200020002", user=second)  # the account and the number still have their one SMS
    finally:
        reset_client_ip(token)


def test_the_sign_up_page_shows_the_refusal_in_indonesian(client, settings):
    settings.SMS_MAX_PER_ACCOUNT_PER_HOUR = 0
    from apps.accounts.views import PENDING_ACTIVATION

    pending = factories.user(activated=False)
    session = client.session
    session[PENDING_ACTIVATION] = pending.pk
    session.save()
    response = client.post(reverse("accounts:activate"), {"action": "resend"}, follow=True)
    assert "Terlalu banyak SMS untuk akun ini" in response.content.decode()


def test_notices_sent_because_someone_else_acted_are_not_capped(settings, job_seeker):
    from apps.messaging.notices import Notice
    from apps.messaging.services import notify_user

    settings.SMS_MAX_PER_PHONE_PER_HOUR = 1
    settings.SMS_MAX_PER_ACCOUNT_PER_HOUR = 1
    for n in range(3):
        notify_user(user=job_seeker, notice=Notice(title="Kabar %(n)s", body="Isi.")(n=n), email=False)
    assert len(received(recipient=job_seeker.phone)) == 3
