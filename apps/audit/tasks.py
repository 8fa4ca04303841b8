"""The sealer runs in the worker every minute; appends never wait for it. Two workers sealing at once
queue on the seal state row, so no extra task lock is needed."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from apps.audit.services import audit_seal_pending


@db_periodic_task(crontab(minute="*"))
def audit_seal_periodic():
    audit_seal_pending()
