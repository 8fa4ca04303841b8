"""Who reads which conversations, the list with unread counts, the navigation's badge, how a side is named."""

import datetime

from django.db.models import Case, Count, DateTimeField, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

from apps.access.roles import Role
from apps.agencies.models import AgencyMember, MemberStatus
from apps.agencies.selectors import membership_of
from apps.jobfairs.models import (
    Conversation,
    ConversationKind,
    ConversationRead,
    ConversationSide,
    Message,
)

Side = ConversationSide
Kind = ConversationKind

ROLE_SIDES = {Role.JOBFAIR_ORGANISER: Side.ORGANISER, Role.AGENCY_STAFF: Side.COMPANY, Role.JOB_SEEKER: Side.SEEKER}
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)  # "never read": before any message


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
