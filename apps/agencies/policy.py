"""The policies of a company's team, of team invitations and of recruiting officers' approvals: the one place
their rules live (tables in `apps.agencies.permissions`). Services call `require` first; views and templates read
`available_actions`.

    TEAM_POLICY.available_actions(member, user)["remove"]                    # owner of member's company?
    INVITATION_POLICY.require(member, InvitationHolder(token, user), "accept")
    APPROVAL_POLICY.require(approval, user, "approve")                       # staff of the office asked?
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.access.policy import Policy
from apps.access.roles import OFFICE_ROLES
from apps.accounts.models import AccountType
from apps.agencies.models import AgencyMember, MemberStatus
from apps.agencies.permissions import (
    INVITATIONS,
    INVITEE,
    MEMBERS_ONLY,
    NEW,
    OFFICE_ONLY,
    OFFICER_APPROVALS,
    TEAM,
)
from apps.agencies.selectors import membership_of
from apps.core.errors import PermissionDenied, ServiceError
from apps.offices.selectors import is_staff_of

# An invitation link works for a week from the moment it was sent.
INVITATION_VALID_FOR = datetime.timedelta(days=7)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class TeamActor:
    """A person as one company's team sees them: their active membership of that company (None when they have
    none). Build it once per page with `TEAM_POLICY.actor_for(agency, user)` to ask about many rows."""

    user: object
    agency_id: int
    member: AgencyMember | None

    is_authenticated = True

    @property
    def role(self) -> str | None:
        return self.member.role if self.member is not None else None


@dataclass(frozen=True)
class InvitationHolder:
    """Whoever opened the invitation link: the token it carries and the signed-in user (None: a new person)."""

    token: str
    user: object = None

    is_authenticated = True

    def holds(self, member: AgencyMember) -> bool:
        return bool(member.invitation_hash) and token_hash(self.token) == member.invitation_hash


class TeamPolicy(Policy):
    table = TEAM

    def actor_for(self, agency, user) -> TeamActor:
        agency_id = getattr(agency, "pk", agency)
        return TeamActor(user=user, agency_id=agency_id, member=membership_of(user, agency_id))

    def _team_actor(self, obj, actor) -> TeamActor:
        """The person as `obj`'s company sees them (kept when the caller built it for that company already)."""
        if isinstance(actor, TeamActor) and actor.agency_id == obj.agency_id:
            return actor
        return self.actor_for(obj.agency_id, actor)

    def decide(self, obj, actor, action):
        return super().decide(obj, self._team_actor(obj, actor), action)

    def available_actions(self, obj, actor):
        # One membership look-up for every action.
        return super().available_actions(obj, self._team_actor(obj, actor))

    def role(self, actor):
        return actor.role

    def facts(self, obj, actor, action):
        mine = obj.user_id is not None and obj.user_id == getattr(actor.user, "pk", None)
        if action == "transfer" and mine:
            return ServiceError("already_owner", _("Anda sudah pemilik akun perusahaan ini."))
        if action == "remove" and mine:
            return ServiceError(
                "remove_self",
                _("Pemilik tidak dapat mengeluarkan dirinya sendiri. Transfer kepemilikan terlebih dahulu."),
            )
        return None


MEMBER_ELSEWHERE = _("Akun Anda sudah aktif di tim perusahaan lain.")


class InvitationPolicy(Policy):
    table = INVITATIONS

    def role(self, actor):
        return INVITEE if isinstance(actor, InvitationHolder) else None

    def relation(self, obj, actor, action):
        return None if actor.holds(obj) else PermissionDenied()

    def facts(self, obj, actor, action):
        if obj.invited_at < timezone.now() - INVITATION_VALID_FOR:
            return ServiceError(
                "invitation_expired",
                _("Undangan ini sudah kedaluwarsa (berlaku 7 hari). Minta undangan baru ke pemilik akun perusahaan."),
            )
        user = actor.user
        if user is None or not user.is_authenticated:
            return None  # a new company account is made for the invited address
        if user.account_type != AccountType.AGENCY_STAFF:
            return ServiceError(
                "account_type",
                _("Akun Anda bukan akun perusahaan. Keluar, lalu buka tautan ini lagi untuk membuat akun perusahaan."),
            )
        if AgencyMember.objects.filter(user=user, status=MemberStatus.ACTIVE).exists():
            return ServiceError("member_elsewhere", MEMBER_ELSEWHERE)
        return None


class ApprovalPolicy(Policy):
    table = OFFICER_APPROVALS

    def status(self, obj) -> str:
        return obj.status if obj.pk is not None else NEW

    def relation(self, obj, actor, action):
        if actor.role in OFFICE_ROLES:
            return None if is_staff_of(actor, obj.office_id) else PermissionDenied(OFFICE_ONLY)
        if membership_of(actor, obj.officer.agency_id) is None:
            return PermissionDenied(MEMBERS_ONLY)
        return None


TEAM_POLICY = TeamPolicy()
INVITATION_POLICY = InvitationPolicy()
APPROVAL_POLICY = ApprovalPolicy()
