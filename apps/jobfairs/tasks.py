"""Scheduled work of job fairs: every minute, tell organisers their fair started or finished.

The status shown on every page is derived from the clock (`JobFair.phase`), never from this task; a late or
stopped worker only delays the notices."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from apps.jobfairs.services import fair_send_phase_notices


@db_periodic_task(crontab(minute="*"))
def fair_phase_notices() -> int:
    return fair_send_phase_notices()


from apps.jobfairs.attendance.tasks import fair_check_in_reminders  # noqa: E402, F401  (registered with the worker)
