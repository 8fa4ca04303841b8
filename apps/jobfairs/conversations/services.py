"""Conversations (Percakapan) inside a job fair: the three state changes (start, send, mark read). Each asks
`conversations.policy.POLICY` first (who may talk to whom is written there, once); every refusal is a
ServiceError with an Indonesian message.

A company's side is the company: every active member reads and writes; each keeps their own read marker.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.agencies.models import AgencyMember, MemberStatus, PlacementAgency
from apps.agencies.selectors import membership_of
from apps.audit.services import audit_record
from apps.core.errors import PermissionDenied, ServiceError
from apps.core.locking import lock
from apps.core.uploads import DOCUMENT_KINDS, MB, random_name, safe_display_name, validate_upload
from apps.jobfairs import notices
from apps.jobfairs.conversations.policy import POLICY
from apps.jobfairs.conversations.selectors import other_side, party_name, side_in, side_of_user
from apps.jobfairs.models import (
    KIND_SIDES,
    Conversation,
    ConversationKind,
    ConversationRead,
    ConversationSide,
    JobFair,
    Message,
)
from apps.messaging.services import notify_user

Side = ConversationSide
Kind = ConversationKind

BODY_MAX_CHARS = 4000
ATTACHMENT_MAX_BYTES = 5 * MB


def _kind_for(a: str, b: str) -> str:
    pair = {a, b}
    for kind, sides in KIND_SIDES.items():
        if set(sides) == pair:
            return kind
    raise ServiceError("invalid_counterpart", _("Pilih lawan bicara dari daftar."))


# --- state changes --------------------------------------------------------------------------------------------------


def _actor_side_in_fair(actor, fair: JobFair) -> tuple[str, PlacementAgency | None]:
    side = side_of_user(actor)
    if side is None:
        raise PermissionDenied(_("Percakapan job fair hanya untuk penyelenggara, perusahaan dan pencari kerja."))
    agency = None  # an organiser's own fair is the policy's question (its relation)
    if side == Side.COMPANY:
        member = membership_of(actor)
        if member is None:
            raise PermissionDenied(_("Akun Anda belum aktif sebagai anggota perusahaan."))
        agency = member.agency
    return side, agency


@transaction.atomic
def conversation_start(
    *, actor, fair: JobFair, with_side: str, agency: PlacementAgency | None = None, seeker=None, now=None
) -> tuple[Conversation, bool]:
    """The conversation between the actor's side and the named other side in `fair`: the existing one, or a
    new one when the rules allow. Returns (conversation, created)."""
    side, own_agency = _actor_side_in_fair(actor, fair)
    if with_side == side or with_side not in Side.values:
        raise ServiceError("invalid_counterpart", _("Pilih lawan bicara dari daftar."))
    kind = _kind_for(side, with_side)
    agency = own_agency if side == Side.COMPANY else agency
    seeker = actor if side == Side.SEEKER else seeker
    if Side.COMPANY in KIND_SIDES[kind] and agency is None:
        raise ServiceError("invalid_counterpart", _("Pilih perusahaan dari daftar."))
    if Side.SEEKER in KIND_SIDES[kind] and seeker is None:
        raise ServiceError("invalid_counterpart", _("Pilih pencari kerja dari daftar."))
    lookup = {
        "fair": fair,
        "kind": kind,
        "agency": agency if Side.COMPANY in KIND_SIDES[kind] else None,
        "seeker": seeker if Side.SEEKER in KIND_SIDES[kind] else None,
    }
    existing = Conversation.objects.filter(**lookup).first()
    POLICY.require(existing or Conversation(started_by=actor, **lookup), actor, "start", now=now)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            conversation = Conversation.objects.create(started_by=actor, **lookup)
    except IntegrityError:  # the other side started it at the same moment: theirs is ours
        return Conversation.objects.get(**lookup), False
    audit_record(
        actor=actor,
        action="jobfair.conversation_start",
        target=conversation,
        data={"fair": fair.pk, "kind": kind, "agency": lookup["agency"] and lookup["agency"].pk},
    )
    return conversation, True


def _recipients(conversation: Conversation, side: str):
    if side == Side.ORGANISER:
        return [conversation.fair.organiser]
    if side == Side.COMPANY:
        return [
            member.user
            for member in AgencyMember.objects.select_related("user").filter(
                agency_id=conversation.agency_id, status=MemberStatus.ACTIVE, user__isnull=False
            )
        ]
    return [conversation.seeker]


def _had_unread(conversation: Conversation, user, side: str, before: Message) -> bool:
    read = ConversationRead.objects.filter(conversation=conversation, user=user).first()
    earlier = conversation.messages.exclude(sender_side=side).exclude(pk=before.pk)
    if read is not None:
        earlier = earlier.filter(created_at__gt=read.last_read_at)
    return earlier.exists()


@transaction.atomic
def message_send(*, actor, conversation: Conversation, body: str, attachment=None, now=None) -> Message:
    """Post a message (text, optionally a JPG/PNG/PDF up to 5 MB) into a conversation of the actor's."""
    conversation = lock(Conversation.objects.select_related("fair__organiser", "agency", "seeker"), pk=conversation.pk)
    POLICY.require(conversation, actor, "send", now=now)
    side = side_in(actor, conversation)
    body = (body or "").strip()
    if not body and not attachment:
        raise ServiceError("empty_message", _("Pesan kosong. Tulis pesan atau lampirkan berkas."), field="body")
    if len(body) > BODY_MAX_CHARS:
        raise ServiceError(
            "message_too_long",
            _("Pesan terlalu panjang (maksimal %(limit)s karakter).") % {"limit": BODY_MAX_CHARS},
            field="body",
        )
    message = Message(conversation=conversation, sender=actor, sender_side=side, body=body)
    if attachment:
        kind = validate_upload(attachment, allowed=DOCUMENT_KINDS, max_bytes=ATTACHMENT_MAX_BYTES, field="attachment")
        message.attachment_name = safe_display_name(attachment.name)
        message.attachment_type = kind.mime
        message.attachment.save(random_name(f"jobfairs/conversations/{conversation.pk}", kind), attachment, save=False)
    message.save()
    conversation.last_message_at = message.created_at
    conversation.save(update_fields=["last_message_at"])
    # The sender has read everything up to their own message.
    ConversationRead.objects.update_or_create(
        conversation=conversation, user=actor, defaults={"last_read_at": message.created_at}
    )
    audit_record(
        actor=actor,
        action="jobfair.message_send",
        target=conversation,
        data={"message": message.pk, "attachment": bool(message.attachment)},
    )
    _notify_recipients(conversation, side, message)
    return message


def _notify_recipients(conversation: Conversation, side: str, message: Message) -> None:
    """An in-app notice to each person on the other side who had nothing unread here (one notice per burst of
    messages, not one per message; no SMS or e-mail for chat)."""
    to_side = other_side(conversation, side)
    recipients = [
        user for user in _recipients(conversation, to_side) if not _had_unread(conversation, user, to_side, message)
    ]
    if not recipients:
        return
    notice = notices.NEW_MESSAGE(name=party_name(conversation, side), fair=conversation.fair.name)
    url = reverse("jobfairs:conversation_detail", args=[conversation.pk])

    def send():
        for user in recipients:
            notify_user(user=user, notice=notice, url=url, sms=False, email=False)

    transaction.on_commit(send, robust=True)


@transaction.atomic
def conversation_mark_read(*, actor, conversation: Conversation) -> bool:
    """Move the actor's read marker to the other side's latest message. Writes (and audits) only when there was
    something unread, so a page polled every few seconds leaves no trail of empty reads."""
    POLICY.require(conversation, actor, "view")
    side = side_in(actor, conversation)
    latest = conversation.messages.exclude(sender_side=side).order_by("-created_at", "-pk").first()
    if latest is None:
        return False
    read = ConversationRead.objects.filter(conversation=conversation, user=actor).first()
    if read is not None and read.last_read_at >= latest.created_at:
        return False
    ConversationRead.objects.update_or_create(
        conversation=conversation, user=actor, defaults={"last_read_at": latest.created_at}
    )
    audit_record(actor=actor, action="jobfair.conversation_read", target=conversation, data={"up_to": latest.pk})
    return True
