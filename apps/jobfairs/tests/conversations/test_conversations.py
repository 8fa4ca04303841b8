"""Conversations in a job fair: who may talk to whom, when, and what a message may carry."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from apps.jobfairs.conversations import selectors as conversation_selectors
from apps.jobfairs.conversations import services as conversations
from apps.jobfairs.models import Conversation, FairFollower, FairParticipation, Message
from apps.jobfairs.tests.builders import png_bytes
from apps.messaging.models import Notification, OutboundMessage
from testing import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def fair(organiser):
    factories.organiser_profile(organiser)
    return factories.running_fair(organiser=organiser, name="Job Fair Depok Berlangsung")


@pytest.fixture
def staff(company):
    return factories.agency_member(agency=company, role="staff", full_name="Joko Staf")


@pytest.fixture
def accepted(fair, company, owner):
    return FairParticipation.objects.create(fair=fair, agency=company, status="accepted", requested_by=owner)


@pytest.fixture
def checked_in(fair, job_seeker):
    return FairFollower.objects.create(fair=fair, user=job_seeker, checked_in_at=timezone.now())


def _move(fair, *, starts_in_hours: float, hours: float = 8):
    fair.starts_at = timezone.now() + datetime.timedelta(hours=starts_in_hours)
    fair.ends_at = fair.starts_at + datetime.timedelta(hours=hours)
    fair.save()


def test_organiser_and_company_talk_and_every_member_of_the_company_reads_it(
    fair, organiser, accepted, owner, staff, other_company
):
    # Given the organiser starts a conversation with an accepted company and writes
    conversation, created = conversations.conversation_start(
        actor=organiser, fair=fair, with_side="company", agency=accepted.agency
    )
    conversations.message_send(actor=organiser, conversation=conversation, body="Selamat datang di job fair.")

    # Then both members of the company see it, one unread message each
    assert created
    for member in (owner, staff):
        assert list(conversation_selectors.visible_conversations(member)) == [conversation]
        assert conversation_selectors.unread_total(member) == 1
    # and the staff member answers for the company: the owner does not count a colleague's message as unread
    conversations.message_send(actor=staff, conversation=conversation, body="Terima kasih, kami siap.")
    assert conversation_selectors.unread_total(owner) == 1
    assert conversation_selectors.unread_total(organiser) == 1
    # A member of another company sees nothing of it
    stranger = factories.agency_member(agency=other_company, role="owner")
    assert list(conversation_selectors.visible_conversations(stranger)) == []


def test_starting_twice_opens_the_same_conversation(fair, organiser, accepted, owner):
    first, created = conversations.conversation_start(actor=owner, fair=fair, with_side="organiser")
    again, created_again = conversations.conversation_start(
        actor=organiser, fair=fair, with_side="company", agency=accepted.agency
    )
    assert created and not created_again
    assert first == again
    assert Conversation.objects.count() == 1


def test_a_company_that_only_asked_to_join_may_talk_to_the_organiser_but_not_a_rejected_one(fair, organiser, owner):
    participation = FairParticipation.objects.create(
        fair=fair, agency=factories.agency(), status="requested", requested_by=owner
    )
    conversations.conversation_start(actor=organiser, fair=fair, with_side="company", agency=participation.agency)
    rejected = FairParticipation.objects.create(
        fair=fair, agency=factories.agency(), status="rejected", requested_by=owner
    )
    with pytest.raises(ServiceError) as refused:
        conversations.conversation_start(actor=organiser, fair=fair, with_side="company", agency=rejected.agency)
    assert refused.value.code == "company_not_in_fair"


def test_organiser_talks_only_to_followers_and_only_in_their_own_fair(fair, organiser, job_seeker, other_job_seeker):
    FairFollower.objects.create(fair=fair, user=job_seeker)  # following, not checked in: fine for the organiser
    conversation, _ = conversations.conversation_start(
        actor=organiser, fair=fair, with_side="seeker", seeker=job_seeker
    )
    assert conversation.kind == "organiser_seeker"

    with pytest.raises(ServiceError) as refused:
        conversations.conversation_start(actor=organiser, fair=fair, with_side="seeker", seeker=other_job_seeker)
    assert "tidak mengikuti" in refused.value.message

    someone_else = factories.user(account_type="jobfair_organiser")
    with pytest.raises(PermissionDenied):
        conversations.conversation_start(actor=someone_else, fair=fair, with_side="seeker", seeker=job_seeker)


def test_job_seeker_talks_to_a_company_while_the_fair_runs(
    fair, accepted, owner, job_seeker, checked_in, django_capture_on_commit_callbacks
):
    conversation, _ = conversations.conversation_start(
        actor=job_seeker, fair=fair, with_side="company", agency=accepted.agency
    )
    with django_capture_on_commit_callbacks(execute=True):
        message = conversations.message_send(
            actor=job_seeker, conversation=conversation, body="Apakah ada mess karyawan?"
        )
    assert message.sender_side == "seeker"
    assert conversation_selectors.unread_total(owner) == 1
    # The company is told once in the app, not by SMS or e-mail
    assert Notification.objects.filter(user=owner, url__contains=f"/percakapan/{conversation.pk}/").count() == 1
    assert not OutboundMessage.objects.filter(user=owner).exists()


def test_job_seeker_messaging_a_company_before_the_fair_starts_is_refused(fair, accepted, job_seeker, checked_in):
    _move(fair, starts_in_hours=3)
    with pytest.raises(ServiceError) as refused:
        conversations.conversation_start(actor=job_seeker, fair=fair, with_side="company", agency=accepted.agency)
    assert refused.value.code == "fair_not_started"
    assert "saat job fair sedang berlangsung" in refused.value.message
    assert Conversation.objects.count() == 0


def test_job_seeker_messaging_a_company_after_the_fair_ends_is_refused(fair, accepted, job_seeker, checked_in):
    # Given a conversation started while the fair ran
    conversation, _ = conversations.conversation_start(
        actor=job_seeker, fair=fair, with_side="company", agency=accepted.agency
    )
    # When the fair has ended
    _move(fair, starts_in_hours=-10)
    # Then neither the job seeker nor the company can write into it any more
    for actor in (job_seeker, accepted.requested_by):
        with pytest.raises(ServiceError) as refused:
            conversations.message_send(actor=actor, conversation=conversation, body="Halo?")
        assert refused.value.code == "fair_over"
        assert "sudah selesai" in refused.value.message
    assert Message.objects.count() == 0


def test_job_seeker_must_check_in_or_apply_before_talking_to_a_company(fair, accepted, job_seeker):
    FairFollower.objects.create(fair=fair, user=job_seeker)
    with pytest.raises(ServiceError) as refused:
        conversations.conversation_start(actor=job_seeker, fair=fair, with_side="company", agency=accepted.agency)
    assert refused.value.code == "seeker_not_checked_in"


def test_job_seeker_cannot_talk_to_a_company_not_accepted(fair, owner, job_seeker, checked_in):
    waiting = FairParticipation.objects.create(
        fair=fair, agency=factories.agency(), status="requested", requested_by=owner
    )
    with pytest.raises(ServiceError) as refused:
        conversations.conversation_start(actor=job_seeker, fair=fair, with_side="company", agency=waiting.agency)
    assert refused.value.code == "company_not_in_fair"


def test_a_stranger_cannot_post_into_someone_elses_conversation(
    fair, organiser, accepted, job_seeker, other_job_seeker, other_company
):
    conversation, _ = conversations.conversation_start(
        actor=organiser, fair=fair, with_side="company", agency=accepted.agency
    )
    strangers = [
        other_job_seeker,
        factories.agency_member(agency=other_company, role="owner"),
        factories.user(account_type="jobfair_organiser"),
        factories.staff(position="officer"),
    ]
    for stranger in strangers:
        with pytest.raises(PermissionDenied) as refused:
            conversations.message_send(actor=stranger, conversation=conversation, body="Saya menyusup.")
        assert "bukan peserta" in refused.value.message
        with pytest.raises(PermissionDenied):
            conversations.conversation_mark_read(actor=stranger, conversation=conversation)
    assert Message.objects.count() == 0


def test_an_empty_or_overlong_message_is_refused(fair, organiser, accepted):
    conversation, _ = conversations.conversation_start(
        actor=organiser, fair=fair, with_side="company", agency=accepted.agency
    )
    with pytest.raises(ServiceError) as refused:
        conversations.message_send(actor=organiser, conversation=conversation, body="   \n ")
    assert refused.value.code == "empty_message"
    assert refused.value.field == "body"
    with pytest.raises(ServiceError) as refused:
        conversations.message_send(actor=organiser, conversation=conversation, body="x" * 4001)
    assert refused.value.code == "message_too_long"
    assert Message.objects.count() == 0


def test_a_bad_attachment_is_refused_and_a_good_one_kept_under_a_random_name(fair, organiser, accepted):
    conversation, _ = conversations.conversation_start(
        actor=organiser, fair=fair, with_side="company", agency=accepted.agency
    )
    fake = SimpleUploadedFile("jadwal.pdf", b"MZ\x90\x00 bukan pdf", content_type="application/pdf")
    with pytest.raises(ServiceError) as refused:
        conversations.message_send(actor=organiser, conversation=conversation, body="Jadwal", attachment=fake)
    assert refused.value.field == "attachment"
    assert "bukan tipe yang diizinkan" in refused.value.message
    renamed = SimpleUploadedFile("denah.pdf", png_bytes(), content_type="application/pdf")
    with pytest.raises(ServiceError) as refused:
        conversations.message_send(actor=organiser, conversation=conversation, body="", attachment=renamed)
    assert refused.value.code == "file_extension_mismatch"
    assert Message.objects.count() == 0

    good = SimpleUploadedFile("Jadwal stand.pdf", PDF, content_type="application/pdf")
    message = conversations.message_send(actor=organiser, conversation=conversation, body="", attachment=good)
    assert message.attachment_name == "Jadwal stand.pdf"
    assert message.attachment_type == "application/pdf"
    assert message.attachment.name.startswith(f"jobfairs/conversations/{conversation.pk}/")
    assert "Jadwal" not in message.attachment.name


def test_reading_clears_unread_and_is_audited_only_when_something_was_unread(
    fair, organiser, accepted, owner, django_capture_on_commit_callbacks
):
    conversation, _ = conversations.conversation_start(
        actor=organiser, fair=fair, with_side="company", agency=accepted.agency
    )
    with django_capture_on_commit_callbacks(execute=True):
        conversations.message_send(actor=organiser, conversation=conversation, body="Satu")
    with django_capture_on_commit_callbacks(execute=True):
        conversations.message_send(actor=organiser, conversation=conversation, body="Dua")
    assert conversation_selectors.unread_total(owner) == 2
    # One notice for the burst, not one per message
    assert Notification.objects.filter(user=owner).count() == 1

    assert conversations.conversation_mark_read(actor=owner, conversation=conversation) is True
    assert conversation_selectors.unread_total(owner) == 0
    reads = AuditEvent.objects.filter(action="jobfair.conversation_read").count()
    assert conversations.conversation_mark_read(actor=owner, conversation=conversation) is False
    assert AuditEvent.objects.filter(action="jobfair.conversation_read").count() == reads


def test_sending_and_starting_are_audited_without_the_text(fair, organiser, accepted):
    conversation, _ = conversations.conversation_start(
        actor=organiser, fair=fair, with_side="company", agency=accepted.agency
    )
    conversations.message_send(actor=organiser, conversation=conversation, body="Rahasia kecil")
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions[-2:] == ["jobfair.conversation_start", "jobfair.message_send"]
    event = AuditEvent.objects.get(action="jobfair.message_send")
    assert "Rahasia" not in str(event.data)


def test_no_conversation_in_a_fair_that_is_not_published(organiser, owner, company):
    factories.organiser_profile(organiser)
    draft = factories.job_fair(organiser=organiser, status="draft")
    FairParticipation.objects.create(fair=draft, agency=company, status="accepted", requested_by=owner)
    with pytest.raises(ServiceError) as refused:
        conversations.conversation_start(actor=organiser, fair=draft, with_side="company", agency=company)
    assert refused.value.code == "fair_not_published"


def test_officers_and_the_central_admin_have_no_conversations(fair, officer, central_admin):
    for person in (officer, central_admin):
        assert conversation_selectors.unread_total(person) == 0
        with pytest.raises(PermissionDenied):
            conversations.conversation_start(actor=person, fair=fair, with_side="organiser")
