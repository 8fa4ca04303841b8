import pytest
from django.urls import reverse

from apps.audit.models import AuditEvent
from apps.messaging.backends import LocalBackend
from apps.messaging.models import DeliveryStatus, OutboundMessage
from apps.messaging.services import MASK, sms_queue
from testing.outbox import last_text_to

pytestmark = pytest.mark.django_db
URL = reverse("messaging:outbox")


def _otp(phone, code, **kwargs):
    return sms_queue(
        phone=phone, template="accounts/sms/otp.txt", context={"minutes": 5}, secrets={"code": code}, **kwargs
    )


def test_a_queued_sms_is_delivered_by_the_worker_into_the_local_mailbox(job_seeker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = _otp(job_seeker.phone, "123456")
    message.refresh_from_db()
    assert message.status == DeliveryStatus.SENT
    assert message.backend == LocalBackend.name
    assert "123456" in last_text_to(job_seeker.phone)
    # The outbox row keeps the code masked, and nothing sealed is left once delivered.
    assert "123456" not in message.body
    assert MASK in message.body
    assert message.sealed == ""


def test_a_gateway_failure_is_recorded_on_the_message(job_seeker, settings, django_capture_on_commit_callbacks):
    settings.SMS_BACKEND = "http"
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/sms"
    with django_capture_on_commit_callbacks(execute=True):
        _otp(job_seeker.phone, "111111")
    message = OutboundMessage.objects.get()
    assert message.status == DeliveryStatus.FAILED
    assert message.error
    assert "111111" not in message.body + message.sealed  # still sealed for the retry, never readable


def test_the_central_admin_reads_the_local_outbox_and_the_read_is_audited(
    client, central_admin, job_seeker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _otp(job_seeker.phone, "654321")
    client.force_login(central_admin)
    response = client.get(URL, {"penerima": job_seeker.phone})
    page = response.content.decode()
    assert "654321" in page  # the simulated handset's copy
    assert "Kotak keluar lokal — hanya untuk pengembangan/demo" in page
    assert AuditEvent.objects.filter(action="outbox.view", actor=central_admin).exists()


@pytest.mark.parametrize("sms_backend, email_delivery", [("http", "smtp")])
def test_the_outbox_page_does_not_exist_with_real_gateways(
    client, central_admin, settings, sms_backend, email_delivery
):
    settings.SMS_BACKEND, settings.EMAIL_DELIVERY = sms_backend, email_delivery
    client.force_login(central_admin)
    assert client.get(URL).status_code == 404
    client.logout()
    assert client.get(URL).status_code == 404


def test_with_one_local_channel_the_page_exists(client, central_admin, settings):
    settings.SMS_BACKEND, settings.EMAIL_DELIVERY = "http", "local"
    client.force_login(central_admin)
    assert client.get(URL).status_code == 200


def test_with_real_gateways_nothing_is_kept_in_a_local_mailbox(
    job_seeker, settings, django_capture_on_commit_callbacks, monkeypatch
):
    from apps.messaging.backends import HttpSmsBackend
    from apps.messaging.models import LocalDelivery

    handed = []
    monkeypatch.setattr(HttpSmsBackend, "deliver", lambda self, delivery: handed.append(delivery.body))
    settings.SMS_BACKEND = "http"
    with django_capture_on_commit_callbacks(execute=True):
        _otp(job_seeker.phone, "246810")
    assert handed and "246810" in handed[0]  # the gateway got the code
    assert not LocalDelivery.objects.exists()
    message = OutboundMessage.objects.get()
    assert "246810" not in message.body and message.sealed == ""


@pytest.mark.parametrize("persona", ["job_seeker", "officer", "agency_staff", "organiser"])
def test_nobody_else_reads_the_outbox(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


def test_the_outbox_list_does_not_query_per_message(
    client, central_admin, job_seeker, django_assert_max_num_queries, django_capture_on_commit_callbacks, settings
):
    settings.SMS_MAX_PER_PHONE_PER_HOUR = 100
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(30):
            _otp(job_seeker.phone, f"{n:06d}")
    client.force_login(central_admin)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
