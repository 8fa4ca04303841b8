"""Working days as the SOPs count them: weekends and Indonesian public holidays (lokal-id's calendar) excluded."""

import datetime

from django.utils import timezone
from lokal.holidays import count_working_days


def working_days_since(start: datetime.datetime | None, until: datetime.date | datetime.datetime | None = None) -> int:
    """Working days from `start` to `until` (today), not counting the day it began; no queries."""
    if start is None:
        return 0
    if isinstance(until, datetime.datetime):
        until = timezone.localtime(until).date()
    last = until or timezone.localdate()
    first = timezone.localtime(start).date()
    if first > last:
        return 0
    return max(count_working_days(first, last) - 1, 0)
