"""Demo data for the labour office's services: three passport-recommendation requests of the demo company at Kota
Depok, at different steps, so the officer (petugas@depok.demo) has a queue and the division head
(kabid@depok.demo) has one to approve. Built through the services a user's clicks call."""

import datetime

from django.utils import timezone

from apps.access.roles import Role
from apps.accounts.models import User
from apps.agencies.models import PlacementAgency
from apps.cpmi.models import MigrantCandidate
from apps.demo.placement import NIB, _scan, seed_verified_cpmi
from apps.offices.catalogue import SERVICES, Service
from apps.officeservices import selectors, services
from apps.officeservices.models import ServiceRequest
from apps.vacancies import services as vacancy_services
from apps.vacancies.models import Application, ApplicationStatus, Vacancy

DETAILS = services.RequestDetails(
    letter_number="017/SHM/XI/2026",
    immigration_office="Kantor Imigrasi Kelas I Non TPI Depok",
    immigration_city="Depok",
)


def _selected(user: User, owner: User, officer: User) -> MigrantCandidate:
    """`user` verified as CPMI, applied to the demo vacancy and accepted by the company."""
    seed_verified_cpmi(user=user, officer=officer)
    candidate = MigrantCandidate.objects.get(user=user)
    agency = PlacementAgency.objects.get(nib=NIB)
    if not Application.objects.filter(candidate=candidate, status=ApplicationStatus.ACCEPTED).exists():
        vacancy = Vacancy.objects.filter(agency=agency, status="published").first()
        application = vacancy_services.application_apply(actor=user, vacancy=vacancy)
        application = vacancy_services.application_process(application=application, actor=owner)
        vacancy_services.application_accept(application=application, actor=owner)
    return candidate


def _opened(candidate: MigrantCandidate, owner: User) -> ServiceRequest:
    agency = PlacementAgency.objects.get(nib=NIB)
    request = services.request_open(
        actor=owner,
        agency=agency,
        service=Service.PASSPORT_RECOMMENDATION,
        candidates=[candidate],
        recruiting_officer=agency.officers.order_by("id").first(),
        details=DETAILS,
    )
    for entry in selectors.checklist_missing(request):
        services.checklist_upload(entry=entry, actor=owner, uploaded=_scan(f"{entry.code or 'lokal'}.png"))
    return services.request_submit(request=request, actor=owner)


def _step_data(request: ServiceRequest) -> dict:
    """What the demo's officer types into the current step's form (most steps take nothing)."""
    code = request.current_step
    if code == "permit":
        permit = request.permit or request.candidates.first().application.vacancy.permit
        return {"permit": permit, "copy_matches": True}
    if code == "selection_minutes":
        return {"selection_date": timezone.localdate(), "selection_place": "Kantor Dinas Tenaga Kerja Kota Depok"}
    return {}


def _walk_to(request: ServiceRequest, step: str, *, officer: User, owner: User) -> ServiceRequest:
    """Through the same step commands the request page calls, the officer's steps and the company's signature."""
    while request.current_step != step:
        if request.current_step == "interview":
            for rc in request.candidates.all():
                services.interview_record(
                    request=request,
                    actor=officer,
                    request_candidate=rc,
                    interviewed_at=timezone.now() - datetime.timedelta(minutes=20),
                    recruiter_present=True,
                    outcome="passed",
                    note="Memahami isi perjanjian kerja dan negara tujuan.",
                )
        # Whoever the catalogue's step names: the company signs the hand-over minutes, the officer does the rest.
        role = SERVICES[request.service].step(request.current_step).role
        actor = owner if role == Role.AGENCY_STAFF else officer
        request = services.step_perform(request=request, actor=actor, **_step_data(request))
    return request


def seed_service_requests(*, owner: User, officer: User, users: list[User]) -> None:
    """One request waiting for the division head, one at the interview, one just sent (needs three users)."""
    if ServiceRequest.objects.filter(agency__nib=NIB).exists():
        return
    candidates = [_selected(user, owner, officer) for user in users]
    _walk_to(_opened(candidates[0], owner), "approval", officer=officer, owner=owner)
    _walk_to(_opened(candidates[1], owner), "interview", officer=officer, owner=owner)
    _opened(candidates[2], owner)
