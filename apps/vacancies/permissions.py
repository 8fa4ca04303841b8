"""Who may do what to a vacancy and to an application, in each status. Services check these tables (then
the object's own facts: the company owns the vacancy, the CPMI sent the application), views answer 404
from them, and templates show the buttons they allow.

A company's staff act on their own company's vacancies and applications; a CPMI on their own applications.
"""

from django.utils.translation import gettext_lazy as _

from apps.access.roles import OFFICE_ROLES, Role
from apps.access.tables import ANONYMOUS, PermissionTable
from apps.core.errors import ServiceError
from apps.vacancies.models import ALLOWED_TRANSITIONS, VACANCY_TRANSITIONS, ApplicationStatus, VacancyStatus

V = VacancyStatus
A = ApplicationStatus

# --- vacancies -----------------------------------------------------------------------------------------------

VACANCY_ACTIONS = {
    "view": None,  # the public page (published and not past its closing date)
    "apply": None,  # a job seeker applies (overseas: a verified CPMI; the application has its own table)
    "manage": None,  # the company's own page of it: the form and the applicants
    "edit": None,
    "publish": V.PUBLISHED,
    "close": V.CLOSED,
}

_PUBLIC = {V.PUBLISHED: {"view"}}

VACANCIES = PermissionTable(
    name="vacancy",
    transitions=VACANCY_TRANSITIONS,
    actions=VACANCY_ACTIONS,
    grants={
        ANONYMOUS: _PUBLIC,
        Role.JOB_SEEKER: {V.PUBLISHED: {"view", "apply"}},
        Role.AGENCY_STAFF: {
            V.DRAFT: {"manage", "edit", "publish", "close"},
            V.PUBLISHED: {"view", "manage", "edit", "close"},
            V.CLOSED: {"manage"},
        },
        Role.JOBFAIR_ORGANISER: _PUBLIC,
        Role.CENTRAL_ADMIN: _PUBLIC,
        **dict.fromkeys(OFFICE_ROLES, _PUBLIC),
    },
    refusal=lambda status, action: _vacancy_refusal(status, action),
    denial_messages={
        "apply": _("Lamaran hanya dapat diajukan oleh pencari kerja."),
        "edit": _("Hanya staf perusahaan pemilik lowongan ini yang dapat mengubahnya."),
        "publish": _("Hanya staf perusahaan pemilik lowongan ini yang dapat mengubahnya."),
        "close": _("Hanya staf perusahaan pemilik lowongan ini yang dapat mengubahnya."),
    },
)


def _vacancy_refusal(status: str, action: str) -> ServiceError:
    label = VacancyStatus(status).label
    if action == "publish":
        return ServiceError(
            "not_draft", _("Lowongan berstatus %(status)s tidak dapat ditayangkan.") % {"status": label}
        )
    if action == "close":
        return ServiceError("already_closed", _("Lowongan ini sudah ditutup."))
    if action == "edit":
        return ServiceError("vacancy_closed", _("Lowongan yang sudah ditutup tidak dapat diubah."))
    return ServiceError("vacancy_closed", _("Lowongan sudah ditutup."))


# --- applications ------------------------------------------------------------------------------------------

APPLICATION_ACTIONS = {
    "view": None,
    "withdraw": A.WITHDRAWN,
    "process": A.PROCESSING,
    "schedule_interview": A.INTERVIEW,  # also moves an interview to a new time
    "accept": A.ACCEPTED,
    "reject": A.REJECTED,
    "draft_agreement": None,  # the company drafts the PP of an accepted application
}
_FINAL = (A.ACCEPTED, A.REJECTED, A.WITHDRAWN)

APPLICATIONS = PermissionTable(
    name="application",
    transitions=ALLOWED_TRANSITIONS,
    actions=APPLICATION_ACTIONS,
    grants={
        # The CPMI who applied.
        Role.JOB_SEEKER: {
            A.SENT: {"view", "withdraw"},
            A.PROCESSING: {"view", "withdraw"},
            A.INTERVIEW: {"view", "withdraw"},
            **{status: {"view"} for status in _FINAL},
        },
        # Staff of the company that owns the vacancy.
        Role.AGENCY_STAFF: {
            A.SENT: {"view", "process", "schedule_interview", "reject"},
            A.PROCESSING: {"view", "schedule_interview", "accept", "reject"},
            A.INTERVIEW: {"view", "schedule_interview", "accept", "reject"},
            A.ACCEPTED: {"view", "draft_agreement"},
            A.REJECTED: {"view"},
            A.WITHDRAWN: {"view"},
        },
    },
    refusal=lambda status, action: _application_refusal(status, action),
    denial_messages={
        action: _("Hanya staf perusahaan pemilik lowongan ini yang dapat mengubahnya.")
        for action in ("process", "schedule_interview", "accept", "reject", "draft_agreement")
    },
)


def _application_refusal(status: str, action: str) -> ServiceError:
    label = ApplicationStatus(status).label
    if action == "draft_agreement":
        return ServiceError("application_not_accepted", _("PP hanya dapat dibuat untuk lamaran yang sudah diterima."))
    if action == "withdraw" and status == A.ACCEPTED:
        return ServiceError("already_accepted", _("Lamaran yang sudah diterima tidak dapat dibatalkan."))
    if status in _FINAL:
        return ServiceError("already_decided", _("Lamaran ini sudah selesai (%(status)s).") % {"status": label})
    return ServiceError(
        "transition_not_allowed", _("Lamaran berstatus %(status)s tidak dapat diubah seperti itu.") % {"status": label}
    )
