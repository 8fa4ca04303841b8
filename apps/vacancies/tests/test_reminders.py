"""The interview reminder: interviews tomorrow (Asia/Jakarta) are reminded once."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from apps.messaging.models import Notification
from apps.vacancies import services, tasks
from apps.vacancies.models import Application
from testing.outbox import received

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")
TITLE = "Pengingat wawancara besok"


def at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localtime(timezone.now(), JAKARTA).date() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=JAKARTA)


def schedule(application, actor, when):
    return services.application_schedule_interview(
        application=application, actor=actor, interview_at=when, place="Kantor PT, Jakarta"
    )


def reminders(user) -> int:
    return Notification.objects.filter(user=user, title=TITLE).count()


def test_an_interview_tomorrow_is_reminded_once(application, company_staff, cpmi):
    schedule(application, company_staff, at(1, 9))
    assert services.interview_reminders_send() == 1
    assert services.interview_reminders_send() == 0
    assert reminders(cpmi.user) == 1
    application.refresh_from_db()
    assert application.interview_reminder_sent_at is not None
    notification = Notification.objects.get(user=cpmi.user, title=TITLE)
    assert "Kantor PT, Jakarta" in notification.body
    assert notification.url == f"/lamaran/{application.pk}/"
    assert any("Pengingat wawancara" in m.body for m in received(user=cpmi.user))


@pytest.mark.parametrize("days", [2, 3])
def test_later_interviews_are_not_reminded_yet(application, company_staff, cpmi, days):
    schedule(application, company_staff, at(days, 9))
    assert services.interview_reminders_send() == 0
    assert reminders(cpmi.user) == 0


def test_a_moved_interview_is_reminded_again(application, company_staff, cpmi):
    schedule(application, company_staff, at(1, 9))
    services.interview_reminders_send()
    schedule(application, company_staff, at(1, 15))
    assert services.interview_reminders_send() == 1
    assert reminders(cpmi.user) == 2


def test_a_decided_application_is_not_reminded(application, company_staff, cpmi):
    schedule(application, company_staff, at(1, 9))
    services.application_reject(application=application, actor=company_staff, reason="Formasi sudah terisi")
    assert services.interview_reminders_send() == 0


def test_tomorrow_is_counted_in_jakarta_time(application, company_staff, cpmi):
    """At 00:30 WIB (17:30 UTC the day before), "tomorrow" is the next Jakarta day, not the next UTC day."""
    schedule(application, company_staff, at(2, 8))
    late_evening = at(0, 23) + datetime.timedelta(minutes=30)
    assert services.interview_reminders_send(now=late_evening) == 0
    after_midnight = at(1, 0) + datetime.timedelta(minutes=30)
    assert services.interview_reminders_send(now=after_midnight) == 1
    assert Application.objects.get().interview_reminder_sent_at == after_midnight


def test_the_periodic_task_calls_the_function(application, company_staff, cpmi):
    schedule(application, company_staff, at(1, 10))
    tasks.interview_reminders.call_local()
    assert reminders(cpmi.user) == 1
