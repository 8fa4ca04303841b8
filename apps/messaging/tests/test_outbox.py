import pytest
from django.urls import reverse

from apps.audit.models import AuditEvent
from apps.messaging.backends import LocalBackend
from apps.messaging.models import DeliveryStatus, OutboundMessage
from apps.messaging.services import sms_queue

pytestmark = pytest.mark.django_db
URL = reverse("messaging:outbox")


def test_a_queued_sms_is_delivered_by_the_worker_into_the_outbox(job_seeker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = sms_queue(
            phone=job_seeker.phone, template="accounts/sms/otp.txt", context={"code": "123456", "minutes": 5}
        )
    message.refresh_from_db()
    assert message.status == DeliveryStatus.SENT
    assert message.backend == LocalBackend.name
    assert "123456" in message.body


def test_a_gateway_failure_is_recorded_on_the_message(job_seeker, settings, django_capture_on_commit_callbacks):
    settings.SMS_BACKEND = "http"
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/sms"
    with django_capture_on_commit_callbacks(execute=True):
        sms_queue(phone=job_seeker.phone, template="accounts/sms/otp.txt", context={"code": "1", "minutes": 5})
    message = OutboundMessage.objects.get()
    assert message.status == DeliveryStatus.FAILED
    assert message.error


def test_the_central_admin_reads_the_outbox_and_the_read_is_audited(client, central_admin, job_seeker):
    sms_queue(phone=job_seeker.phone, template="accounts/sms/otp.txt", context={"code": "654321", "minutes": 5})
    client.force_login(central_admin)
    response = client.get(URL, {"penerima": job_seeker.phone})
    assert "654321" in response.content.decode()
    assert AuditEvent.objects.filter(action="outbox.view", actor=central_admin).exists()


@pytest.mark.parametrize("persona", ["job_seeker", "officer", "agency_staff", "organiser"])
def test_nobody_else_reads_the_outbox(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403


def test_the_outbox_list_does_not_query_per_message(client, central_admin, job_seeker, django_assert_max_num_queries):
    for n in range(30):
        sms_queue(phone=job_seeker.phone, template="accounts/sms/otp.txt", context={"code": n, "minutes": 5})
    client.force_login(central_admin)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
