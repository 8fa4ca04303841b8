"""A job seeker at a job fair: follow a published fair, be reminded two hours before it starts, check in, see
the companies and vacancies once it runs (those matching their profile first, with the reasons), apply, and
follow the applications in their portfolio.

Every change is one function here: lock, ask `attendance.policy.POLICY`, change, audit, notify. The clock is a
parameter (`now`) so the boundaries — two hours before the start, the start, the end — are tested exactly; the
views pass nothing and get `timezone.now()`.

An application made at a fair is an ordinary `vacancies.Application` (made by the vacancies app's own apply
service: a verified CPMI for an overseas vacancy, any job seeker with a profile for a domestic one); a
`FairApplication` written in the same transaction says it was made in this fair.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core.errors import ServiceError
from apps.core.locking import for_update, refused_if_taken
from apps.jobfairs import notices
from apps.jobfairs.attendance.policy import POLICY, local
from apps.jobfairs.attendance.selectors import CHECK_IN_OPENS_BEFORE
from apps.jobfairs.models import (
    FairApplication,
    FairFollower,
    FairStatus,
    FairVacancy,
    JobFair,
    ParticipationStatus,
)
from apps.messaging.services import notify_user
from apps.vacancies import services as vacancy_services
from apps.vacancies.models import Application, Vacancy


def _now(now):
    return now or timezone.now()


def _locked_follower(fair: JobFair, actor) -> FairFollower:
    """The actor's follow of `fair`, locked (one person's check-in and applies go one after the other), or an
    unsaved one when they do not follow it."""
    fair = JobFair.objects.get(pk=fair.pk)
    follower = None
    if getattr(actor, "is_authenticated", False):
        follower = for_update(FairFollower).filter(fair=fair, user=actor).first()
    follower = follower or FairFollower(fair=fair, user=actor if getattr(actor, "is_authenticated", False) else None)
    follower.fair = fair
    return follower


# --- changes ------------------------------------------------------------------------------------------------------


@transaction.atomic
def fair_follow(*, fair: JobFair, actor, now=None) -> FairFollower:
    """ "Ikuti sebagai pencaker": a job seeker follows a published fair that has not ended."""
    POLICY.require(_locked_follower(fair, actor), actor, "follow", now=now)
    with refused_if_taken("already_following", _("Anda sudah mengikuti job fair ini.")):
        follower = FairFollower.objects.create(fair=fair, user=actor)
    audit_record(actor=actor, action="jobfair.follow", target=follower, data={"fair": fair.pk})
    return follower


@transaction.atomic
def fair_check_in(*, fair: JobFair, actor, now=None) -> FairFollower:
    """Check in: from two hours before the start until the end, for a follower."""
    now = _now(now)
    follower = _locked_follower(fair, actor)
    POLICY.require(follower, actor, "check_in", now=now)
    fair = follower.fair
    follower.checked_in_at = now
    follower.save(update_fields=["checked_in_at"])
    audit_record(actor=actor, action="jobfair.check_in", target=follower, data={"fair": fair.pk})
    return follower


# The start as the recipient reads it: month names in their language, rendered with the notice.
_local_lazy = lazy(local, str)


def fair_apply(*, fair: JobFair, vacancy: Vacancy, actor, now=None) -> Application:
    """Apply at the fair: only while it runs, after check-in, to a vacancy of an accepted company, once. The
    application itself is made by the vacancies app (certificates, closing date, openings are checked there)."""
    now = _now(now)
    with transaction.atomic():
        follower = _locked_follower(fair, actor)
        POLICY.require(follower, actor, "apply", now=now)
        fair = follower.fair
        entry = FairVacancy.objects.select_related("participation").filter(fair=fair, vacancy=vacancy).first()
        if entry is None:
            raise ServiceError("not_in_fair", _("Lowongan ini tidak ditawarkan di job fair ini."))
        if entry.participation.status != ParticipationStatus.ACCEPTED:
            raise ServiceError(
                "company_not_accepted",
                _("Perusahaan lowongan ini tidak diterima sebagai peserta job fair; lamaran tidak dapat dikirim."),
            )
        if Application.objects.filter(vacancy=vacancy, applicant=actor).exists():
            raise ServiceError("already_applied", _("Anda sudah melamar lowongan ini."))
        application = vacancy_services.application_apply(actor=actor, vacancy=vacancy)
        FairApplication.objects.create(application=application, fair=fair, fair_vacancy=entry)
        audit_record(
            actor=actor,
            action="jobfair.apply",
            target=application,
            data={"fair": fair.pk, "fair_vacancy": entry.pk, "vacancy": vacancy.pk},
        )
    return application


# --- the reminder sent by the worker ------------------------------------------------------------------------------


def fair_check_in_reminders_send(*, now=None) -> int:
    """Tell each follower of a published fair, from two hours before its start, to check in — once (reminded_at).
    A late worker still reminds until the fair ends; someone already checked in is not reminded."""
    now = _now(now)
    due = FairFollower.objects.filter(
        fair__status=FairStatus.PUBLISHED,
        fair__starts_at__lte=now + CHECK_IN_OPENS_BEFORE,
        fair__ends_at__gt=now,
        reminded_at=None,
        checked_in_at=None,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            follower = (
                for_update(FairFollower.objects.select_related("fair", "user"))
                .filter(pk=pk, reminded_at=None, checked_in_at=None)
                .first()
            )
            if follower is None:  # another worker got here first, or they checked in meanwhile
                continue
            fair = follower.fair
            follower.reminded_at = now
            follower.save(update_fields=["reminded_at"])
            # In the same transaction: the reminder is recorded as sent exactly when its notification exists.
            notify_user(
                user=follower.user,
                notice=notices.CHECK_IN_OPEN(name=fair.name, when=_local_lazy(fair.starts_at, fair)),
                url=reverse("jobfairs:attend", args=[fair.pk]),
            )
            sent += 1
    return sent
