"""Reads about recruitment permits (SPR) that other apps' pages show."""

from django.db.models import Count, Sum
from django.utils import timezone

from apps.permits.models import RecruitmentPermit


def agency_permits(agency):
    """Every SPR of the company, newest validity first, with its regions."""
    return RecruitmentPermit.objects.filter(agency=agency).prefetch_related("regions").order_by("-valid_until")


def agency_quota_today(agency) -> dict:
    """The company's SPRs valid today: how many, and the quota left over all of them (one query)."""
    today = timezone.localdate()
    quota = RecruitmentPermit.objects.filter(agency=agency, valid_from__lte=today, valid_until__gte=today).aggregate(
        count=Count("pk"), quota=Sum("quota"), used=Sum("used")
    )
    return {"count": quota["count"], "remaining": (quota["quota"] or 0) - (quota["used"] or 0)}
