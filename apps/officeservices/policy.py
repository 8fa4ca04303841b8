"""Who may do what to a service request, and why not: the one place its rules live.

`POLICY` (on `permissions.REQUESTS`) answers every action on a request; `OPENING_POLICY` (on
`permissions.OPENING`) answers who opens one, online or at the counter. The commands in `services` begin with
`require`, the views put `available_actions` in the page as `actions`, templates show what it allows (and, beside
a disabled button, why not), and the demo and the test builders go through the same commands.

Relation (who the actor is to the request, checked after the role):
- company staff: an active member of the request's company;
- the CPMI: on the request (their own issued documents);
- office staff: staff of the request's office; a company's online draft stays the company's (the office sees it
  once sent), and only a counter request is filled, sent or cancelled by the officer.

Facts (checked after the status):
- sending: the company may still act (a P3MI with a valid SIP2MI);
- a step action (receive, work, return, sign the hand-over minutes, approve, send back): the request is at a step
  that action performs, the step names the actor's role (`offices.catalogue.Step.role`), an office step is done by
  the officer the request is assigned to, and no return once the numbers are in the register book;
- opening: the company may still act, and no request for the same service is open for any of its CPMI.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from apps.access.office_staff import OFFICE_STAFF, OFFICE_STAFF_POLICY
from apps.access.policy import Actions, Policy
from apps.access.roles import Role
from apps.agencies.selectors import membership_of
from apps.agencies.services import agency_refusal
from apps.core.errors import PermissionDenied, ServiceError
from apps.offices.catalogue import SERVICES
from apps.offices.selectors import is_staff_of, staff_assignment_of
from apps.officeservices.models import Channel, RequestCandidate, RequestStatus, ServiceRequest
from apps.officeservices.permissions import (
    ACCEPTING,
    COMPANY_ONLY,
    NUMBERED_STEPS,
    OFFICE_ONLY,
    OPENING,
    REQUESTS,
    step_actions,
)

# What the filler of a request does: the company, or the officer of a counter request.
FILLING = frozenset({"edit", "submit", "cancel"})
STEP_WORK = frozenset({"receive", "work", "return", "sign_handover", "approve", "send_back"})

NOT_ASSIGNED = _("Permohonan ini ditangani petugas lain. Ambil alih permohonan terlebih dahulu bila perlu.")
OTHER_OFFICE = _("CPMI ini terdaftar di dinas lain; permohonan diajukan ke dinas daerah asalnya.")


def wrong_step(request: ServiceRequest) -> ServiceError:
    """The refusal of an action, or a step command, the request's current step does not take."""
    definition = SERVICES[request.service]
    code = request.current_step
    current = definition.step(code).label if code and definition.has_step(code) else "-"
    return ServiceError("wrong_step", _("Permohonan ini sedang pada langkah “%(step)s”.") % {"step": current})


class ServiceRequestPolicy(Policy):
    table = REQUESTS

    # --- relation ------------------------------------------------------------------------------------------------

    def _side(self, request: ServiceRequest, actor) -> str | None:
        """ "company", "office", "candidate" or None: who the actor is to the request. Asked once per request
        instance and actor (a page asks for every action; a command locks and reads a fresh instance)."""
        memo = request.__dict__.setdefault("_policy_sides", {})
        key = getattr(actor, "pk", None)
        if key not in memo:
            memo[key] = self._find_side(request, actor)
        return memo[key]

    def _find_side(self, request: ServiceRequest, actor) -> str | None:
        role = self.role(actor)
        if role == Role.AGENCY_STAFF:
            return "company" if membership_of(actor, request.agency_id) is not None else None
        if role == Role.JOB_SEEKER:
            on = any(rc.candidate.user_id == actor.pk for rc in request.candidates.all())
            return "candidate" if on else None
        return "office" if is_staff_of(actor, request.office_id) else None

    def relation(self, request: ServiceRequest, actor, action: str) -> ServiceError | None:
        side = self._side(request, actor)
        if side is None:
            return PermissionDenied(COMPANY_ONLY if self.role(actor) == Role.AGENCY_STAFF else OFFICE_ONLY)
        if side == "office" and request.channel != Channel.COUNTER:
            # The office does not see a company's online draft, and never fills one.
            if request.status == RequestStatus.DRAFT or action in FILLING:
                return PermissionDenied(COMPANY_ONLY)
        return None

    # --- facts ---------------------------------------------------------------------------------------------------

    def facts(self, request: ServiceRequest, actor, action: str) -> ServiceError | None:
        if action == "submit":
            return agency_refusal(request.agency)
        if action in STEP_WORK:
            return self._step_fact(request, actor, action)
        return None

    def _step_fact(self, request: ServiceRequest, actor, action: str) -> ServiceError | None:
        definition = SERVICES[request.service]
        code = request.current_step
        if not code or not definition.has_step(code) or action not in step_actions(code):
            return wrong_step(request)
        step = definition.step(code)
        if step.role != self.role(actor):
            return PermissionDenied(
                _("Langkah “%(step)s” hanya dapat dilakukan oleh %(role)s.")
                % {"step": step.label, "role": Role(step.role).label}
            )
        if step.role == Role.OFFICER:
            # Receiving takes an unassigned request; every later office step is the assigned officer's.
            free = action == "receive" and request.assigned_officer_id is None
            if not free and request.assigned_officer_id != actor.pk:
                return ServiceError("not_assigned", NOT_ASSIGNED)
        if action == "return" and code in NUMBERED_STEPS:
            return ServiceError(
                "too_late_to_return", _("Permohonan yang nomornya sudah dicatat tidak dapat dikembalikan lagi.")
            )
        return None

    # --- questions beyond one action -----------------------------------------------------------------------------

    def held_back(self, request: ServiceRequest, actor, actions: Actions | None = None) -> frozenset[str]:
        """Actions the request's status allows this actor but a fact stands in the way of: those a page shows as a
        disabled button with the reason beside it (a status that never allows it shows nothing)."""
        actions = actions if actions is not None else self.available_actions(request, actor)
        role, status = self.role(actor), self.status(request)
        return frozenset(
            name
            for name, decision in actions.items()
            if decision.offered and not decision.allowed and self.table.allows(role, status, name)
        )

    def is_company(self, request: ServiceRequest, actor) -> bool:
        """The actor works for the request's company (the page's company view: its list, its uploads)."""
        return self._side(request, actor) == "company"

    def approves(self, actor) -> bool:
        """The actor's role approves requests (the division head): their way back is the approvals list."""
        return self.role(actor) in self.table.roles_for("approve")

    def document_allowed(self, row, actor) -> bool:
        """An issued output's PDF: whoever may download the request's documents; the CPMI only their own."""
        request = row.request
        if not self.allows(request, actor, "download"):
            return False
        if self._side(request, actor) == "candidate":
            return row.request_candidate_id is not None and row.request_candidate.candidate.user_id == actor.pk
        return True


POLICY = ServiceRequestPolicy()


# --- opening a request -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opening:
    """A request about to be opened for `agency`; `office` is the counter's office (the CPMI's home office) for a
    counter request; `service` and `candidates` when they are known (the command knows them, a page does not)."""

    agency: object | None = None
    office: object | None = None
    service: str = ""
    candidates: tuple = field(default_factory=tuple)


def already_requested(candidate, service: str) -> ServiceError:
    return ServiceError(
        "already_requested",
        _("%(name)s sudah ada dalam permohonan %(service)s yang belum selesai.")
        % {"name": candidate.user.full_name, "service": SERVICES[service].name},
        field="candidates",
    )


class OpeningPolicy(Policy):
    table = OPENING

    def takes(self, actor, action: str) -> bool:
        """The actor's role takes `action` at all (a company account opens online, an officer at the counter)."""
        return self.role(actor) in self.table.roles_for(action)

    def status(self, opening: Opening) -> str:
        return ACCEPTING

    def relation(self, opening: Opening, actor, action: str) -> ServiceError | None:
        if action == "open":
            if opening.agency is None or membership_of(actor, opening.agency) is None:
                return PermissionDenied(COMPANY_ONLY)
            return None
        if opening.office is None or not is_staff_of(actor, opening.office):
            return PermissionDenied(OTHER_OFFICE)
        return None

    def facts(self, opening: Opening, actor, action: str) -> ServiceError | None:
        if opening.agency is not None:
            refusal = agency_refusal(opening.agency)
            if refusal is not None:
                return refusal
        if opening.service and opening.candidates:
            # Closed in the database too: one open request per CPMI per service (`RequestCandidate.is_open`).
            busy = set(
                RequestCandidate.objects.filter(
                    candidate__in=opening.candidates, service=opening.service, is_open=True
                ).values_list("candidate_id", flat=True)
            )
            for candidate in opening.candidates:
                if candidate.pk in busy:
                    return already_requested(candidate, opening.service)
        return None


OPENING_POLICY = OpeningPolicy()


def opening_actions(actor, *, agency=None, office=None) -> Actions:
    """What `actor` may open: `open` (online, for `agency`) and `open_counter` (at `office`'s counter)."""
    return OPENING_POLICY.available_actions(Opening(agency=agency, office=office), actor)


# --- the office's local checklist items --------------------------------------------------------------------------


def checklist_refusal(actor, office) -> ServiceError | None:
    """Who adds and retires the office's local checklist items: the office-staff table's `manage_checklist`,
    for staff of this office."""
    if not is_staff_of(actor, office):
        return PermissionDenied(OFFICE_STAFF.denial_message("manage_checklist"))
    return OFFICE_STAFF_POLICY.decide(staff_assignment_of(actor), actor, "manage_checklist").error


def manages_checklist(actor, office) -> bool:
    return checklist_refusal(actor, office) is None
