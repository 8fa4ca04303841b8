"""Walk tests of the four job-fair tables: role × status × action through the policy and the commands.

Each keeps its own copy of its table: adding or removing a row in `permissions.py` fails here, and so does a
command that does not refuse (with the policy's code) what the policy refuses, or refuses what it allows."""

import pytest
from django.utils import timezone

from apps.jobfairs.attendance import services as attendance
from apps.jobfairs.attendance.policy import POLICY as ATTENDANCE_POLICY
from apps.jobfairs.attendance.policy import follower_for
from apps.jobfairs.models import FairFollower
from apps.jobfairs.tests.attendance_builders import participate, publish
from testing import factories
from testing.policy_walk import walk

PAGES = "a page: its view answers 404 (or hides the part) when the policy refuses"

ATTENDANCE_EXPECTED = {
    "job_seeker": {
        "not_following": {"follow"},
        "following": {"view", "check_in"},
        "checked_in": {"view", "visit_stands", "apply"},
    }
}


def test_attendance_walk_every_status_and_action(organiser, fair_company, fair_staff, vacancy, cpmi):
    job_seeker = cpmi.user

    def make(role, status):
        fair = factories.running_fair(organiser=organiser)
        publish(fair, participate(fair, fair_company, fair_staff), vacancy)
        if status == "not_following":
            return follower_for(fair, job_seeker), job_seeker
        checked_in = timezone.now() if status == "checked_in" else None
        return FairFollower.objects.create(fair=fair, user=job_seeker, checked_in_at=checked_in), job_seeker

    performed = walk(
        ATTENDANCE_POLICY,
        expected=ATTENDANCE_EXPECTED,
        make=make,
        perform={
            "follow": lambda f, actor: attendance.fair_follow(fair=f.fair, actor=actor),
            "check_in": lambda f, actor: attendance.fair_check_in(fair=f.fair, actor=actor),
            "apply": lambda f, actor: attendance.fair_apply(fair=f.fair, vacancy=vacancy, actor=actor),
        },
        not_performed={
            "view": PAGES,
            "visit_stands": PAGES,
        },
    )
    assert performed == 3


@pytest.mark.parametrize("stranger", ["officer", "organiser"])
def test_attendance_walk_refuses_other_roles_without_a_button(organiser, stranger, central_admin):
    fair = factories.running_fair(organiser=organiser)
    actor = factories.staff(position="officer") if stranger == "officer" else organiser
    actions = ATTENDANCE_POLICY.available_actions(follower_for(fair, actor), actor)
    assert actions.allowed() == frozenset() and not actions.offered()
