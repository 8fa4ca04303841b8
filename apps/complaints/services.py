"""Writes of public service information and complaints: anyone files a complaint (no account, a tracking code
shown once, a hash stored), the complained-about office answers and closes it, the complainant is told by SMS or
e-mail."""

import hashlib
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.identity import phone_normalise
from apps.audit.services import audit_record
from apps.complaints import notices
from apps.complaints.models import Complaint, ComplaintStatus, service_choices
from apps.complaints.policy import POLICY
from apps.core import ratelimit
from apps.core.errors import ServiceError
from apps.core.locking import lock
from apps.core.request_context import current_client_ip
from apps.core.uploads import random_name, safe_display_name, validate_upload
from apps.messaging.services import email_queue, notify_user, sms_queue
from apps.offices.models import LabourOffice

# Crockford's base 32: no I, L, O or U, so a code read aloud or copied by hand is not mistyped.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_PREFIX = "ADU"
CODE_LENGTH = 8  # 40 bits: with failed look-ups rate-limited, not guessable
FILE_MAX_PER_HOUR = 5  # complaints from one address per hour
LOOKUP_MAX_FAILURES_PER_HOUR = 20  # wrong codes from one address per hour
# Counted by `apps.core.ratelimit` per source address (a keyed hash of it), an hour's window from the first.
FILING_PER_ADDRESS = ratelimit.Limit(
    "complaint-file",
    FILE_MAX_PER_HOUR,
    3600,
    "rate_limited",
    gettext_lazy("Terlalu banyak pengaduan dari jaringan ini dalam satu jam. Coba lagi nanti."),
)
LOOKUP_FAILURES_PER_ADDRESS = ratelimit.Limit(
    "complaint-lookup",
    LOOKUP_MAX_FAILURES_PER_HOUR,
    3600,
    "rate_limited",
    gettext_lazy("Terlalu banyak kode yang salah dari jaringan ini. Coba lagi satu jam lagi."),
    field="code",
)
TEXT_MIN_LENGTH = 10
TEXT_MAX_LENGTH = 4000
ANSWER_MAX_LENGTH = 4000


# --- the tracking code ------------------------------------------------------------------------------------------


def tracking_code_new() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{CODE_PREFIX}-{raw[:4]}-{raw[4:]}"


def tracking_code_normalise(code: str) -> str | None:
    """The canonical form of a typed code (any case, with or without the prefix, dashes or spaces; O read as 0,
    I and L as 1), or None when it cannot be a code."""
    text = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if text.startswith(CODE_PREFIX):
        text = text[len(CODE_PREFIX) :]
    text = text.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(text) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in text):
        return None
    return f"{CODE_PREFIX}-{text[:4]}-{text[4:]}"


def tracking_code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


# --- filing -----------------------------------------------------------------------------------------------------


def complaint_file(
    *,
    office: LabourOffice | None,
    service: str,
    text: str,
    name: str = "",
    phone: str = "",
    email: str = "",
    uploaded=None,
) -> tuple[Complaint, str]:
    """File a complaint; returns it and its tracking code, which is never stored and cannot be shown again."""
    if office is None:
        raise ServiceError("office_required", _("Pilih dinas yang Anda adukan."), field="office")
    if service not in dict(service_choices()):
        raise ServiceError("service_unknown", _("Pilih layanan yang Anda adukan, atau Lainnya."), field="service")
    text = (text or "").strip()
    if not text:
        raise ServiceError("text_empty", _("Tuliskan isi pengaduan Anda."), field="text")
    if len(text) < TEXT_MIN_LENGTH:
        raise ServiceError(
            "text_short",
            _("Isi pengaduan terlalu singkat. Ceritakan apa yang terjadi, paling sedikit %(n)s huruf.")
            % {"n": TEXT_MIN_LENGTH},
            field="text",
        )
    if len(text) > TEXT_MAX_LENGTH:
        raise ServiceError(
            "text_long", _("Isi pengaduan paling banyak %(n)s huruf.") % {"n": TEXT_MAX_LENGTH}, field="text"
        )
    phone, email = (phone or "").strip(), (email or "").strip().lower()
    if not phone and not email:
        raise ServiceError(
            "contact_required",
            _("Isi nomor HP atau e-mail (salah satu cukup) agar kami dapat memberi tahu jika pengaduan dijawab."),
            field="phone",
        )
    if phone:
        phone = phone_normalise(phone)
    kind = validate_upload(uploaded, field="attachment") if uploaded else None
    ratelimit.take((FILING_PER_ADDRESS, current_client_ip()))

    with transaction.atomic():
        while True:
            code = tracking_code_new()
            code_hash = tracking_code_hash(code)
            if not Complaint.objects.filter(code_hash=code_hash).exists():
                break
        complaint = Complaint(
            office=office,
            service=service,
            name=(name or "").strip()[:120],
            phone=phone,
            email=email,
            text=text,
            code_hash=code_hash,
        )
        if kind is not None:
            uploaded.seek(0)
            complaint.attachment.save(random_name("complaints", kind), ContentFile(uploaded.read()), save=False)
            complaint.attachment_name = safe_display_name(uploaded.name)
            complaint.attachment_mime = kind.mime
        complaint.full_clean(exclude=["attachment", "code_hash"])
        complaint.save()
        audit_record(
            actor=None,
            action="complaint.file",
            target=complaint,
            data={"office": office.pk, "service": service, "attachment": bool(kind)},
        )
        transaction.on_commit(lambda: _tell_office(complaint))
    return complaint, code


def _tell_office(complaint: Complaint) -> None:
    """An in-app notice to the office's staff (no SMS: the dashboard shows the count)."""
    notice = notices.NEW_COMPLAINT(pk=complaint.pk, service=complaint.service_label)
    url = reverse("complaints:office_detail", args=[complaint.pk])
    for member in complaint.office.staff.select_related("user"):
        notify_user(user=member.user, notice=notice, url=url, sms=False, email=False)


def complaint_by_code(code: str) -> Complaint:
    """The complaint the tracking code opens; a wrong code is refused, and too many of them from one address."""
    ip = current_client_ip()
    ratelimit.check((LOOKUP_FAILURES_PER_ADDRESS, ip))  # only wrong codes are counted, below
    normalised = tracking_code_normalise(code)
    complaint = None
    if normalised:
        complaint = Complaint.objects.select_related("office").filter(code_hash=tracking_code_hash(normalised)).first()
    if complaint is None:
        ratelimit.take((LOOKUP_FAILURES_PER_ADDRESS, ip))
        if not normalised:
            raise ServiceError(
                "code_format",
                _("Kode pelacakan tidak dikenali. Bentuknya seperti ADU-7K3M-Q9PX (huruf dan angka)."),
                field="code",
            )
        raise ServiceError(
            "code_unknown",
            _("Tidak ada pengaduan dengan kode itu. Periksa kembali kode yang Anda simpan saat mengadu."),
            field="code",
        )
    return complaint


# --- the office's side ------------------------------------------------------------------------------------------


def complaint_answer(*, complaint: Complaint, actor, answer: str) -> Complaint:
    answer = (answer or "").strip()
    with transaction.atomic():
        complaint = lock(Complaint.objects.select_related("office"), pk=complaint.pk)
        POLICY.require(complaint, actor, "answer")
        if not answer:
            raise ServiceError("answer_empty", _("Tuliskan jawaban untuk pengadu."), field="answer")
        if len(answer) > ANSWER_MAX_LENGTH:
            raise ServiceError(
                "answer_long", _("Jawaban paling banyak %(n)s huruf.") % {"n": ANSWER_MAX_LENGTH}, field="answer"
            )
        complaint.answer = answer
        complaint.answered_by = actor
        complaint.answered_at = timezone.now()
        complaint.status = ComplaintStatus.ANSWERED
        complaint.save(update_fields=["answer", "answered_by", "answered_at", "status"])
        audit_record(actor=actor, action="complaint.answer", target=complaint)
        transaction.on_commit(lambda: _tell_complainant(complaint, "answered"))
    return complaint


def complaint_close(*, complaint: Complaint, actor) -> Complaint:
    with transaction.atomic():
        complaint = lock(Complaint.objects.select_related("office"), pk=complaint.pk)
        POLICY.require(complaint, actor, "close")
        was_answered = complaint.status == ComplaintStatus.ANSWERED
        complaint.status = ComplaintStatus.CLOSED
        complaint.closed_by = actor
        complaint.closed_at = timezone.now()
        complaint.save(update_fields=["status", "closed_by", "closed_at"])
        audit_record(actor=actor, action="complaint.close", target=complaint, data={"answered": was_answered})
        if not was_answered:  # an answered complaint was told already; one closed unanswered is told now
            transaction.on_commit(lambda: _tell_complainant(complaint, "closed"))
    return complaint


def _tell_complainant(complaint: Complaint, event: str) -> None:
    """SMS and/or e-mail to the contact the complainant gave, in Indonesian; never the code (it is not stored)."""
    context = {
        "complaint": complaint,
        "office": complaint.office,
        "event": event,
        "check_url": f"{settings.SITE_URL.rstrip('/')}{reverse('complaints:check')}",
    }
    with translation.override("id"):
        if complaint.phone:
            sms_queue(
                phone=complaint.phone,
                template="complaints/sms_notice.txt",
                context=context,
                language="id",
                capped=False,  # sent when the office acts, to the number the complainant gave
            )
        if complaint.email:
            subject = _("SIPMI: pengaduan Anda ke %(office)s") % {"office": complaint.office.name}
            body = render_to_string("complaints/email_notice.txt", context).strip()
            email_queue(to=complaint.email, subject=subject, body=body)
