"""Walk tests of the four job-fair tables: role × status × action through the policy and the commands.

Each keeps its own copy of its table: adding or removing a row in `permissions.py` fails here, and so does a
command that does not refuse (with the policy's code) what the policy refuses, or refuses what it allows."""

import datetime

from django.utils import timezone

from apps.jobfairs.models import FairParticipation, FairVacancy
from apps.jobfairs.participation import services as participation
from apps.jobfairs.participation.policy import POLICY as PARTICIPATION_POLICY
from apps.jobfairs.tests.attendance_builders import participate, publish
from apps.vacancies.tests.builders import make_vacancy
from testing import factories
from testing.policy_walk import walk

PAGES = "a page: its view answers 404 (or hides the part) when the policy refuses"

PARTICIPATIONS_EXPECTED = {
    "jobfair_organiser": {"requested": {"accept", "reject"}},
    "agency_staff": {
        "not_requested": {"view", "request"},
        "requested": {"view", "withdraw"},
        "accepted": {"view", "withdraw", "publish_vacancy", "remove_vacancy", "manage_applicants", "edit_faq"},
        "rejected": {"view"},
        "withdrawn": {"view"},
    },
}


def test_participations_walk_every_role_status_and_action(organiser, company, owner, spr):
    factories.organiser_profile(organiser)
    staff = owner
    actors = {"jobfair_organiser": organiser, "agency_staff": staff}

    def remove(p, actor):
        entry = publish(p.fair, p, make_vacancy(owner, spr)) if p.pk else FairVacancy(fair=p.fair)
        return participation.fair_vacancy_remove(fair=p.fair, actor=actor, entry=entry)

    def make(role, status):
        start = timezone.now() + datetime.timedelta(days=3)
        fair = factories.job_fair(
            organiser=organiser, status="published", starts_at=start, ends_at=start + datetime.timedelta(hours=8)
        )
        if status == "not_requested":
            return FairParticipation(fair=fair, agency=company), actors[role]
        return participate(fair, company, staff, status=status), actors[role]

    performed = walk(
        PARTICIPATION_POLICY,
        expected=PARTICIPATIONS_EXPECTED,
        make=make,
        perform={
            "request": lambda p, actor: participation.participation_request(fair=p.fair, actor=actor),
            "accept": lambda p, actor: participation.participation_accept(participation=p, actor=actor),
            "reject": lambda p, actor: participation.participation_reject(participation=p, actor=actor, reason="Penuh"),
            "withdraw": lambda p, actor: participation.participation_withdraw(fair=p.fair, actor=actor),
            "edit_faq": lambda p, actor: participation.faq_add(
                fair=p.fair, actor=actor, question="Biaya?", answer="Tidak."
            ),
            "publish_vacancy": lambda p, actor: participation.fair_vacancy_add(
                fair=p.fair, actor=actor, vacancy=make_vacancy(owner, spr)
            ),
            "remove_vacancy": remove,
        },
        not_performed={
            "view": PAGES,
            "manage_applicants": "pages (the fair's applicants; the pipeline itself is the vacancies app's)",
        },
    )
    assert performed == 8
