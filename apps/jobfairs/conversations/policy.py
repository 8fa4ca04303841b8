"""Who may talk to whom at a job fair: the one place this rule is written.

In a published fair:
- the organiser ↔ a company that asked to join or was accepted;
- the organiser ↔ a job seeker following the fair;
- a company (accepted) ↔ a job seeker following it who checked in or applied to that company's vacancies in the
  fair — only while the fair runs (phase "running", from the clock), whoever writes.
The rule is asked when a conversation starts and again on every message: a fair that has ended closes its
company ↔ job seeker conversations even if they were started during it. The querysets below (who a person may
start a conversation with) are the same rule for a whole list, so the pages offer exactly who the rule allows.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import formats
from django.utils.translation import gettext as _

from apps.agencies.models import PlacementAgency
from apps.agencies.selectors import membership_of
from apps.core.errors import PermissionDenied, ServiceError
from apps.jobfairs.conversations.permissions import CLOSED, CONVERSATIONS, OPEN
from apps.jobfairs.conversations.selectors import Kind, Side, side_in, side_of_user
from apps.jobfairs.models import (
    Conversation,
    FairFollower,
    FairParticipation,
    FairPhase,
    FairStatus,
    JobFair,
    ParticipationStatus,
)
from apps.jobfairs.policy import JobFairPolicy
from apps.vacancies.models import Application

# The company statuses the organiser talks with, and the one a company talks with job seekers in.
TALKING_COMPANY = (ParticipationStatus.ACCEPTED, ParticipationStatus.REQUESTED)
_UNKNOWN = object()

# --- the rule for whole lists ---------------------------------------------------------------------------------------


def talking_participations(fair: JobFair):
    """The companies the organiser may talk with in `fair`."""
    return FairParticipation.objects.filter(fair=fair, status__in=TALKING_COMPANY)


def seekers_met(fair: JobFair, agency_id):
    """The followers a company may talk with: checked in, or applied in the fair to one of its vacancies."""
    applied = Application.objects.filter(
        applicant_id=OuterRef("user_id"), vacancy__agency_id=agency_id, fair_link__fair=fair
    )
    return FairFollower.objects.filter(fair=fair).filter(Q(checked_in_at__isnull=False) | Exists(applied))


def companies_met(fair: JobFair, user):
    """The accepted companies a job seeker may talk with: every one after check-in, else those they applied to."""
    companies = PlacementAgency.objects.filter(
        fair_participations__fair=fair, fair_participations__status=ParticipationStatus.ACCEPTED
    )
    follower = FairFollower.objects.filter(fair=fair, user=user).first()
    if follower is None:
        return PlacementAgency.objects.none()
    if follower.checked_in_at is None:
        companies = companies.filter(
            vacancies__applications__fair_link__fair=fair, vacancies__applications__applicant=user
        )
    return companies.distinct()


def takes_part(fair: JobFair, user) -> str | None:
    """The side `user` speaks for in `fair` when they take part in it (organise it, joined it as a company still
    talking, follow it), else None: who may open the fair's "start a conversation" page."""
    if fair.status != FairStatus.PUBLISHED:
        return None
    side = side_of_user(user)
    if side == Side.ORGANISER:
        return side if fair.organiser_id == user.pk else None
    if side == Side.COMPANY:
        member = membership_of(user)
        ok = member is not None and talking_participations(fair).filter(agency_id=member.agency_id).exists()
        return side if ok else None
    if side == Side.SEEKER:
        return side if FairFollower.objects.filter(fair=fair, user=user).exists() else None
    return None


def fairs_to_start(user, side: str, now):
    """The published, unfinished fairs `user` takes part in, soonest first."""
    fairs = JobFair.objects.filter(status=FairStatus.PUBLISHED, ends_at__gt=now)
    if side == Side.ORGANISER:
        return fairs.filter(organiser=user)
    if side == Side.COMPANY:
        member = membership_of(user)
        if member is None:
            return JobFair.objects.none()
        return fairs.filter(participations__agency_id=member.agency_id, participations__status__in=TALKING_COMPANY)
    return fairs.filter(followers__user=user)


# --- the rule for one conversation ----------------------------------------------------------------------------------


def company_refusal(fair: JobFair, kind: str, participation_status: str | None) -> ServiceError | None:
    """Whether the company side may talk, from its participation's status (None: it never asked)."""
    allowed = TALKING_COMPANY if kind == Kind.ORGANISER_COMPANY else (ParticipationStatus.ACCEPTED,)
    if participation_status in allowed:
        return None
    if kind == Kind.ORGANISER_COMPANY:
        message = _("Perusahaan ini tidak terdaftar atau sudah tidak ikut di job fair ini.")
    else:
        message = _("Perusahaan ini belum diterima penyelenggara di job fair ini.")
    return ServiceError("company_not_in_fair", message)


def phase_refusal(fair: JobFair, now=None) -> ServiceError | None:
    """A company and a job seeker talk only while the fair runs."""
    phase = fair.phase(now)
    if phase == FairPhase.UPCOMING:
        start = formats.date_format(fair.local_starts_at(), "j F Y H.i")
        return ServiceError(
            "fair_not_started",
            _(
                "Pencari kerja dan perusahaan baru dapat bercakap saat job fair sedang berlangsung "
                "(mulai %(start)s %(zone)s)."
            )
            % {"start": start, "zone": fair.zone_label},
        )
    if phase != FairPhase.RUNNING:
        return ServiceError(
            "fair_over", _("Job fair sudah selesai: percakapan antara pencari kerja dan perusahaan sudah ditutup.")
        )
    return None


def talk_refusal(conversation: Conversation, now=None, participation_status=_UNKNOWN) -> ServiceError | None:
    """None when the two sides of `conversation` (saved or not started yet) may exchange messages now; otherwise
    why not."""
    fair, kind = conversation.fair, conversation.kind
    if fair.status != FairStatus.PUBLISHED:
        return ServiceError("fair_not_published", _("Percakapan hanya tersedia di job fair yang sudah terbit."))
    if kind in (Kind.ORGANISER_COMPANY, Kind.COMPANY_SEEKER):
        if participation_status is _UNKNOWN:
            participation_status = (
                FairParticipation.objects.filter(fair=fair, agency_id=conversation.agency_id)
                .values_list("status", flat=True)
                .first()
            )
        refusal = company_refusal(fair, kind, participation_status)
        if refusal is not None:
            return refusal
    following = FairFollower.objects.filter(fair=fair, user_id=conversation.seeker_id)
    if kind == Kind.ORGANISER_SEEKER and not following.exists():
        return ServiceError("seeker_not_following", _("Pencari kerja ini tidak mengikuti job fair ini."))
    if kind == Kind.COMPANY_SEEKER:
        refusal = phase_refusal(fair, now)
        if refusal is not None:
            return refusal
        if not seekers_met(fair, conversation.agency_id).filter(user_id=conversation.seeker_id).exists():
            return ServiceError(
                "seeker_not_checked_in",
                _(
                    "Percakapan dengan perusahaan terbuka bagi pencari kerja yang sudah check-in di job fair ini "
                    "atau melamar lowongan perusahaan tersebut."
                ),
            )
    return None


class ConversationPolicy(JobFairPolicy):
    """A conversation is open or closed by `talk_refusal`; only its two sides may read it, and a closed one
    is refused with the reason it closed."""

    table = CONVERSATIONS

    def relation(self, conversation: Conversation, actor, action: str):
        if side_in(actor, conversation) is None:
            return PermissionDenied(_("Anda bukan peserta percakapan ini."))
        return None

    def status(self, conversation: Conversation) -> str:
        return CLOSED if talk_refusal(conversation) is not None else OPEN

    def _decide(self, obj, actor, action, memo):
        if "status" not in memo:
            memo["refusal"] = talk_refusal(obj, memo.get("now"), memo.pop("participation_status", _UNKNOWN))
            memo["status"] = CLOSED if memo["refusal"] is not None else OPEN
        return super()._decide(obj, actor, action, memo)

    def status_refusal(self, obj, status, action, memo):
        return memo.get("refusal") or self.table.refusal(status, action)

    def decide_start_with_company(self, fair: JobFair, participation: FairParticipation, actor):
        """May the organiser start (or open) a conversation with this company? For the rows of the organiser's
        page, from the participation at hand (no query per row)."""
        conversation = Conversation(fair=fair, kind=Kind.ORGANISER_COMPANY, agency_id=participation.agency_id)
        memo = {"participation_status": participation.status}
        return self._decide(conversation, actor, "start", memo)


POLICY = ConversationPolicy()
