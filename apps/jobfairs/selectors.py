"""Read-only questions about job fairs."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.jobfairs.models import FairFollower, FairParticipation, FairStatus, FairVacancy, JobFair, ParticipationStatus
from apps.vacancies.models import Application, ApplicationStatus


def public_fairs(now=None):
    """Published fairs not finished yet, the soonest first (running ones lead)."""
    now = now or timezone.now()
    return (
        JobFair.objects.filter(status=FairStatus.PUBLISHED, ends_at__gt=now)
        .select_related("organiser__organiser_profile")
        .prefetch_related("regions")
        .order_by("starts_at", "pk")
    )


def organiser_fairs(user):
    return JobFair.objects.filter(organiser=user).order_by("-created_at", "-pk")


def fairs_to_verify():
    return (
        JobFair.objects.filter(status=FairStatus.SUBMITTED)
        .select_related("organiser__organiser_profile")
        .order_by("submitted_at", "pk")
    )


@dataclass(frozen=True)
class FairStats:
    companies_accepted: int
    companies_requested: int
    vacancies: int
    followers: int
    checked_in: int
    applications: int
    interviews: int
    accepted: int

    def rows(self):
        """(key, label, value) in the order the table, the chart and the CSV show them."""
        return [
            ("companies_accepted", _("Perusahaan diterima"), self.companies_accepted),
            ("vacancies", _("Lowongan"), self.vacancies),
            ("followers", _("Pencari kerja mengikuti"), self.followers),
            ("checked_in", _("Pencari kerja check-in"), self.checked_in),
            ("applications", _("Lamaran"), self.applications),
            ("interviews", _("Wawancara"), self.interviews),
            ("accepted", _("Diterima bekerja"), self.accepted),
        ]


def fair_stats(fair: JobFair) -> FairStats:
    """The fair's figures in four queries. Applications are those made in the fair (its `FairApplication` rows),
    not those made to the same vacancies on the ordinary list or at another fair."""
    companies = FairParticipation.objects.filter(fair=fair).aggregate(
        accepted=Count("pk", filter=Q(status=ParticipationStatus.ACCEPTED)),
        requested=Count("pk", filter=Q(status=ParticipationStatus.REQUESTED)),
    )
    followers = FairFollower.objects.filter(fair=fair).aggregate(
        total=Count("pk"), checked_in=Count("pk", filter=Q(checked_in_at__isnull=False))
    )
    applications = Application.objects.filter(fair_link__fair=fair).aggregate(
        total=Count("pk"),
        interviews=Count("pk", filter=Q(interview_at__isnull=False)),
        accepted=Count("pk", filter=Q(status=ApplicationStatus.ACCEPTED)),
    )
    return FairStats(
        companies_accepted=companies["accepted"],
        companies_requested=companies["requested"],
        vacancies=FairVacancy.objects.filter(fair=fair).count(),
        followers=followers["total"],
        checked_in=followers["checked_in"],
        applications=applications["total"],
        interviews=applications["interviews"],
        accepted=applications["accepted"],
    )


def organiser_overview(user) -> dict:
    """The organiser's dashboard: profile state, their latest fairs, and the one next step that matters most."""
    from apps.jobfairs.models import OrganiserProfile

    profile = OrganiserProfile.objects.filter(user=user).first()
    fairs = list(organiser_fairs(user)[:5])
    counts = dict(JobFair.objects.filter(organiser=user).values_list("status").annotate(n=Count("pk")).order_by())
    return {"organiser_profile": profile, "fairs": fairs, "status_counts": counts, "now": timezone.now()}
