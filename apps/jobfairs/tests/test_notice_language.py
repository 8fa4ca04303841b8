"""What the job fair tells someone is written in that person's language, not in the language of whoever acted:
an organiser working in English accepting a company, a company's English-speaking staff writing to a job seeker,
the worker (no request at all) reminding followers to check in."""

import datetime

import pytest
from django.utils import timezone, translation

from apps.jobfairs.attendance import services as attendance
from apps.jobfairs.conversations import services as conversations
from apps.jobfairs.models import FairFollower, FairParticipation
from apps.jobfairs.participation import services as participation_services
from apps.messaging.models import Notification
from testing import factories
from testing.outbox import last_text_to

pytestmark = pytest.mark.django_db


def speaks_english(user):
    user.language = "en"
    user.save(update_fields=["language"])
    return user


@pytest.fixture
def fair(organiser):
    factories.organiser_profile(organiser)
    starts = timezone.now() + datetime.timedelta(days=3)
    return factories.job_fair(organiser=organiser, status="published", starts_at=starts, max_companies=2)


def test_an_english_organiser_accepting_tells_each_member_in_their_own_language(
    fair, organiser, owner, company, django_capture_on_commit_callbacks
):
    speaks_english(organiser)
    english_staff = speaks_english(factories.agency_member(agency=company, role="staff", full_name="Joko Staf"))
    asked = participation_services.participation_request(fair=fair, actor=owner)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        participation_services.participation_accept(participation=asked, actor=organiser)

    indonesian = Notification.objects.get(user=owner)
    assert indonesian.title == "Diterima di job fair"
    assert indonesian.body.startswith(f"Perusahaan Anda diterima di {fair.name}.")
    assert Notification.objects.get(user=english_staff).title == "Accepted at the job fair"


def test_a_message_from_an_english_company_is_announced_in_the_job_seekers_language(
    fair, owner, company, job_seeker, django_capture_on_commit_callbacks
):
    fair.starts_at = timezone.now() - datetime.timedelta(hours=1)
    fair.save(update_fields=["starts_at"])
    FairParticipation.objects.create(fair=fair, agency=company, status="accepted", requested_by=owner)
    FairFollower.objects.create(fair=fair, user=job_seeker, checked_in_at=timezone.now())
    speaks_english(owner)
    conversation, _ = conversations.conversation_start(actor=owner, fair=fair, with_side="seeker", seeker=job_seeker)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        conversations.message_send(actor=owner, conversation=conversation, body="Hello, are you available?")
    notice = Notification.objects.get(user=job_seeker)
    assert (notice.title, notice.body) == (f"Pesan baru dari {company.name}", f"Job fair {fair.name}")


def test_the_check_in_reminder_names_the_month_in_the_followers_language(fair, job_seeker, other_job_seeker):
    speaks_english(other_job_seeker)
    for user in (job_seeker, other_job_seeker):
        attendance.fair_follow(fair=fair, actor=user, now=fair.starts_at - datetime.timedelta(days=1))
    fair.starts_at = fair.starts_at.replace(month=12, day=1)
    fair.ends_at = fair.starts_at + datetime.timedelta(hours=8)
    fair.save(update_fields=["starts_at", "ends_at"])
    with translation.override("en"):  # whatever language the worker happens to run in
        sent = attendance.fair_check_in_reminders_send(now=fair.starts_at - datetime.timedelta(hours=1))
    assert sent == 2
    assert "Desember" in Notification.objects.get(user=job_seeker).body
    assert "Desember" in last_text_to(job_seeker.phone, channel="sms")
    assert "December" in Notification.objects.get(user=other_job_seeker).body
