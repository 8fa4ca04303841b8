"""The vacancy and application tables, walked pair by pair through the services: every move the tables allow
works for the role they name, every other move is refused and changes nothing, and which moves write an
audit row."""

import datetime

import pytest
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from apps.vacancies import services
from apps.vacancies.models import (
    ALLOWED_TRANSITIONS,
    VACANCY_TRANSITIONS,
    Application,
    ApplicationStatus,
    Vacancy,
    VacancyStatus,
)
from apps.vacancies.permissions import APPLICATIONS, VACANCIES
from apps.vacancies.tests.builders import make_vacancy

pytestmark = pytest.mark.django_db


def test_the_tables_allow_exactly_the_moves_of_the_status_tables():
    assert APPLICATIONS.moves() == {(s, t) for s, targets in ALLOWED_TRANSITIONS.items() for t in targets}
    assert VACANCIES.moves() == {(s, t) for s, targets in VACANCY_TRANSITIONS.items() for t in targets}


# --- applications ------------------------------------------------------------------------------------------

APPLICATION_MOVES = {
    "withdraw": lambda a, actor: services.application_withdraw(application=a, actor=actor),
    "process": lambda a, actor: services.application_process(application=a, actor=actor),
    "schedule_interview": lambda a, actor: services.application_schedule_interview(
        application=a, actor=actor, interview_at=timezone.now() + datetime.timedelta(days=3), place="Kantor P3MI"
    ),
    "accept": lambda a, actor: services.application_accept(application=a, actor=actor),
    "reject": lambda a, actor: services.application_reject(application=a, actor=actor, reason="Belum cocok."),
}
AUDITED_AS = {
    "withdraw": {"application.withdraw"},
    "process": {"application.process"},
    "schedule_interview": {"application.schedule_interview", "application.reschedule_interview"},
    "accept": {"application.accept"},
    "reject": {"application.reject"},
}


def test_every_application_move_works_exactly_when_the_table_allows_it(cpmi, company_staff, spr):
    checked = []
    for status in ApplicationStatus:
        for action, perform in APPLICATION_MOVES.items():
            for actor in (cpmi.user, company_staff):
                # Given an application of the CPMI in `status`, to a fresh vacancy of the company
                vacancy = make_vacancy(company_staff, spr)
                application = Application.objects.create(
                    vacancy=vacancy, candidate=cpmi, applicant=cpmi.user, status=status
                )
                allowed = APPLICATIONS.allows(actor.role, status, action)

                # When `actor` takes `action`
                if allowed:
                    perform(application, actor)
                else:
                    with pytest.raises(ServiceError) as refused:
                        perform(application, actor)

                # Then it moved (with its audit row) exactly when the table allows it; a refusal changed nothing
                application.refresh_from_db()
                audited = AuditEvent.objects.filter(
                    action__in=AUDITED_AS[action], object_id=str(application.pk)
                ).exists()
                if allowed:
                    assert application.status == APPLICATIONS.target(action), (status, action, actor.role)
                    assert (status, application.status) in APPLICATIONS.moves()
                    assert audited, (status, action)
                else:
                    assert application.status == status, (status, action, actor.role)
                    assert not audited, (status, action, actor.role)
                    if actor.role not in APPLICATIONS.roles_for(action):
                        assert isinstance(refused.value, PermissionDenied), (status, action, actor.role)
                checked.append((status, action, actor.role, allowed))

    moves = {(status, APPLICATIONS.target(action)) for status, action, _role, allowed in checked if allowed}
    assert moves == {(s, t) for s, targets in ALLOWED_TRANSITIONS.items() for t in targets}


def test_a_company_moves_only_its_own_applications(cpmi, other_company_staff, spr, company_staff):
    # Given an application waiting at the company
    application = Application.objects.create(
        vacancy=make_vacancy(company_staff, spr), candidate=cpmi, applicant=cpmi.user
    )

    # When staff of another company try every move the table gives their role
    for action in ("process", "schedule_interview", "reject"):
        with pytest.raises(PermissionDenied):
            APPLICATION_MOVES[action](application, other_company_staff)

    # Then nothing moved and nothing was recorded
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SENT
    assert not AuditEvent.objects.filter(object_id=str(application.pk), action__startswith="application.").exists()


# --- vacancies ---------------------------------------------------------------------------------------------

VACANCY_MOVES = {
    "publish": lambda v, actor: services.vacancy_publish(vacancy=v, actor=actor),
    "close": lambda v, actor: services.vacancy_close(vacancy=v, actor=actor),
    "edit": lambda v, actor: services.vacancy_update(vacancy=v, actor=actor, city="Kaohsiung"),
}


def test_every_vacancy_move_works_exactly_when_the_table_allows_it(company_staff, job_seeker, spr):
    checked = []
    for status in VacancyStatus:
        for action, perform in VACANCY_MOVES.items():
            for actor in (company_staff, job_seeker):
                # Given a vacancy of the company in `status`
                vacancy = make_vacancy(company_staff, spr)
                Vacancy.objects.filter(pk=vacancy.pk).update(status=status)
                vacancy.refresh_from_db()
                allowed = VACANCIES.allows(actor.role, status, action)

                # When `actor` takes `action`
                if allowed:
                    perform(vacancy, actor)
                else:
                    with pytest.raises(ServiceError):
                        perform(vacancy, actor)

                # Then it changed (with its audit row) exactly when the table allows it
                vacancy.refresh_from_db()
                audited = AuditEvent.objects.filter(
                    action=f"vacancy.{'update' if action == 'edit' else action}", object_id=str(vacancy.pk)
                ).exists()
                target = VACANCIES.target(action)
                if allowed:
                    assert vacancy.status == (target or status), (status, action)
                    assert (target is None) == (vacancy.city == "Kaohsiung"), (status, action)
                    assert audited, (status, action)
                else:
                    assert vacancy.status == status and vacancy.city == "Taipei", (status, action, actor.role)
                    assert not audited, (status, action, actor.role)
                checked.append((status, action, allowed))

    moves = {(status, VACANCIES.target(a)) for status, a, allowed in checked if allowed and VACANCIES.target(a)}
    assert moves == {(s, t) for s, targets in VACANCY_TRANSITIONS.items() for t in targets}


def test_a_cpmi_applies_only_to_a_published_vacancy(cpmi, vacancy):
    assert VACANCIES.allows(cpmi.user.role, VacancyStatus.PUBLISHED, "apply")
    for status in (VacancyStatus.DRAFT, VacancyStatus.CLOSED):
        Vacancy.objects.filter(pk=vacancy.pk).update(status=status)
        with pytest.raises(ServiceError) as refused:
            services.application_apply(actor=cpmi.user, vacancy=vacancy)
        assert refused.value.code == "vacancy_closed"
    assert not Application.objects.filter(vacancy=vacancy).exists()
