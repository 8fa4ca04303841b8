"""Reads of complaints: the office's list (oldest first, with its age in working days) and the dashboard count."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min
from django.utils import timezone

from apps.complaints.models import Complaint, ComplaintStatus
from apps.core.workdays import working_days_since

# A complaint unanswered after this many working days is shown as late (the services' own standard).
ANSWER_STANDARD_WORKING_DAYS = 3

FILTERS = {
    "open": [ComplaintStatus.OPEN],
    "answered": [ComplaintStatus.ANSWERED],
    "closed": [ComplaintStatus.CLOSED],
    "all": None,
}


def office_complaints(office, *, status_filter: str = "open"):
    rows = Complaint.objects.filter(office=office)
    statuses = FILTERS.get(status_filter, FILTERS["open"])
    if statuses:
        rows = rows.filter(status__in=statuses)
    return rows.order_by("filed_at", "id")


@dataclass
class ComplaintRow:
    complaint: Complaint
    age: int  # working days since filing
    late: bool  # still open beyond the standard


def complaint_rows(complaints, today: datetime.date | None = None) -> list[ComplaintRow]:
    today = today or timezone.localdate()
    rows = []
    for complaint in complaints:
        age = working_days_since(complaint.filed_at, today)
        late = complaint.status == ComplaintStatus.OPEN and age > ANSWER_STANDARD_WORKING_DAYS
        rows.append(ComplaintRow(complaint, age, late))
    return rows


@dataclass
class OpenComplaints:
    count: int
    oldest_age: int | None  # working days the oldest open complaint has waited


def open_complaints(office) -> OpenComplaints:
    """The dashboard's numbers: one query."""
    summary = Complaint.objects.filter(office=office, status=ComplaintStatus.OPEN).aggregate(
        n=Count("id"), oldest=Min("filed_at")
    )
    oldest = summary["oldest"]
    return OpenComplaints(summary["n"], working_days_since(oldest) if oldest else None)


def complaint_detail(pk: int) -> Complaint | None:
    """One complaint with the office and the staff who answered and closed it."""
    return Complaint.objects.select_related("office", "answered_by", "closed_by").filter(pk=pk).first()
