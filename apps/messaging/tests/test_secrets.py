"""An insider reading the outbox table (or the task queue) finds no OTP and no usable one-time link: what a person
received is only in their own handset/mailbox (here the local mailbox of development and the demo)."""

import re

import pytest
from django.urls import reverse
from huey.contrib.djhuey import HUEY

from apps.accounts import services as account_services
from apps.accounts.models import User
from apps.agencies import services as agency_services
from apps.messaging.models import OutboundMessage
from apps.messaging.services import MASK
from testing import factories
from testing.outbox import last_text_to, link_sent_to, otp_sent_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue_payloads(monkeypatch):
    """Every task as it is written to the queue (serialised), while the test suite runs tasks at once."""
    payloads = []
    enqueue = HUEY.enqueue

    def recording(task):
        payloads.append(HUEY.serialize_task(task))
        return enqueue(task)

    monkeypatch.setattr(HUEY, "enqueue", recording)
    return payloads


def _everything_stored() -> str:
    rows = OutboundMessage.objects.values_list("subject", "body", "html_body", "sealed")
    return "\n".join("\n".join(row) for row in rows)


def test_after_a_password_reset_the_outbox_holds_no_usable_link(
    client, job_seeker, queue_payloads, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": job_seeker.email})

    link = link_sent_to(job_seeker.email, "/lupa-sandi/")  # the mailbox got it
    token = link.rstrip("/").rsplit("/", 1)[-1]
    stored = _everything_stored()
    assert token not in stored and "/lupa-sandi/" not in stored
    assert MASK in stored
    assert queue_payloads and not any(token.encode() in payload for payload in queue_payloads)
    # The masked copy the admin could read opens nothing; the delivered one works.
    message = OutboundMessage.objects.get(recipient=job_seeker.email)
    assert not re.search(r"https?://\S*/lupa-sandi/", message.body)
    response = client.get(link, follow=True)
    assert response.redirect_chain and "set-password" in response.redirect_chain[-1][0]


def test_after_an_otp_send_the_outbox_holds_no_code(job_seeker, queue_payloads, django_capture_on_commit_callbacks):
    pending = factories.user(activated=False)
    with django_capture_on_commit_callbacks(execute=True):
        account_services.otp_send(user=pending)

    code = otp_sent_to(pending.phone)
    stored = _everything_stored()
    assert code not in stored
    assert "SIPMI: kode aktivasi Anda ••••••" in stored
    assert queue_payloads and not any(code.encode() in payload for payload in queue_payloads)
    assert account_services.otp_verify(user=pending, code=code).is_activated


def test_a_message_not_yet_delivered_keeps_its_secret_sealed(job_seeker):
    """Queued but not sent (the worker has not run): the row holds a sealed payload, not the code."""
    pending = factories.user(activated=False)
    account_services.otp_send(user=pending)  # inside the test's transaction: nothing delivered yet
    message = OutboundMessage.objects.get(recipient=pending.phone)
    assert message.sealed and MASK in message.body
    code = otp_sent_to(pending.phone)  # the worker delivers now
    message.refresh_from_db()
    assert message.sealed == "" and code not in message.body


def test_a_sealed_payload_copied_to_another_row_does_not_open(job_seeker, other_job_seeker):
    from apps.messaging.models import DeliveryStatus
    from apps.messaging.tasks import deliver_message

    first = factories.user(activated=False)
    account_services.otp_send(user=first)
    message = OutboundMessage.objects.get(recipient=first.phone)
    stolen = OutboundMessage.objects.create(
        channel="sms", recipient=other_job_seeker.phone, body="x", sealed=message.sealed
    )
    with pytest.raises(Exception):  # noqa: B017 - the AEAD refuses it (InvalidTag)
        deliver_message.call_local(stolen.pk)
    stolen.refresh_from_db()
    assert stolen.status == DeliveryStatus.FAILED


def test_an_invitation_link_is_not_kept_readable(company, owner, queue_payloads, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        member = agency_services.member_invite(agency=company, actor=owner, email="baru@contoh.id")
    token = member.invitation_token
    assert f"/perusahaan/undangan/{token}/" in last_text_to("baru@contoh.id")
    assert token not in _everything_stored()
    assert not any(token.encode() in payload for payload in queue_payloads)


def test_an_email_through_djangos_mail_api_keeps_its_links_masked(job_seeker, django_capture_on_commit_callbacks):
    from django.core.mail import EmailMessage

    from apps.messaging.email_backend import OutboxEmailBackend

    email = EmailMessage("Tautan", "Buka https://sipmi.example/rahasia/abc123/ sekarang.", None, ["x@contoh.id"])
    with django_capture_on_commit_callbacks(execute=True):
        assert OutboxEmailBackend().send_messages([email]) == 1
    assert "https://sipmi.example/rahasia/abc123/" in last_text_to("x@contoh.id")
    assert "abc123" not in _everything_stored()


def test_the_recipients_user_account_is_named_on_the_invitation_only_when_it_exists(company, owner):
    agency_services.member_invite(agency=company, actor=owner, email="baru@contoh.id")
    assert OutboundMessage.objects.get(recipient="baru@contoh.id").user is None
    assert not User.objects.filter(email="baru@contoh.id").exists()
