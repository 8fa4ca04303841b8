"""Walk tests of the four job-fair tables: role × status × action through the policy and the commands.

Each keeps its own copy of its table: adding or removing a row in `permissions.py` fails here, and so does a
command that does not refuse (with the policy's code) what the policy refuses, or refuses what it allows."""

import datetime

import pytest
from django.utils import timezone

from apps.accounts.models import AccountType
from apps.jobfairs import services as fair_services
from apps.jobfairs.attendance import services as attendance
from apps.jobfairs.attendance.policy import POLICY as ATTENDANCE_POLICY
from apps.jobfairs.attendance.policy import follower_for
from apps.jobfairs.conversations import services as conversations
from apps.jobfairs.conversations.policy import POLICY as CONVERSATION_POLICY
from apps.jobfairs.models import Conversation, FairFollower, FairParticipation
from apps.jobfairs.participation import services as participation
from apps.jobfairs.participation.policy import POLICY as PARTICIPATION_POLICY
from apps.jobfairs.policy import POLICY as FAIR_POLICY
from apps.jobfairs.tests.attendance_builders import participate
from testing import factories
from testing.policy_walk import walk

PAGES = "a page: its view answers 404 (or hides the part) when the policy refuses"

FAIRS_EXPECTED = {
    "jobfair_organiser": {
        "draft": {"view", "edit", "submit", "cancel", "banner"},
        "returned": {"view", "edit", "submit", "cancel", "banner"},
        "submitted": {"view", "cancel", "banner"},
        "verified": {"view", "publish", "cancel", "stats", "banner"},
        "published": {"view", "cancel", "stats", "banner"},
        "cancelled": {"view", "banner"},
    },
    "central_admin": {
        "draft": {"banner"},
        "submitted": {"review", "verify", "return", "banner"},
        "returned": {"review", "banner"},
        "verified": {"review", "stats", "banner"},
        "published": {"review", "stats", "banner"},
        "cancelled": {"review", "banner"},
    },
}


def test_fairs_walk_every_role_status_and_action(organiser, central_admin):
    factories.organiser_profile(organiser)
    actors = {"jobfair_organiser": organiser, "central_admin": central_admin}

    def make(role, status):
        return factories.job_fair(organiser=organiser, status=status), actors[role]

    performed = walk(
        FAIR_POLICY,
        expected=FAIRS_EXPECTED,
        make=make,
        perform={
            "edit": lambda fair, actor: fair_services.fair_update(fair=fair, actor=actor, name="Nama baru"),
            "submit": lambda fair, actor: fair_services.fair_submit(fair=fair, actor=actor),
            "verify": lambda fair, actor: fair_services.fair_verify(fair=fair, actor=actor),
            "return": lambda fair, actor: fair_services.fair_return(fair=fair, actor=actor, reason="Lengkapi."),
            "publish": lambda fair, actor: fair_services.fair_publish(fair=fair, actor=actor),
            "cancel": lambda fair, actor: fair_services.fair_cancel(fair=fair, actor=actor),
        },
        not_performed={"view": PAGES, "review": PAGES, "stats": PAGES, "banner": PAGES},
    )
    assert performed == 12


def test_fairs_walk_another_organisers_fair_is_refused_as_not_theirs(organiser, other_organiser):
    fair = factories.job_fair(organiser=other_organiser, status="draft")
    actions = FAIR_POLICY.available_actions(fair, organiser)
    assert actions.allowed() == frozenset() and not actions.offered()


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


def test_participations_walk_every_role_status_and_action(organiser):
    factories.organiser_profile(organiser)
    company = factories.agency()
    staff = factories.agency_member(agency=company)
    actors = {"jobfair_organiser": organiser, "agency_staff": staff}

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
        },
        not_performed={
            "view": PAGES,
            "publish_vacancy": "needs a vacancy of the company; the commands are tested in participation/test_services",
            "remove_vacancy": "needs a vacancy in the fair; tested in participation/test_services",
            "manage_applicants": "needs an application in the fair; tested in participation/test_views",
        },
    )
    assert performed == 6


ATTENDANCE_EXPECTED = {
    "job_seeker": {
        "not_following": {"follow"},
        "following": {"view", "check_in"},
        "checked_in": {"view", "visit_stands", "apply"},
    }
}


def test_attendance_walk_every_status_and_action(organiser, job_seeker):
    def make(role, status):
        fair = factories.running_fair(organiser=organiser)
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
        },
        not_performed={
            "view": PAGES,
            "visit_stands": PAGES,
            "apply": "needs a vacancy of an accepted company; fair_apply: attendance/test_attendance_services",
        },
    )
    assert performed == 2


@pytest.mark.parametrize("stranger", ["officer", "organiser"])
def test_attendance_walk_refuses_other_roles_without_a_button(organiser, stranger, central_admin):
    fair = factories.running_fair(organiser=organiser)
    actor = factories.staff(position="officer") if stranger == "officer" else organiser
    actions = ATTENDANCE_POLICY.available_actions(follower_for(fair, actor), actor)
    assert actions.allowed() == frozenset() and not actions.offered()


CONVERSATIONS_EXPECTED = {
    role: {"open": {"view", "start", "send"}, "closed": {"view"}}
    for role in ("jobfair_organiser", "agency_staff", "job_seeker")
}


def test_conversations_walk_every_role_status_and_action(organiser, job_seeker):
    company = factories.agency()
    staff = factories.agency_member(agency=company)
    actors = {"jobfair_organiser": organiser, "agency_staff": staff, "job_seeker": job_seeker}

    def make(role, status):
        fair = factories.running_fair(organiser=organiser)
        participate(fair, company, staff)
        FairFollower.objects.create(fair=fair, user=job_seeker, checked_in_at=timezone.now())
        if role == "jobfair_organiser":
            conversation = Conversation.objects.create(
                fair=fair, kind="organiser_company", agency=company, started_by=organiser
            )
        else:
            conversation = Conversation.objects.create(
                fair=fair, kind="company_seeker", agency=company, seeker=job_seeker, started_by=job_seeker
            )
        if status == "closed":
            fair.status = "cancelled"
            fair.save(update_fields=["status"])
        return conversation, actors[role]

    def start(conversation, actor):
        other = "company" if actor.account_type != AccountType.AGENCY_STAFF else "seeker"
        return conversations.conversation_start(
            actor=actor, fair=conversation.fair, with_side=other, agency=company, seeker=job_seeker
        )

    performed = walk(
        CONVERSATION_POLICY,
        expected=CONVERSATIONS_EXPECTED,
        make=make,
        perform={
            "view": lambda c, actor: conversations.conversation_mark_read(actor=actor, conversation=c),
            "send": lambda c, actor: conversations.message_send(actor=actor, conversation=c, body="Halo"),
            "start": start,
        },
    )
    assert performed == 3 * 3 + 3


def test_conversations_walk_a_stranger_is_not_a_side(organiser, other_organiser, job_seeker):
    fair = factories.running_fair(organiser=organiser)
    FairFollower.objects.create(fair=fair, user=job_seeker)
    conversation = Conversation.objects.create(
        fair=fair, kind="organiser_seeker", seeker=job_seeker, started_by=organiser
    )
    decision = CONVERSATION_POLICY.decide(conversation, other_organiser, "send")
    assert decision.denied and decision.code == "permission_denied"
