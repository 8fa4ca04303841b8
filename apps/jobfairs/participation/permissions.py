"""Who may do what with a company's place in a job fair, in each participation status (role × status → actions).

The organiser of the fair accepts or rejects a request; the company's staff act in the fair only once
accepted. `participation.policy.POLICY` answers from this table, then the object's own facts (the organiser's own
fair, the company's own participation, the fair's phase and quota); services, views and templates ask it.
A company that has not asked yet is answered on an unsaved participation, in status NOT_REQUESTED (not stored).
"""

from django.utils.translation import gettext_lazy as _

from apps.access.roles import Role
from apps.access.tables import PermissionTable
from apps.core.errors import ServiceError
from apps.jobfairs.models import ParticipationStatus

P = ParticipationStatus
NOT_REQUESTED = "not_requested"

PARTICIPATION_TRANSITIONS: dict[str, frozenset[str]] = {
    NOT_REQUESTED: frozenset({P.REQUESTED}),
    P.REQUESTED: frozenset({P.ACCEPTED, P.REJECTED, P.WITHDRAWN}),
    P.ACCEPTED: frozenset({P.WITHDRAWN}),
    P.REJECTED: frozenset(),
    P.WITHDRAWN: frozenset(),
}

ACTIONS = {
    "view": None,  # the company's page of the fair
    "request": P.REQUESTED,  # the company asks to join
    "accept": P.ACCEPTED,
    "reject": P.REJECTED,
    "withdraw": P.WITHDRAWN,  # the company leaves the fair, before it starts
    "publish_vacancy": None,  # a new or an existing vacancy into the fair
    "remove_vacancy": None,  # take one of its vacancies out of the fair (none applied to it there yet)
    "manage_applicants": None,  # see applicants, schedule interviews, accept, reject
    "edit_faq": None,  # the stand's Pertanyaan Umum
}

NOT_ACCEPTED = _("Perusahaan Anda belum diterima penyelenggara di job fair ini.")

PARTICIPATIONS = PermissionTable(
    name="jobfair_participation",
    transitions=PARTICIPATION_TRANSITIONS,
    actions=ACTIONS,
    grants={
        Role.JOBFAIR_ORGANISER: {P.REQUESTED: {"accept", "reject"}},
        Role.AGENCY_STAFF: {
            NOT_REQUESTED: {"view", "request"},
            P.REQUESTED: {"view", "withdraw"},
            P.ACCEPTED: {"view", "withdraw", "publish_vacancy", "remove_vacancy", "manage_applicants", "edit_faq"},
            P.REJECTED: {"view"},
            P.WITHDRAWN: {"view"},
        },
    },
    refusal=lambda status, action: _refusal(status, action),
    denial_messages={
        "accept": _("Hanya penyelenggara job fair ini yang dapat menerima atau menolak perusahaan."),
        "reject": _("Hanya penyelenggara job fair ini yang dapat menerima atau menolak perusahaan."),
        "request": _("Hanya anggota aktif perusahaan yang dapat mengikuti job fair."),
        "publish_vacancy": _("Hanya staf perusahaan yang dapat mempublikasikan lowongan di job fair."),
        "remove_vacancy": _("Hanya staf perusahaan yang dapat menarik lowongan dari job fair."),
        "withdraw": _("Hanya staf perusahaan yang dapat mengundurkan diri dari job fair."),
        "manage_applicants": _("Hanya staf perusahaan yang dapat memproses pelamar job fair."),
        "edit_faq": _("Hanya staf perusahaan yang dapat menulis Pertanyaan Umum."),
    },
)


def _refusal(status: str, action: str) -> ServiceError:
    if action == "request":
        return ServiceError(
            "already_requested",
            _("Perusahaan Anda sudah mendaftar ke job fair ini (status: %(status)s).") % {"status": P(status).label},
        )
    if action in ("accept", "reject"):
        return ServiceError(
            "already_decided",
            _("Permintaan perusahaan ini sudah diputuskan (%(status)s).") % {"status": _label(status)},
        )
    if action == "withdraw" and status == NOT_REQUESTED:
        return ServiceError("not_requested", _("Perusahaan Anda tidak terdaftar di job fair ini."))
    if action == "withdraw":
        return ServiceError(
            "cannot_withdraw",
            _("Perusahaan berstatus %(status)s tidak dapat mengundurkan diri.") % {"status": _label(status)},
        )
    return ServiceError("not_accepted", NOT_ACCEPTED)


def _label(status: str) -> str:
    return P(status).label if status in P.values else _("belum mendaftar")
