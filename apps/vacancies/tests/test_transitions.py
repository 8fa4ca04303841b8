"""The vacancy and application tables, walked pair by pair through the services: every move the tables allow
works for the role they name, every other move is refused and changes nothing, and which moves write an
audit row."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
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
from apps.vacancies.policy import APPLICATION_POLICY, VACANCY_POLICY
from apps.vacancies.tests.builders import make_vacancy
from testing import factories
from testing.policy_walk import walk

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


# The application table as this test expects it: a change to apps/vacancies/permissions.py must be made here too.
_FINAL = {"accepted": {"view"}, "rejected": {"view"}, "withdrawn": {"view"}}
APPLICATIONS_EXPECTED = {
    "job_seeker": {
        "sent": {"view", "withdraw"},
        "processing": {"view", "withdraw"},
        "interview": {"view", "withdraw"},
        **_FINAL,
    },
    "agency_staff": {
        "sent": {"view", "process", "schedule_interview", "reject"},
        "processing": {"view", "schedule_interview", "accept", "reject"},
        "interview": {"view", "schedule_interview", "accept", "reject"},
        **_FINAL,
        "accepted": {"view", "draft_agreement"},
    },
}


def _audited(action, perform):
    def command(obj, actor):
        perform(obj, actor)
        assert AuditEvent.objects.filter(action__in=AUDITED_AS[action], object_id=str(obj.pk)).exists(), action

    return command


def test_application_walk_every_role_status_and_action_through_the_policy_and_the_services(
    cpmi, company_staff, spr, officer
):
    from apps.agreements.services import agreement_create_draft

    people = {"job_seeker": cpmi.user, "agency_staff": company_staff, "officer": officer, None: AnonymousUser()}

    def make(role, status):
        application = Application.objects.create(
            vacancy=make_vacancy(company_staff, spr), candidate=cpmi, applicant=cpmi.user, status=status
        )
        return application, people[role]

    performed = walk(
        APPLICATION_POLICY,
        expected=APPLICATIONS_EXPECTED,
        make=make,
        roles=[*APPLICATIONS_EXPECTED, "officer", None],
        perform={
            **{action: _audited(action, perform) for action, perform in APPLICATION_MOVES.items()},
            "draft_agreement": lambda a, actor: agreement_create_draft(application=a, actor=actor),
        },
        not_performed={"view": "a page: test_views.py"},
    )
    assert performed == 3 + 3 * 3 + 1  # withdraw ×3; three company moves in each open status; the PP


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


# The vacancy table as this test expects it: a change to apps/vacancies/permissions.py must be made here too.
_PUBLIC = {"published": {"view"}}
VACANCIES_EXPECTED = {
    None: _PUBLIC,
    "job_seeker": {"published": {"view", "apply"}},
    "agency_staff": {
        "draft": {"manage", "edit", "publish", "close"},
        "published": {"view", "manage", "edit", "close"},
        "closed": {"manage"},
    },
    "jobfair_organiser": _PUBLIC,
    "central_admin": _PUBLIC,
    **dict.fromkeys(("officer", "division_head", "secretary", "office_head"), _PUBLIC),
}


def test_vacancy_walk_every_role_status_and_action_through_the_policy_and_the_services(company_staff, cpmi, spr):
    people = {
        None: AnonymousUser(),
        "job_seeker": cpmi.user,
        "agency_staff": company_staff,
        "jobfair_organiser": factories.user(account_type="jobfair_organiser"),
        "central_admin": factories.user(account_type="central_admin"),
        **{role: factories.staff(position=role) for role in ("officer", "division_head", "secretary", "office_head")},
    }

    def make(role, status):
        vacancy = make_vacancy(company_staff, spr)
        Vacancy.objects.filter(pk=vacancy.pk).update(status=status)
        vacancy.refresh_from_db()
        return vacancy, people[role]

    def audited(name, perform):
        def command(vacancy, actor):
            perform(vacancy, actor)
            assert AuditEvent.objects.filter(action=name, object_id=str(vacancy.pk)).exists(), name

        return command

    performed = walk(
        VACANCY_POLICY,
        expected=VACANCIES_EXPECTED,
        make=make,
        perform={
            "publish": audited("vacancy.publish", VACANCY_MOVES["publish"]),
            "close": audited("vacancy.close", VACANCY_MOVES["close"]),
            "edit": audited("vacancy.update", VACANCY_MOVES["edit"]),
            "apply": lambda v, actor: services.application_apply(actor=actor, vacancy=v),
        },
        not_performed={"view": "the public page: test_views.py", "manage": "the company's pages: test_views.py"},
    )
    assert performed == 3 + 2 + 1  # edit, publish, close a draft; edit, close a published one; apply


def test_who_may_apply_is_the_policys_answer_on_the_page_and_in_the_service(vacancy, other_job_seeker, cpmi):
    # Given a job seeker who is not a CPMI, and a CPMI who applied already
    services.application_apply(actor=cpmi.user, vacancy=vacancy)
    for person, code in ((other_job_seeker, "not_cpmi"), (cpmi.user, "already_applied")):
        decision = VACANCY_POLICY.decide(vacancy, person, "apply")

        # Then the service refuses with the policy's code, and the page shows its state for it
        assert decision.code == code and decision.offered
        with pytest.raises(ServiceError) as refused:
            services.application_apply(actor=person, vacancy=vacancy)
        assert refused.value.code == code


def test_a_cpmi_applies_only_to_a_published_vacancy(cpmi, vacancy):
    assert VACANCIES.allows(cpmi.user.role, VacancyStatus.PUBLISHED, "apply")
    for status in (VacancyStatus.DRAFT, VacancyStatus.CLOSED):
        Vacancy.objects.filter(pk=vacancy.pk).update(status=status)
        with pytest.raises(ServiceError) as refused:
            services.application_apply(actor=cpmi.user, vacancy=vacancy)
        assert refused.value.code == "vacancy_closed"
    assert not Application.objects.filter(vacancy=vacancy).exists()
