"""Filing a complaint, finding it by its code, the office's answer and closing, and the notices to the complainant."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.audit.models import AuditEvent
from apps.complaints import services
from apps.complaints.models import Complaint, ComplaintStatus
from apps.complaints.tests.helpers import file_complaint
from apps.core.errors import PermissionDenied, ServiceError
from apps.core.request_context import reset_client_ip, set_client_ip
from apps.cpmi.tests.builders import EXE_BYTES, PDF_BYTES
from apps.messaging.models import Channel
from testing.outbox import last_text_to, received

pytestmark = pytest.mark.django_db

CODE = re.compile(r"^ADU-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


@pytest.fixture
def client_ip():
    token = set_client_ip("203.0.113.7")
    yield "203.0.113.7"
    reset_client_ip(token)


# --- filing -----------------------------------------------------------------------------------------------------


def test_filing_gives_a_typable_code_and_stores_only_its_hash(depok):
    complaint, code = file_complaint(depok, name="Rina")

    assert CODE.match(code)
    assert complaint.status == ComplaintStatus.OPEN
    assert complaint.phone == "+6281234567890"
    stored = Complaint.objects.filter(pk=complaint.pk).values()[0]
    assert code not in str(stored) and code.split("-", 1)[1].replace("-", "") not in str(stored)
    assert complaint.code_hash == services.tracking_code_hash(code)
    assert AuditEvent.objects.filter(action="complaint.file", object_id=str(complaint.pk)).exists()


def test_codes_are_random(depok):
    codes = {file_complaint(depok)[1] for _ in range(5)}
    assert len(codes) == 5


def test_a_service_may_be_other_and_the_name_is_optional(depok):
    complaint, _code = file_complaint(depok, service="other", phone="", email="rina@contoh.id")
    assert complaint.service_label == "Lainnya" and complaint.name == ""


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"text": "   "}, "text_empty", "text"),
        ({"text": "buruk"}, "text_short", "text"),
        ({"phone": "", "email": ""}, "contact_required", "phone"),
        ({"phone": "12345"}, "phone_format", "phone"),
        ({"service": "kitki"}, "service_unknown", "service"),
    ],
)
def test_bad_input_is_refused_with_a_message_beside_its_field(depok, overrides, code, field):
    with pytest.raises(ServiceError) as refused:
        file_complaint(depok, **overrides)
    assert (refused.value.code, refused.value.field) == (code, field)
    assert str(refused.value.message)
    assert not Complaint.objects.exists()


def test_text_empty_message_is_indonesian(depok):
    with pytest.raises(ServiceError, match="Tuliskan isi pengaduan Anda"):
        file_complaint(depok, text="")


def test_an_attachment_is_checked_by_its_content_and_stored_under_a_random_name(depok):
    complaint, _code = file_complaint(
        depok, uploaded=SimpleUploadedFile("bukti saya.pdf", PDF_BYTES, content_type="application/pdf")
    )
    assert complaint.attachment.name.startswith("complaints/") and "bukti" not in complaint.attachment.name
    assert complaint.attachment_name == "bukti saya.pdf" and complaint.attachment_mime == "application/pdf"

    with pytest.raises(ServiceError) as refused:
        file_complaint(depok, uploaded=SimpleUploadedFile("bukti.pdf", EXE_BYTES))
    assert refused.value.field == "attachment"
    assert Complaint.objects.count() == 1


def test_filing_is_rate_limited_per_address(depok, client_ip):
    for _ in range(services.FILE_MAX_PER_HOUR):
        file_complaint(depok)
    with pytest.raises(ServiceError) as refused:
        file_complaint(depok)
    assert refused.value.code == "rate_limited"
    assert Complaint.objects.count() == services.FILE_MAX_PER_HOUR


# --- the code -------------------------------------------------------------------------------------------------


def test_the_code_opens_its_complaint_however_it_is_typed(depok):
    complaint, code = file_complaint(depok)
    typed = code.lower().replace("-", " ").replace("adu ", "")
    assert services.complaint_by_code(code) == complaint
    assert services.complaint_by_code(typed) == complaint
    assert services.complaint_by_code(code.replace("0", "O").replace("1", "I")) == complaint


def test_a_wrong_code_is_refused_with_a_clear_message(depok):
    file_complaint(depok)
    with pytest.raises(ServiceError) as unknown:
        services.complaint_by_code("ADU-0000-0000")
    assert unknown.value.code == "code_unknown" and "Tidak ada pengaduan dengan kode itu" in str(unknown.value.message)
    with pytest.raises(ServiceError) as malformed:
        services.complaint_by_code("halo")
    assert malformed.value.code == "code_format"


def test_guessing_codes_is_stopped(depok, client_ip):
    _complaint, code = file_complaint(depok)
    for _ in range(services.LOOKUP_MAX_FAILURES_PER_HOUR):
        with pytest.raises(ServiceError):
            services.complaint_by_code("ADU-0000-0000")
    with pytest.raises(ServiceError) as refused:
        services.complaint_by_code(code)  # even the right one, for now
    assert refused.value.code == "rate_limited"


# --- answering and closing ---------------------------------------------------------------------------------------


def test_staff_of_the_office_answer_and_the_complainant_is_told(depok, officer, django_capture_on_commit_callbacks):
    complaint, code = file_complaint(depok, email="rina@contoh.id")

    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_answer(complaint=complaint, actor=officer, answer="Berkas Anda sudah kami proses.")

    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.ANSWERED
    assert complaint.answered_by == officer and complaint.answered_at
    assert services.complaint_by_code(code).answer == "Berkas Anda sudah kami proses."
    assert AuditEvent.objects.filter(action="complaint.answer", actor=officer).exists()
    [sms] = received(channel=Channel.SMS)
    assert sms.recipient == "+6281234567890"
    assert "sudah dijawab" in sms.body and "/pengaduan/cek/" in sms.body
    assert code not in sms.body
    [email] = received(channel=Channel.EMAIL)
    assert email.recipient == "rina@contoh.id" and "sudah dijawab" in email.body


def test_another_office_cannot_answer(depok, other_office_officer, job_seeker):
    complaint, _code = file_complaint(depok)
    for actor in (other_office_officer, job_seeker):
        with pytest.raises(PermissionDenied):
            services.complaint_answer(complaint=complaint, actor=actor, answer="Bukan urusan kami.")
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.OPEN and complaint.answer == ""


def test_an_empty_answer_is_refused(depok, officer):
    complaint, _code = file_complaint(depok)
    with pytest.raises(ServiceError) as refused:
        services.complaint_answer(complaint=complaint, actor=officer, answer="  ")
    assert refused.value.field == "answer"


def test_an_answered_complaint_is_not_answered_twice(depok, officer):
    complaint, _code = file_complaint(depok)
    services.complaint_answer(complaint=complaint, actor=officer, answer="Sudah.")
    with pytest.raises(ServiceError) as refused:
        services.complaint_answer(complaint=complaint, actor=officer, answer="Lagi.")
    assert refused.value.code == "already_answered"


def test_closing_unanswered_tells_the_complainant(depok, office_head, django_capture_on_commit_callbacks):
    complaint, _code = file_complaint(depok)
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_close(complaint=complaint, actor=office_head)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED and complaint.closed_by == office_head
    assert "sudah ditutup" in last_text_to("+6281234567890", channel=Channel.SMS)
    with pytest.raises(ServiceError) as refused:
        services.complaint_close(complaint=complaint, actor=office_head)
    assert refused.value.code == "complaint_closed"


def test_closing_an_answered_complaint_sends_nothing_more(depok, officer, django_capture_on_commit_callbacks):
    complaint, _code = file_complaint(depok)
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_answer(complaint=complaint, actor=officer, answer="Sudah.")
        services.complaint_close(complaint=complaint, actor=officer)
    assert len(received()) == 1
    assert AuditEvent.objects.filter(action="complaint.close").exists()


def test_the_office_staff_get_an_in_app_notice_of_a_new_complaint(depok, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        complaint, _code = file_complaint(depok)
    notice = officer.notifications.get()
    assert f"#{complaint.pk}" in notice.body
    assert not received(user=officer)


@pytest.mark.parametrize("status", list(ComplaintStatus))
@pytest.mark.parametrize("action", ["answer", "close"])
def test_the_whole_transitions_table(depok, officer, status, action):
    """Every move the table allows works and is audited; every other move is refused and changes nothing."""
    from apps.complaints.models import ALLOWED_TRANSITIONS
    from apps.complaints.permissions import ACTIONS

    complaint, _code = file_complaint(depok)
    Complaint.objects.filter(pk=complaint.pk).update(status=status)
    before = AuditEvent.objects.count()
    move = {
        "answer": lambda: services.complaint_answer(complaint=complaint, actor=officer, answer="Jawaban."),
        "close": lambda: services.complaint_close(complaint=complaint, actor=officer),
    }[action]
    if ACTIONS[action] in ALLOWED_TRANSITIONS[status]:
        move()
        complaint.refresh_from_db()
        assert complaint.status == ACTIONS[action]
        assert AuditEvent.objects.count() == before + 1
    else:
        with pytest.raises(ServiceError):
            move()
        complaint.refresh_from_db()
        assert complaint.status == status and AuditEvent.objects.count() == before
