"""Conversations (Percakapan) inside a job fair: the rules of who may talk to whom, and the three state changes
(start, send, mark read). Views call only these; every refusal is a ServiceError with an Indonesian message.

Who talks to whom, in a published fair:
- the organiser ↔ a company that asked to join or was accepted;
- the organiser ↔ a job seeker following the fair;
- a company (accepted) ↔ a job seeker following it who checked in or applied to that company's vacancies in the
  fair — only while the fair runs (phase "running", from the clock), whoever writes.
The rules are checked when a conversation starts and again on every message: a fair that has ended closes its
company ↔ job seeker conversations even if they were started during it.

A company's side is the company: every active member reads and writes; each keeps their own read marker.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Case, Count, DateTimeField, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from apps.access.roles import Role
from apps.agencies.models import AgencyMember, MemberStatus, PlacementAgency
from apps.agencies.selectors import membership_of
from apps.audit.services import audit_record
from apps.core.errors import PermissionDenied, ServiceError
from apps.core.locking import lock
from apps.core.uploads import DOCUMENT_KINDS, MB, random_name, safe_display_name, validate_upload
from apps.jobfairs import notices
from apps.jobfairs.models import (
    KIND_SIDES,
    Conversation,
    ConversationKind,
    ConversationRead,
    ConversationSide,
    FairFollower,
    FairParticipation,
    FairPhase,
    FairStatus,
    JobFair,
    Message,
    ParticipationStatus,
)
from apps.messaging.services import notify_user
from apps.vacancies.models import Application

Side = ConversationSide
Kind = ConversationKind

BODY_MAX_CHARS = 4000
ATTACHMENT_MAX_BYTES = 5 * MB
ROLE_SIDES = {Role.JOBFAIR_ORGANISER: Side.ORGANISER, Role.AGENCY_STAFF: Side.COMPANY, Role.JOB_SEEKER: Side.SEEKER}
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)  # "never read": before any message
TALKING_COMPANY = (ParticipationStatus.ACCEPTED, ParticipationStatus.REQUESTED)


def _kind_for(a: str, b: str) -> str:
    pair = {a, b}
    for kind, sides in KIND_SIDES.items():
        if set(sides) == pair:
            return kind
    raise ServiceError("invalid_counterpart", _("Pilih lawan bicara dari daftar."))


# --- who is who ---------------------------------------------------------------------------------------------------


def side_of_user(user) -> str | None:
    """The side an account speaks for in any conversation (one per account type), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return ROLE_SIDES.get(user.role)


def side_in(user, conversation: Conversation) -> str | None:
    """The side `user` speaks for in `conversation`, or None when it is not theirs to read."""
    side = side_of_user(user)
    if side is None or side not in conversation.sides:
        return None
    if side == Side.ORGANISER:
        return side if conversation.fair.organiser_id == user.pk else None
    if side == Side.COMPANY:
        return side if membership_of(user, conversation.agency_id) else None
    return side if conversation.seeker_id == user.pk else None


def visible_conversations(user):
    """Every conversation `user` may read: the organiser's of their fairs, a company's to each active member,
    a job seeker's own. Nobody else's."""
    side = side_of_user(user)
    if side == Side.ORGANISER:
        return Conversation.objects.filter(fair__organiser=user).exclude(kind=Kind.COMPANY_SEEKER)
    if side == Side.COMPANY:
        # A join, not a membership lookup first: the navigation's badge stays one query on every page.
        mine = AgencyMember.objects.filter(user=user, status=MemberStatus.ACTIVE).values("agency_id")
        return Conversation.objects.filter(agency_id__in=mine).exclude(kind=Kind.ORGANISER_SEEKER)
    if side == Side.SEEKER:
        return Conversation.objects.filter(seeker=user)
    return Conversation.objects.none()


def _read_marker(user, conversation_ref: str):
    """The user's read marker of the conversation named by OuterRef(conversation_ref); never read: EPOCH."""
    marker = ConversationRead.objects.filter(conversation=OuterRef(conversation_ref), user=user).values("last_read_at")
    return Coalesce(Subquery(marker[:1]), Value(EPOCH), output_field=DateTimeField())


def conversations_for(user):
    """The user's conversations for the list page, in one query: the other side's names, the last message, the
    count of unread messages; unread ones first, then the most recent."""
    side = side_of_user(user) or ""
    unread = (
        Message.objects.filter(conversation=OuterRef("pk"), created_at__gt=OuterRef("my_read_at"))
        .exclude(sender_side=side)
        .order_by()
        .values("conversation")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    last = Message.objects.filter(conversation=OuterRef("pk")).order_by("-created_at", "-pk")
    return (
        visible_conversations(user)
        .select_related("fair__organiser__organiser_profile", "agency", "seeker")
        .annotate(my_read_at=_read_marker(user, "pk"))
        .annotate(
            unread=Coalesce(Subquery(unread, output_field=IntegerField()), Value(0)),
            last_body=Subquery(last.values("body")[:1]),
            last_attachment=Subquery(last.values("attachment_name")[:1]),
        )
        .annotate(has_unread=Case(When(unread__gt=0, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .order_by("-has_unread", F("last_message_at").desc(nulls_last=True), "-pk")
    )


def unread_total(user) -> int:
    """Unread messages in all of the user's conversations (the navigation's badge), in one query."""
    side = side_of_user(user)
    if side is None:
        return 0
    return (
        Message.objects.filter(conversation__in=visible_conversations(user).values("pk"))
        .exclude(sender_side=side)
        .annotate(read_at=_read_marker(user, "conversation_id"))
        .filter(created_at__gt=F("read_at"))
        .count()
    )


def party_name(conversation: Conversation, side: str) -> str:
    """How one side of a conversation is named to the other."""
    if side == Side.ORGANISER:
        profile = getattr(conversation.fair.organiser, "organiser_profile", None)
        return profile.institution if profile else conversation.fair.organiser.full_name
    if side == Side.COMPANY:
        return conversation.agency.name
    return conversation.seeker.full_name


def other_side(conversation: Conversation, side: str) -> str:
    first, second = conversation.sides
    return second if side == first else first


# --- the rules ------------------------------------------------------------------------------------------------------


def _participation(fair: JobFair, agency_id) -> FairParticipation | None:
    return FairParticipation.objects.filter(fair=fair, agency_id=agency_id).first()


def seeker_met_company(fair: JobFair, agency_id, user_id) -> bool:
    """A follower who checked in, or applied in the fair to one of the company's vacancies."""
    follower = FairFollower.objects.filter(fair=fair, user_id=user_id).first()
    if follower is None:
        return False
    if follower.checked_in_at is not None:
        return True
    return Application.objects.filter(applicant_id=user_id, vacancy__agency_id=agency_id, fair_link__fair=fair).exists()


def check_may_talk(*, fair: JobFair, kind: str, agency_id=None, seeker_id=None, now=None) -> None:
    """Raise ServiceError unless these two sides may exchange messages in `fair` now."""
    if fair.status != FairStatus.PUBLISHED:
        raise ServiceError("fair_not_published", _("Percakapan hanya tersedia di job fair yang sudah terbit."))
    if kind in (Kind.ORGANISER_COMPANY, Kind.COMPANY_SEEKER):
        participation = _participation(fair, agency_id)
        allowed = TALKING_COMPANY if kind == Kind.ORGANISER_COMPANY else (ParticipationStatus.ACCEPTED,)
        if participation is None or participation.status not in allowed:
            if kind == Kind.ORGANISER_COMPANY:
                message = _("Perusahaan ini tidak terdaftar atau sudah tidak ikut di job fair ini.")
            else:
                message = _("Perusahaan ini belum diterima penyelenggara di job fair ini.")
            raise ServiceError("company_not_in_fair", message)
    if kind == Kind.ORGANISER_SEEKER and not FairFollower.objects.filter(fair=fair, user_id=seeker_id).exists():
        raise ServiceError("seeker_not_following", _("Pencari kerja ini tidak mengikuti job fair ini."))
    if kind == Kind.COMPANY_SEEKER:
        phase = fair.phase(now)
        if phase == FairPhase.UPCOMING:
            start = formats.date_format(fair.local_starts_at(), "j F Y H.i")
            raise ServiceError(
                "fair_not_started",
                _(
                    "Pencari kerja dan perusahaan baru dapat bercakap saat job fair sedang berlangsung "
                    "(mulai %(start)s %(zone)s)."
                )
                % {"start": start, "zone": fair.zone_label},
            )
        if phase != FairPhase.RUNNING:
            raise ServiceError(
                "fair_over",
                _("Job fair sudah selesai: percakapan antara pencari kerja dan perusahaan sudah ditutup."),
            )
        if not seeker_met_company(fair, agency_id, seeker_id):
            raise ServiceError(
                "seeker_not_checked_in",
                _(
                    "Percakapan dengan perusahaan terbuka bagi pencari kerja yang sudah check-in di job fair ini "
                    "atau melamar lowongan perusahaan tersebut."
                ),
            )


# --- state changes --------------------------------------------------------------------------------------------------


def _actor_side_in_fair(actor, fair: JobFair) -> tuple[str, PlacementAgency | None]:
    side = side_of_user(actor)
    if side is None:
        raise PermissionDenied(_("Percakapan job fair hanya untuk penyelenggara, perusahaan dan pencari kerja."))
    if side == Side.ORGANISER and fair.organiser_id != actor.pk:
        raise PermissionDenied(_("Job fair ini milik penyelenggara lain."))
    agency = None
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
    if existing is not None:
        return existing, False
    check_may_talk(
        fair=fair,
        kind=kind,
        agency_id=lookup["agency"].pk if lookup["agency"] else None,
        seeker_id=lookup["seeker"].pk if lookup["seeker"] else None,
        now=now,
    )
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
    side = side_in(actor, conversation)
    if side is None:
        raise PermissionDenied(_("Anda bukan peserta percakapan ini."))
    body = (body or "").strip()
    if not body and not attachment:
        raise ServiceError("empty_message", _("Pesan kosong. Tulis pesan atau lampirkan berkas."), field="body")
    if len(body) > BODY_MAX_CHARS:
        raise ServiceError(
            "message_too_long",
            _("Pesan terlalu panjang (maksimal %(limit)s karakter).") % {"limit": BODY_MAX_CHARS},
            field="body",
        )
    check_may_talk(
        fair=conversation.fair,
        kind=conversation.kind,
        agency_id=conversation.agency_id,
        seeker_id=conversation.seeker_id,
        now=now,
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
    side = side_in(actor, conversation)
    if side is None:
        raise PermissionDenied(_("Anda bukan peserta percakapan ini."))
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
