"""Scheduled work of job seekers at fairs: every minute, remind followers to check in two hours before a
fair starts (each once; see `attendance.fair_check_in_reminders_send`)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from apps.jobfairs.attendance.services import fair_check_in_reminders_send


@db_periodic_task(crontab(minute="*"))
def fair_check_in_reminders() -> int:
    return fair_check_in_reminders_send()
