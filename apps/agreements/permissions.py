"""Who may do what to a placement agreement (PP), in each status. Services check this table (then the
object's own facts: the actor works for the PP's company, or for the CPMI's home office, and a secretary or
division head signs only with a delegation decree in force), views answer 404 from it, templates show the
buttons it allows.
"""

from django.utils.translation import gettext_lazy as _

from apps.access.roles import Role
from apps.access.tables import PermissionTable
from apps.agreements.models import ALLOWED_TRANSITIONS, AgreementStatus
from apps.core.errors import ServiceError

S = AgreementStatus

ACTIONS = {
    "view": None,  # the company's page of its PP
    "edit": None,  # the company changes the terms
    "submit": S.SUBMITTED,
    "review": None,  # the office's page of a PP it was sent
    "return": S.RETURNED,
    "sign": S.VERIFIED,
    "download": None,  # the signed PDF
}

_OFFICE_READS = {S.RETURNED: {"review"}, S.VERIFIED: {"review", "download"}}
_SIGNERS = {S.SUBMITTED: {"review", "return", "sign"}, **_OFFICE_READS}

SIGNER_RULE = _(
    "Hanya Kepala Dinas, atau Sekretaris/Kabid yang memiliki SK pendelegasian yang berlaku, "
    "yang dapat menandatangani PP."
)
COMPANY_ONLY = _("Hanya staf perusahaan penempatan (P3MI) pihak PP ini yang dapat mengubahnya.")
OFFICE_ONLY = _("Hanya petugas dinas tenaga kerja daerah asal CPMI yang dapat memeriksa PP ini.")

AGREEMENTS = PermissionTable(
    name="agreement",
    transitions=ALLOWED_TRANSITIONS,
    actions=ACTIONS,
    grants={
        # Staff of the PP's company.
        Role.AGENCY_STAFF: {
            S.DRAFT: {"view", "edit", "submit"},
            S.RETURNED: {"view", "edit", "submit"},
            S.SUBMITTED: {"view"},
            S.VERIFIED: {"view", "download"},
        },
        # The CPMI the PP is for.
        Role.JOB_SEEKER: {S.VERIFIED: {"download"}},
        # Staff of the CPMI's home office: any of them returns; the head signs, the secretary and the division
        # head sign only with a delegation decree in force (checked by the service, beyond this table).
        Role.OFFICER: {S.SUBMITTED: {"review", "return"}, **_OFFICE_READS},
        Role.DIVISION_HEAD: _SIGNERS,
        Role.SECRETARY: _SIGNERS,
        Role.OFFICE_HEAD: _SIGNERS,
    },
    refusal=lambda status, action: _refusal(status, action),
    denial_messages={
        "edit": COMPANY_ONLY,
        "submit": COMPANY_ONLY,
        "return": OFFICE_ONLY,
        "review": OFFICE_ONLY,
        "sign": SIGNER_RULE,
    },
)


def _refusal(status: str, action: str) -> ServiceError:
    if status == S.VERIFIED and action in ("return", "sign", "submit"):
        return ServiceError("already_signed", _("PP ini sudah diverifikasi dan ditandatangani."))
    if action == "edit":
        return ServiceError("not_editable", _("PP yang sedang diperiksa atau sudah diverifikasi tidak dapat diubah."))
    return ServiceError(
        "transition_not_allowed",
        _("PP berstatus %(status)s tidak dapat diubah seperti itu.") % {"status": AgreementStatus(status).label},
    )
