"""The roles a person can have, and which dashboard each lands on."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.offices.selectors import OFFICE_STAFF_ACCOUNT, staff_assignment_of


class Role(models.TextChoices):
    JOB_SEEKER = "job_seeker", _("Pencari kerja")
    OFFICER = "officer", _("Pengantar Kerja / Admin")
    DIVISION_HEAD = "division_head", _("Kepala Bidang PTK")
    SECRETARY = "secretary", _("Sekretaris Dinas")
    OFFICE_HEAD = "office_head", _("Kepala Dinas")
    AGENCY_STAFF = "agency_staff", _("Staf P3MI")
    JOBFAIR_ORGANISER = "jobfair_organiser", _("Penyelenggara job fair")
    CENTRAL_ADMIN = "central_admin", _("Admin pusat")


OFFICE_ROLES = {Role.OFFICER, Role.DIVISION_HEAD, Role.SECRETARY, Role.OFFICE_HEAD}


def role_of(user) -> str | None:
    if not user.is_authenticated:
        return None
    if user.account_type == OFFICE_STAFF_ACCOUNT:
        assignment = staff_assignment_of(user)
        return assignment.position if assignment else None
    return user.account_type


DASHBOARD_URL_NAMES = {
    Role.JOB_SEEKER: "dashboards:dashboard_job_seeker",
    Role.OFFICER: "dashboards:dashboard_office",
    Role.DIVISION_HEAD: "dashboards:dashboard_office",
    Role.SECRETARY: "dashboards:dashboard_office",
    Role.OFFICE_HEAD: "dashboards:dashboard_office",
    Role.AGENCY_STAFF: "dashboards:dashboard_agency",
    Role.JOBFAIR_ORGANISER: "dashboards:dashboard_organiser",
    Role.CENTRAL_ADMIN: "dashboards:dashboard_central_admin",
}
