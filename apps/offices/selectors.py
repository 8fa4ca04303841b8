"""Reads about labour offices that every workflow shares. The one answer to "is this person staff of office X"."""

from collections.abc import Collection

from apps.offices.models import LabourOffice, StaffAssignment

# accounts.AccountType.OFFICE_STAFF, written out because accounts sits above offices.
OFFICE_STAFF_ACCOUNT = "office_staff"


def staff_assignment_of(user) -> StaffAssignment | None:
    """The user's assignment to a labour office (office and position), or None for anyone else: not signed in,
    not an office-staff account, or an office-staff account not (or no longer) assigned to an office."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "account_type", None) != OFFICE_STAFF_ACCOUNT:
        return None
    return getattr(user, "staff_assignment", None)


def office_of(user) -> LabourOffice | None:
    """The office the user works at, or None."""
    assignment = staff_assignment_of(user)
    return assignment.office if assignment else None


def is_staff_of(user, office: LabourOffice | int | None, *, positions: Collection[str] | None = None) -> bool:
    """Whether the user is staff of `office` (an office or its id), holding one of `positions` when given."""
    office_id = getattr(office, "pk", office)
    assignment = staff_assignment_of(user)
    if assignment is None or office_id is None or assignment.office_id != office_id:
        return False
    return positions is None or assignment.position in positions


def office_covers(office: LabourOffice, region) -> bool:
    """Whether `region` (a Region or its code) lies within the office's jurisdiction: a provincial office covers
    its province and everything in it, a regency/city office its own regency/city and what lies in it."""
    code = getattr(region, "pk", region)
    return code == office.region_id or str(code).startswith(f"{office.region_id}.")
