"""Reads about labour offices that every workflow shares. The one answer to "is this person staff of office X"."""

from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.offices import catalogue
from apps.offices.models import LabourOffice, OfficeChecklistItem, StaffAssignment, StaffPosition

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


# --- public service information ---------------------------------------------------------------------------------


def offices_search(text: str = ""):
    """Labour offices whose name or region name contains `text`, provinces and regencies in code order, with the
    region in the same query."""
    rows = LabourOffice.objects.select_related("region")
    text = text.strip()
    if text:
        rows = rows.filter(Q(name__icontains=text) | Q(region__name__icontains=text))
    return rows.order_by("region_id")


def local_checklist_items(office: LabourOffice, *, active_only: bool = True):
    """The office's own checklist items (`OfficeChecklistItem`), by service then in the order they were added."""
    rows = OfficeChecklistItem.objects.filter(office=office)
    if active_only:
        rows = rows.filter(active=True)
    return rows.order_by("service", "id")


@dataclass(frozen=True)
class Requirement:
    label: str
    required: bool = True
    conditional: bool = False  # required only for some CPMI (the married or divorced)
    local: bool = False  # added by this office, beyond the national checklist


@dataclass(frozen=True)
class ServiceInformation:
    """One service as the public page shows it: the national catalogue plus the office's active local items."""

    service: catalogue.ServiceDefinition
    company_requirements: list[Requirement]
    candidate_requirements: list[Requirement]
    steps: list[tuple[catalogue.Step, str]]  # each step with who does it


# Who does a step, by the role the catalogue names (offices sits below access, so the office positions' labels and
# the company's are read here).
STEP_ACTORS = {**dict(StaffPosition.choices), "agency_staff": _("Perusahaan penempatan (P3MI)")}


def service_information(office: LabourOffice) -> list[ServiceInformation]:
    """Every service of the national catalogue with this office's active local checklist items: one query."""
    local: dict[str, list[OfficeChecklistItem]] = {}
    for item in local_checklist_items(office):
        local.setdefault(item.service, []).append(item)
    services = []
    for service in catalogue.SERVICES.values():
        by_party: dict[str, list[Requirement]] = {catalogue.Party.COMPANY: [], catalogue.Party.CANDIDATE: []}
        for item in service.checklist:
            conditional = item.requirement != catalogue.Requirement.ALWAYS
            by_party[item.party].append(Requirement(str(item.label), conditional=conditional))
        for item in local.get(service.code, []):
            by_party.setdefault(item.party, []).append(Requirement(item.label, required=item.required, local=True))
        services.append(
            ServiceInformation(
                service=service,
                company_requirements=by_party[catalogue.Party.COMPANY],
                candidate_requirements=by_party[catalogue.Party.CANDIDATE],
                steps=[(step, STEP_ACTORS.get(step.role, step.role)) for step in service.steps],
            )
        )
    return services
