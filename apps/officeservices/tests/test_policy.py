"""The service-request policy walked role × status × action through the policy and the commands, and the opening
policy the same way; then the facts the tables cannot hold (another officer has the request, too late to return,
an online draft is the company's, a CPMI already on an open request)."""

import pytest

from apps.access.roles import Role
from apps.core.errors import ServiceError
from apps.offices.catalogue import Service
from apps.officeservices import services
from apps.officeservices.models import Channel, RequestCandidate, RequestStatus, ServiceRequest
from apps.officeservices.permissions import ACCEPTING
from apps.officeservices.policy import OPENING_POLICY, POLICY, Opening
from apps.officeservices.tests.builders import cpmi_with_file, pdf, step_data, upload_missing, walk
from testing import factories
from testing.policy_walk import walk as policy_walk

pytestmark = pytest.mark.django_db

S = RequestStatus
READ = {"view"}
# The test's own copy of `permissions.REQUESTS`: role → status → actions.
EXPECTED = {
    Role.AGENCY_STAFF: {
        S.DRAFT: {"view", "edit", "submit", "cancel"},
        S.SUBMITTED: {"view", "cancel"},
        S.RETURNED: {"view", "edit", "submit", "cancel"},
        S.IN_PROGRESS: {"view", "download"},
        S.AWAITING_HANDOVER: {"view", "sign_handover"},
        S.AWAITING_APPROVAL: {"view"},
        S.COMPLETED: {"view", "download"},
        S.CANCELLED: {"view"},
    },
    Role.JOB_SEEKER: {S.IN_PROGRESS: {"download"}, S.COMPLETED: {"download"}},
    Role.OFFICER: {
        S.DRAFT: {"view", "edit", "submit", "cancel"},
        S.SUBMITTED: {"view", "assign", "receive"},
        S.IN_PROGRESS: {"view", "assign", "work", "return", "download", "preview"},
        S.RETURNED: {"view", "edit", "submit"},
        S.AWAITING_HANDOVER: {"view", "assign", "preview"},
        S.AWAITING_APPROVAL: {"view", "assign", "preview"},
        S.COMPLETED: {"view", "download"},
    },
    Role.DIVISION_HEAD: {
        S.SUBMITTED: READ,
        S.IN_PROGRESS: {"view", "download", "preview"},
        S.RETURNED: READ,
        S.AWAITING_HANDOVER: {"view", "preview"},
        S.AWAITING_APPROVAL: {"view", "approve", "send_back", "preview"},
        S.COMPLETED: {"view", "download"},
    },
    Role.SECRETARY: {
        S.SUBMITTED: READ,
        S.IN_PROGRESS: {"view", "download", "preview"},
        S.RETURNED: READ,
        S.AWAITING_HANDOVER: {"view", "preview"},
        S.AWAITING_APPROVAL: {"view", "preview"},
        S.COMPLETED: {"view", "download"},
    },
}
EXPECTED[Role.OFFICE_HEAD] = EXPECTED[Role.SECRETARY]

# The step the walk leaves a request of each status at (None: the request is not at a step).
AT_STEP = {
    S.SUBMITTED: "receive",
    S.IN_PROGRESS: "completeness",
    S.AWAITING_HANDOVER: "handover",
    S.AWAITING_APPROVAL: "approval",
    S.COMPLETED: "",
}


class Requests:
    """Real requests in each status, built through the commands: counter requests, which the company and the
    officer both fill (that the office never sees a company's online draft is tested below). One request per
    status serves every role until a command moves it; then the next `make` builds a fresh one."""

    def __init__(self, company, staff, recruiter, people):
        self.company, self.staff, self.recruiter, self.people = company, staff, recruiter, people
        self.built: dict[tuple, tuple[int, object]] = {}

    def request(self, channel: str, status: str) -> ServiceRequest:
        key = (channel, status)
        if key in self.built:
            pk, stamp = self.built[key]
            request = ServiceRequest.objects.get(pk=pk)
            if request.updated_at == stamp:
                return request
        request = self._build(channel, status)
        self.built[key] = (request.pk, request.updated_at)
        return request

    def _build(self, channel: str, status: str) -> ServiceRequest:
        officer = self.people[Role.OFFICER]
        filler = officer if channel == Channel.COUNTER else self.staff
        request = services.request_open(
            actor=filler,
            agency=self.company,
            service=Service.PASSPORT_RECOMMENDATION,
            candidates=[cpmi_with_file(self.company)],
            recruiting_officer=self.recruiter,
            details=services.RequestDetails(immigration_office="Kantor Imigrasi Kelas I Depok"),
            channel=channel,
        )
        upload_missing(request, filler)
        if status == S.DRAFT:
            return request
        if status == S.CANCELLED:
            return services.request_cancel(request=request, actor=filler)
        request = services.request_submit(request=request, actor=filler)
        if status == S.RETURNED:
            request = services.request_receive(request=request, actor=officer)
            reasons = [services.Reason("other", "Surat buram")]
            return services.request_return(request=request, actor=officer, reasons=reasons)
        to = AT_STEP[status]
        if to == "receive":
            return request
        return walk(
            request,
            officer,
            to=to,
            company_staff=self.staff,
            division_head=self.people[Role.DIVISION_HEAD],
        )

    def make(self, role, status):
        request = self.request(Channel.COUNTER, status)
        if role == Role.AGENCY_STAFF:
            return request, self.staff
        if role == Role.JOB_SEEKER:
            return request, request.candidates.first().candidate.user
        return request, self.people[role]


def _work_step(request) -> str:
    """The office-work step to ask for: the request's own when it is at one, else the first office check."""
    return (
        request.current_step
        if request.current_step in services.STEP_COMMANDS and request.status == S.IN_PROGRESS
        else "completeness"
    )


PERFORM = {
    "edit": lambda r, a: services.checklist_upload(
        entry=r.checklist.filter(source="upload").first(), actor=a, uploaded=pdf()
    ),
    "submit": lambda r, a: services.request_submit(request=r, actor=a),
    "cancel": lambda r, a: services.request_cancel(request=r, actor=a),
    "assign": lambda r, a: services.request_assign(request=r, actor=a),
    "receive": lambda r, a: services.request_receive(request=r, actor=a),
    "work": lambda r, a: services.step_perform(request=r, actor=a, step=_work_step(r), **step_data(r)),
    "return": lambda r, a: services.request_return(request=r, actor=a, reasons=[services.Reason("other", "Buram")]),
    "sign_handover": lambda r, a: services.request_sign_handover(request=r, actor=a),
    "approve": lambda r, a: services.request_approve(request=r, actor=a),
    "send_back": lambda r, a: services.request_send_back(request=r, actor=a, reason="Periksa lagi draf"),
}
PAGES = "a page, no command: the view answers 404 from this same decision (test_views, the authorisation sweep)"


@pytest.fixture
def people(officer, division_head):
    return {
        Role.OFFICER: officer,
        Role.DIVISION_HEAD: division_head,
        Role.SECRETARY: factories.staff(position="secretary", full_name="Sari Sekretaris"),
        Role.OFFICE_HEAD: factories.staff(position="office_head", full_name="Eko Kadis"),
    }


def test_service_request_walk_through_the_policy_and_the_commands(company, company_staff, recruiter, people):
    requests = Requests(company, company_staff, recruiter, people)
    performed = policy_walk(
        POLICY,
        expected=EXPECTED,
        make=requests.make,
        perform=PERFORM,
        not_performed={"view": PAGES, "download": PAGES, "preview": PAGES},
    )
    assert performed == 22


OPENING_EXPECTED = {Role.AGENCY_STAFF: {ACCEPTING: {"open"}}, Role.OFFICER: {ACCEPTING: {"open_counter"}}}


def test_service_request_opening_walk_online_by_the_company_at_the_counter_by_an_officer(
    company, company_staff, recruiter, people, job_seeker
):
    actors = {Role.AGENCY_STAFF: company_staff, Role.JOB_SEEKER: job_seeker, **people}

    def make(role, status):
        candidate = cpmi_with_file(company)
        opening = Opening(agency=company, office=candidate.office, service=Service.ID_CPMI, candidates=(candidate,))
        return opening, actors[role]

    def opener(channel):
        return lambda opening, actor: services.request_open(
            actor=actor,
            agency=opening.agency,
            service=opening.service,
            candidates=list(opening.candidates),
            recruiting_officer=recruiter,
            channel=channel,
        )

    performed = policy_walk(
        OPENING_POLICY,
        expected=OPENING_EXPECTED,
        make=make,
        perform={"open": opener(Channel.ONLINE), "open_counter": opener(Channel.COUNTER)},
        roles=list(actors),
    )
    assert performed == 2


# --- the facts ------------------------------------------------------------------------------------------------


def test_another_officer_sees_why_the_step_is_not_theirs_and_may_take_the_request_over(received, officer):
    colleague = factories.staff(full_name="Gita Petugas")
    actions = POLICY.available_actions(received, colleague)
    assert (
        not actions["work"]
        and actions["work"].code == "not_assigned"
        and "work" in POLICY.held_back(received, colleague)
    )
    assert actions["assign"]
    services.request_assign(request=received, actor=colleague)
    assert POLICY.available_actions(ServiceRequest.objects.get(pk=received.pk), colleague)["work"]


def test_once_the_numbers_are_registered_the_request_no_longer_goes_back_to_the_company(received, officer):
    request = walk(received, officer, to="selection_minutes")
    decision = POLICY.decide(request, officer, "return")
    assert decision.code == "too_late_to_return" and decision.offered


def test_the_office_does_not_see_a_company_s_online_draft_but_fills_a_counter_one(opened, officer, company, cpmi):
    assert POLICY.decide(opened, officer, "view").denied
    services.request_cancel(request=opened, actor=opened.opened_by)
    counter = services.request_open(
        actor=officer,
        agency=company,
        service=Service.ID_CPMI,
        candidates=[cpmi],
        recruiting_officer=opened.recruiting_officer,
        channel=Channel.COUNTER,
    )
    assert {"view", "edit", "submit", "cancel"} <= POLICY.available_actions(counter, officer).allowed()


def test_a_suspended_company_is_told_why_it_cannot_send(opened, company, company_staff):
    company.sip2mi_valid_until = company.sip2mi_valid_until.replace(year=2020)
    company.save(update_fields=["sip2mi_valid_until"])
    request = ServiceRequest.objects.get(pk=opened.pk)
    decision = POLICY.decide(request, company_staff, "submit")
    assert decision.code == "licence_expired" and "submit" in POLICY.held_back(request, company_staff)


def test_a_cpmi_on_an_open_request_is_refused_a_second_one_and_free_again_once_it_is_cancelled(
    opened, company, company_staff, cpmi, recruiter, details
):
    def again():
        return services.request_open(
            actor=company_staff,
            agency=company,
            service=Service.PASSPORT_RECOMMENDATION,
            candidates=[cpmi],
            recruiting_officer=recruiter,
            details=details,
        )

    with pytest.raises(ServiceError) as refused:
        again()
    assert refused.value.code == "already_requested" and cpmi.user.full_name in str(refused.value.message)
    services.request_cancel(request=opened, actor=company_staff)
    assert again().status == S.DRAFT
    assert RequestCandidate.objects.filter(candidate=cpmi, is_open=True).count() == 1


def test_the_database_refuses_a_second_open_request_the_check_let_through(
    opened, company, company_staff, cpmi, recruiter, details, monkeypatch
):
    """What a race between two openings comes to, on any database: the policy's check saw nothing (here: it is
    switched off), the unique index refuses the row, and the opener reads the same refusal, not a 500."""
    monkeypatch.setattr(type(OPENING_POLICY), "facts", lambda self, opening, actor, action: None)
    with pytest.raises(ServiceError) as refused:
        services.request_open(
            actor=company_staff,
            agency=company,
            service=Service.PASSPORT_RECOMMENDATION,
            candidates=[cpmi],
            recruiting_officer=recruiter,
            details=details,
        )
    assert refused.value.code == "already_requested"
    assert ServiceRequest.objects.filter(agency=company).count() == 1


def test_a_completed_request_frees_its_cpmi_for_the_same_service(received, officer, company_staff, division_head, cpmi):
    request = walk(received, officer, to="", company_staff=company_staff, division_head=division_head)
    assert request.status == S.COMPLETED
    assert not RequestCandidate.objects.filter(candidate=cpmi, is_open=True).exists()
