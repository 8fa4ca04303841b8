import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts import services
from apps.accounts.models import PhoneVerification, User
from apps.audit.models import AuditEvent
from apps.core.errors import ServiceError
from testing import factories
from testing.clock import Clock
from testing.outbox import last_text_to, otp_sent_to, received

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(db):
    """A registered account waiting for its OTP."""
    return factories.user(activated=False)


def last_code(phone):
    return otp_sent_to(phone)


def send(user, seconds_ago=0):
    verification = services.otp_send(user=user)
    if seconds_ago:
        PhoneVerification.objects.filter(pk=verification.pk).update(
            created_at=timezone.now() - datetime.timedelta(seconds=seconds_ago),
            expires_at=timezone.now() - datetime.timedelta(seconds=seconds_ago) + datetime.timedelta(minutes=5),
        )
    return verification


def test_the_right_code_activates_the_account(pending):
    send(pending)
    user = services.otp_verify(user=pending, code=last_code(pending.phone))
    assert user.is_activated
    assert AuditEvent.objects.filter(action="account.activate", object_id=str(pending.pk)).exists()


def test_a_code_is_six_digits_and_only_its_hash_is_stored(pending):
    verification = send(pending)
    code = last_code(pending.phone)
    assert len(code) == 6
    assert code not in verification.code_hash


def test_a_code_older_than_five_minutes_is_expired(pending):
    send(pending, seconds_ago=5 * 60 + 1)
    with pytest.raises(ServiceError) as refused:
        services.otp_verify(user=pending, code=last_code(pending.phone))
    assert refused.value.code == "otp_expired"
    assert not User.objects.get(pk=pending.pk).is_activated


def test_five_wrong_codes_lock_the_code_even_the_right_one(pending):
    send(pending)
    right = last_code(pending.phone)
    wrong = "000000" if right != "000000" else "111111"
    for left in (4, 3, 2, 1):
        with pytest.raises(ServiceError) as refused:
            services.otp_verify(user=pending, code=wrong)
        assert f"Sisa percobaan: {left}" in str(refused.value.message)
    with pytest.raises(ServiceError) as refused:
        services.otp_verify(user=pending, code=wrong)
    assert refused.value.code == "otp_locked"
    with pytest.raises(ServiceError) as refused:
        services.otp_verify(user=pending, code=right)
    assert refused.value.code == "otp_locked"
    assert PhoneVerification.objects.get(user=pending).failed_attempts == 5


def test_a_new_code_can_be_sent_after_the_cooldown_and_the_old_one_stops_working(pending, monkeypatch):
    clock = Clock(monkeypatch)
    send(pending)
    old = last_code(pending.phone)
    clock.advance(61)
    send(pending)
    new = last_code(pending.phone)
    if old != new:
        with pytest.raises(ServiceError):
            services.otp_verify(user=pending, code=old)
    assert services.otp_verify(user=pending, code=new).is_activated


def test_resending_within_the_cooldown_is_refused(pending, monkeypatch):
    clock = Clock(monkeypatch)
    send(pending)
    clock.advance(30)
    with pytest.raises(ServiceError) as refused:
        services.otp_send(user=pending)
    assert refused.value.code == "otp_cooldown"
    assert "Tunggu 30 detik" in refused.value.message
    assert len(received(recipient=pending.phone)) == 1


def test_changing_the_number_shares_the_resend_cooldown(pending, monkeypatch):
    """The issue's attack: "change number" five times in half a second sent five codes to five numbers."""
    clock = Clock(monkeypatch)
    send(pending)
    for n in range(5):
        with pytest.raises(ServiceError) as refused:
            services.account_change_phone(user=pending, phone=f"0857 1234 000{n}")
        assert refused.value.code == "otp_cooldown"
        clock.advance(0.1)
    assert not [m for m in received(channel="sms") if m.recipient.startswith("+62857123400")]
    clock.advance(60)
    services.account_change_phone(user=pending, phone="0857 1234 0009")
    assert len(received(recipient="+6285712340009")) == 1


def test_a_phone_gets_at_most_five_codes_an_hour(pending, monkeypatch):
    clock = Clock(monkeypatch)
    for _ in range(5):
        send(pending)
        clock.advance(120)
    with pytest.raises(ServiceError) as refused:
        services.otp_send(user=pending)
    assert refused.value.code == "otp_rate_phone"
    clock.advance(3600)  # a new hour
    send(pending)
    assert len(received(recipient=pending.phone)) == 6


def test_one_network_gets_a_limited_number_of_codes(settings, db):
    settings.OTP_MAX_SENDS_PER_IP_PER_HOUR = 2
    services.otp_send(user=factories.user(activated=False), ip="10.1.1.1")
    services.otp_send(user=factories.user(activated=False), ip="10.1.1.1")
    with pytest.raises(ServiceError) as refused:
        services.otp_send(user=factories.user(activated=False), ip="10.1.1.1")
    assert refused.value.code == "otp_rate_ip"


def test_the_phone_can_be_changed_before_activation_and_the_code_goes_there(pending, monkeypatch):
    clock = Clock(monkeypatch)
    send(pending)
    clock.advance(120)
    services.account_change_phone(user=pending, phone="0857 1234 5678")
    pending.refresh_from_db()
    assert pending.phone != "+6285712345678"  # not before the code sent there is typed
    assert services.otp_verify(user=pending, code=last_code("+6285712345678")).is_activated
    pending.refresh_from_db()
    assert pending.phone == "+6285712345678"


def test_a_number_in_use_is_answered_like_a_free_one_and_its_holder_is_told(pending, job_seeker):
    verification = services.account_change_phone(user=pending, phone=job_seeker.phone)
    assert verification.phone == job_seeker.phone
    # The holder gets a notice, never a code; any code is refused like a wrong one.
    assert "nomor HP ini untuk akun lain" in last_text_to(job_seeker.phone, channel="sms")
    assert not re.search(r"\b\d{6}\b", last_text_to(job_seeker.phone, channel="sms"))
    with pytest.raises(ServiceError) as refused:
        services.otp_verify(user=pending, code="123456")
    assert refused.value.code == "otp_wrong"
    assert User.objects.get(pk=pending.pk).phone != job_seeker.phone


def test_the_activation_page_activates_and_logs_in(client, pending):
    session = client.session
    session["pending_activation_user_id"] = pending.pk
    session.save()
    send(pending)
    response = client.post(reverse("accounts:activate"), {"action": "verify", "code": last_code(pending.phone)})
    assert response.status_code == 302
    assert client.get(reverse("dashboards:dashboard")).status_code == 302  # logged in: sent on to the dashboard
    assert User.objects.get(pk=pending.pk).is_activated


def test_the_activation_page_shows_a_wrong_code_beside_the_field(client, pending):
    session = client.session
    session["pending_activation_user_id"] = pending.pk
    session.save()
    send(pending)
    wrong = "000000" if last_code(pending.phone) != "000000" else "111111"
    response = client.post(reverse("accounts:activate"), {"action": "verify", "code": wrong})
    page = response.content.decode()
    assert "Kode salah. Sisa percobaan: 4." in page
    assert 'id="code-error"' in page


def test_the_activation_page_resends_and_changes_the_phone(client, pending, monkeypatch):
    clock = Clock(monkeypatch)
    session = client.session
    session["pending_activation_user_id"] = pending.pk
    session.save()
    response = client.post(reverse("accounts:activate"), {"action": "resend"}, follow=True)
    assert "Kode baru sudah dikirim" in response.content.decode()
    response = client.post(reverse("accounts:activate"), {"action": "change_phone", "phone": "0878-9999-0000"})
    assert "Tunggu 60 detik sebelum meminta kode baru." in response.content.decode()
    assert not received(recipient="+6287899990000")
    clock.advance(120)
    response = client.post(reverse("accounts:activate"), {"action": "change_phone", "phone": "12"})
    assert "Nomor HP tidak valid" in response.content.decode()
    client.post(reverse("accounts:activate"), {"action": "change_phone", "phone": "0878-9999-0000"})
    assert len(received(recipient="+6287899990000")) == 1
