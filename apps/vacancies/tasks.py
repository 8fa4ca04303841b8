"""Scheduled work of vacancies: the interview reminder, every hour on the hour."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from apps.vacancies.services import interview_reminders_send


@db_periodic_task(crontab(minute="0"))
def interview_reminders() -> int:
    """Remind each CPMI of tomorrow's interview, once (see `interview_reminders_send`)."""
    return interview_reminders_send()
