"""The placement agreement's policy: who may act on a PP (members of its company, the CPMI it is for, staff of the
CPMI's home office), what each status allows (`permissions.AGREEMENTS`), and who signs: the office head on their
own authority, the secretary or a division head only with a delegation decree (SK) in force today.

Services start with `POLICY.require(...)`; pages show `POLICY.available_actions(...)`. A PP's signature and PDF
are `snapshot.py` and the register's (`documents.services.document_issue`); this module only says who may sign and when.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from apps.access.office_staff import OFFICE_STAFF, OFFICE_STAFF_POLICY
from apps.access.policy import Policy
from apps.access.roles import OFFICE_ROLES, Role
from apps.agencies.services import agency_refusal
from apps.agreements.models import PlacementAgreement, SignatureDelegation
from apps.agreements.permissions import AGREEMENTS, COMPANY_ONLY, OFFICE_ONLY, SIGNER_RULE
from apps.core.errors import PermissionDenied, ServiceError
from apps.offices.models import StaffPosition
from apps.offices.selectors import is_staff_of, staff_assignment_of
from apps.vacancies.policy import RemembersMembership, is_member

# Who may be given an SK to sign PPs on the head's behalf.
DELEGABLE_POSITIONS = (StaffPosition.SECRETARY, StaffPosition.DIVISION_HEAD)


def is_candidate(actor, agreement: PlacementAgreement) -> bool:
    return actor.is_authenticated and agreement.candidate.user_id == actor.pk


def delegations_refusal(actor, office_id: int | None = None) -> ServiceError | None:
    """Who records and revokes an office's signing delegations (SK): the office-staff table's `manage_delegations`
    (the head of office), for their own office (`office_id`, when the delegation exists already)."""
    assignment = staff_assignment_of(actor)
    if assignment is None or (office_id is not None and assignment.office_id != office_id):
        return PermissionDenied(OFFICE_STAFF.denial_message("manage_delegations"))
    return OFFICE_STAFF_POLICY.decide(assignment, actor, "manage_delegations").error


def is_office_head(user) -> bool:
    """The one who records and revokes the office's signing delegations (the page's link)."""
    return delegations_refusal(user) is None


@dataclass(frozen=True)
class SigningRight:
    """Why a person may sign: on their own authority (delegation None) or by a delegation decree."""

    position: str
    delegation: SignatureDelegation | None = None


def valid_delegation(user, office_id: int, on_date: datetime.date) -> SignatureDelegation | None:
    """The user's unrevoked delegation of this office valid on `on_date` (the most recent decree first)."""
    return (
        SignatureDelegation.objects.filter(
            office_id=office_id,
            delegate=user,
            revoked_at=None,
            valid_from__lte=on_date,
            valid_until__gte=on_date,
        )
        .order_by("-decree_date", "-id")
        .first()
    )


def can_sign(user, agreement: PlacementAgreement, on_date: datetime.date | None = None) -> SigningRight | None:
    """The head of the agreement's office signs on their own authority; its secretary or division head only
    with a delegation valid on `on_date` (today by default); everyone else: None."""
    if not is_staff_of(user, agreement.office_id) or user.role not in AGREEMENTS.roles_for("sign"):
        return None
    position = user.staff_assignment.position
    if position == StaffPosition.OFFICE_HEAD:
        return SigningRight(position=position)
    if position in DELEGABLE_POSITIONS:
        delegation = valid_delegation(user, agreement.office_id, on_date or timezone.localdate())
        if delegation is not None:
            return SigningRight(position=position, delegation=delegation)
    return None


class AgreementPolicy(RemembersMembership, Policy):
    table = AGREEMENTS

    def relation(self, agreement, actor, action):
        if actor.role == Role.AGENCY_STAFF:
            return None if is_member(actor, agreement.agency_id) else PermissionDenied(COMPANY_ONLY)
        if actor.role in OFFICE_ROLES:
            return None if is_staff_of(actor, agreement.office_id) else PermissionDenied(OFFICE_ONLY)
        return None if is_candidate(actor, agreement) else PermissionDenied()

    def facts(self, agreement, actor, action):
        if action == "sign" and can_sign(actor, agreement) is None:
            # A secretary or division head of the office without an SK in force: the button says why.
            return PermissionDenied(SIGNER_RULE)
        if action == "submit":
            return agency_refusal(agreement.agency)
        return None

    def may_download(self, agreement, actor) -> bool:
        """The signed PDF: to whom the policy allows "download", once the file exists."""
        return bool(agreement.pdf) and self.allows(agreement, actor, "download")


POLICY = AgreementPolicy()
