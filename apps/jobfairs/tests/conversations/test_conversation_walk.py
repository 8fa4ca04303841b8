"""Walk tests of the four job-fair tables: role × status × action through the policy and the commands.

Each keeps its own copy of its table: adding or removing a row in `permissions.py` fails here, and so does a
command that does not refuse (with the policy's code) what the policy refuses, or refuses what it allows."""

from django.utils import timezone

from apps.accounts.models import AccountType
from apps.jobfairs.conversations import services as conversations
from apps.jobfairs.conversations.policy import POLICY as CONVERSATION_POLICY
from apps.jobfairs.models import Conversation, FairFollower
from apps.jobfairs.tests.attendance_builders import participate
from testing import factories
from testing.policy_walk import walk

PAGES = "a page: its view answers 404 (or hides the part) when the policy refuses"

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
