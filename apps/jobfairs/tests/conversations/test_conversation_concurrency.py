"""Both sides starting the same conversation at the same moment get the one conversation (PostgreSQL only)."""

import pytest
from django.utils import timezone

from apps.jobfairs.conversations import services as conversations
from apps.jobfairs.models import Conversation, FairFollower, FairParticipation, Message
from testing import factories
from testing.concurrency import run_together

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


def test_both_sides_start_the_same_conversation_at_once(organiser, company, owner):
    factories.organiser_profile(organiser)
    fair = factories.running_fair(organiser=organiser)
    FairParticipation.objects.create(fair=fair, agency=company, status="accepted", requested_by=owner)

    results = run_together(
        lambda: conversations.conversation_start(actor=organiser, fair=fair, with_side="company", agency=company),
        lambda: conversations.conversation_start(actor=owner, fair=fair, with_side="organiser"),
    )

    assert all(isinstance(result, tuple) for result in results), results
    assert results[0][0].pk == results[1][0].pk
    assert sorted(created for _conversation, created in results) == [False, True]
    assert Conversation.objects.count() == 1


def test_messages_sent_at_once_are_all_kept_in_order(organiser, company, owner, job_seeker):
    factories.organiser_profile(organiser)
    fair = factories.running_fair(organiser=organiser)
    FairParticipation.objects.create(fair=fair, agency=company, status="accepted", requested_by=owner)
    FairFollower.objects.create(fair=fair, user=job_seeker, checked_in_at=timezone.now())
    conversation, _ = conversations.conversation_start(actor=job_seeker, fair=fair, with_side="company", agency=company)

    results = run_together(
        *(
            lambda n=n, who=who: conversations.message_send(actor=who, conversation=conversation, body=f"Pesan {n}")
            for n, who in enumerate([job_seeker, owner] * 3)
        )
    )

    assert not [r for r in results if isinstance(r, Exception)], results
    assert Message.objects.filter(conversation=conversation).count() == 6
    conversation.refresh_from_db()
    latest = Message.objects.filter(conversation=conversation).order_by("-created_at", "-pk").first()
    assert conversation.last_message_at == latest.created_at
