"""Queueing SMS and e-mail. Messages are written now and delivered by the task worker after commit."""

import re

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.audit.services import audit_record
from apps.core import ratelimit
from apps.core.errors import PermissionDenied
from apps.core.locking import lock
from apps.core.ratelimit import Limit
from apps.core.request_context import current_client_ip
from apps.messaging.models import Channel, Notification, OutboundMessage
from apps.messaging.notices import BoundNotice, language_of
from apps.messaging.sealing import seal

# What a kept body shows instead of a secret (an OTP, a one-time link).
MASK = "••••••"
_URL = re.compile(r"https?://\S+")


def _queue(message: OutboundMessage, *, deliver: dict | None = None) -> OutboundMessage:
    """Save the row and deliver it after commit. `deliver`, when given, is the text to hand over (with its
    secret): it is sealed on the row, and the row's own body/html_body stay the redacted copy."""
    from apps.messaging.tasks import deliver_message

    if deliver is not None:
        message.sealed = seal(deliver, channel=message.channel, recipient=message.recipient)
    message.save()
    transaction.on_commit(lambda: deliver_message(message.pk))
    return message


def _render(template: str, context: dict, secrets: dict) -> tuple[str, str]:
    """(the text with its secrets, the text with every secret masked)."""
    text = render_to_string(template, {**context, **secrets}).strip()
    if not secrets:
        return text, text
    kept = render_to_string(template, {**context, **dict.fromkeys(secrets, MASK)}).strip()
    if any(str(value) in kept for value in secrets.values() if str(value)):
        raise ValueError(f"{template} shows a secret outside the variable that carries it")
    return text, kept


# --- caps on SMS a requester can have sent (OTP, phone changes) ----------------------------------------------
# Counted by `apps.core.ratelimit` (an hour's window from the first, keyed hashes in the cache).

SMS_PER_ACCOUNT = Limit(
    "sms-account",
    "SMS_MAX_PER_ACCOUNT_PER_HOUR",
    3600,
    "sms_rate_account",
    gettext_lazy("Terlalu banyak SMS untuk akun ini dalam satu jam terakhir. Coba lagi nanti."),
)
SMS_PER_PHONE = Limit(
    "sms-phone",
    "SMS_MAX_PER_PHONE_PER_HOUR",
    3600,
    "sms_rate_phone",
    gettext_lazy("Terlalu banyak SMS ke nomor ini dalam satu jam terakhir. Coba lagi nanti."),
)
SMS_PER_ADDRESS = Limit(
    "sms-address",
    "SMS_MAX_PER_IP_PER_HOUR",
    3600,
    "sms_rate_ip",
    gettext_lazy("Terlalu banyak permintaan SMS dari jaringan ini. Coba lagi nanti."),
)


def sms_cap_charges(*, account, phone: str, ip: str | None) -> list[tuple]:
    """The caps one SMS a requester causes counts against, for `ratelimit.take`: per requesting account (an
    account's id, or anything that stands for a requester without one), per phone number, per source address.
    An unknown account or address (None) is not capped."""
    return [(SMS_PER_ACCOUNT, account), (SMS_PER_PHONE, phone), (SMS_PER_ADDRESS, ip)]


# --- queueing -------------------------------------------------------------------------------------------------


def sms_queue(
    *,
    phone: str,
    template: str,
    context: dict,
    user=None,
    secrets: dict | None = None,
    language: str | None = None,
    capped: bool = True,
) -> OutboundMessage:
    """Queue an SMS rendered from `template` in the recipient's language (`language`, else the user's, else
    Indonesian). `secrets` (e.g. {"code": "123456"}) are rendered only into the sealed copy that is delivered;
    the kept body shows them masked. `capped` SMS (those a requester causes, such as an OTP) count against the
    per-account, per-phone and per-address caps and are refused with a ServiceError past them."""
    secrets = secrets or {}
    if capped:
        ratelimit.take(*sms_cap_charges(account=getattr(user, "pk", None), phone=phone, ip=current_client_ip()))
    with translation.override(language_of(user, language)):
        text, kept = _render(template, context, secrets)
    message = OutboundMessage(channel=Channel.SMS, recipient=phone, body=kept, user=user)
    return _queue(message, deliver={"body": text} if secrets else None)


def email_queue(*, to: str, subject: str, body: str, html_body: str = "", user=None) -> OutboundMessage:
    """Queue an e-mail whose text is already written and holds no secret (use `email_template_queue` for one that
    does, or to write it in the recipient's language)."""
    return _queue(
        OutboundMessage(channel=Channel.EMAIL, recipient=to, subject=subject, body=body, html_body=html_body, user=user)
    )


def email_template_queue(
    *,
    to: str,
    subject_template: str,
    template: str,
    context: dict,
    html_template: str = "",
    secrets: dict | None = None,
    user=None,
    language: str | None = None,
) -> OutboundMessage:
    """Queue an e-mail rendered in the recipient's language; `secrets` as in `sms_queue`."""
    secrets = secrets or {}
    with translation.override(language_of(user, language)):
        subject = " ".join(render_to_string(subject_template, context).split())
        text, kept = _render(template, context, secrets)
        html, kept_html = _render(html_template, context, secrets) if html_template else ("", "")
    message = OutboundMessage(
        channel=Channel.EMAIL, recipient=to, subject=subject, body=kept, html_body=kept_html, user=user
    )
    return _queue(message, deliver={"body": text, "html_body": html} if secrets else None)


def email_sealed_queue(*, to: str, subject: str, body: str, html_body: str = "", user=None) -> OutboundMessage:
    """Queue an e-mail written elsewhere (Django's mail API) whose links may be secret: the whole text travels
    sealed, and the kept copy has every link masked."""
    kept_body = _URL.sub(MASK, body)
    message = OutboundMessage(channel=Channel.EMAIL, recipient=to, subject=subject, body=kept_body, user=user)
    return _queue(message, deliver={"body": body, "html_body": html_body})


def notify_user(
    *,
    user,
    notice: BoundNotice,
    url: str = "",
    sms: bool = True,
    email: bool = True,
) -> Notification:
    """Tell a user something in the app, and by SMS and e-mail through the adapters (sent by the worker).

    `notice` is a named notice from an app's `notices.py` with its parameters; it is rendered in the recipient's
    language, whoever acted. There is no way to pass ready-made text: text written in the actor's request would be
    in the actor's language."""
    if not isinstance(notice, BoundNotice):
        raise TypeError("notify_user needs a named notice, e.g. notices.SUBMITTED(office=…)")
    with translation.override(language_of(user)):
        title, body = notice.render()
        notification = Notification.objects.create(user=user, title=title, body=body, url=url)
        context = {"title": title, "body": body, "link": f"{settings.SITE_URL.rstrip('/')}{url}" if url else ""}
        if sms and user.phone:
            text = render_to_string("messaging/sms/notice.txt", context).strip()[:480]
            _queue(OutboundMessage(channel=Channel.SMS, recipient=user.phone, body=text, user=user))
        if email and user.email:
            subject = " ".join(render_to_string("messaging/email/notice_subject.txt", context).split())
            text = render_to_string("messaging/email/notice.txt", context).strip()
            email_queue(to=user.email, subject=subject, body=text, user=user)
    return notification


def notification_mark_read(*, notification_id: int, actor) -> Notification:
    """Mark one of the actor's own notices as read (opening it does this). Already read: nothing changes."""
    with transaction.atomic():
        notification = lock(Notification, pk=notification_id)
        if notification.user_id != actor.pk:
            raise PermissionDenied(_("Notifikasi ini bukan milik Anda."))
        if notification.read_at is not None:
            return notification
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit_record(actor=actor, action="notification.read", target=notification)
    return notification


def notifications_mark_all_read(*, actor) -> int:
    """Mark every unread notice of the actor as read; returns how many were unread (0: nothing written)."""
    with transaction.atomic():
        # One UPDATE: a notice written meanwhile is either included or stays unread, never half-marked.
        count = Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())
        if count:
            audit_record(
                actor=actor, action="notification.read_all", object_type="messaging.notification", data={"count": count}
            )
    return count
