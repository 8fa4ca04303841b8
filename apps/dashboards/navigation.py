"""The navigation bar's entries for each kind of account: the one place that says which menu a person gets.

`base.html` asks `{% navigation as nav %}` (apps/dashboards/templatetags/navigation.py) and draws `nav.links`, the
width at which the menu stops folding (`nav.expand_class`) and whether the role is named beside the person's name.
The menu follows the kind of account (an office-staff account lists the office's pages even before it is assigned
to an office, as it always has), so no template compares an account type.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import AccountType


@dataclass(frozen=True)
class Link:
    url_name: str
    label: str

    @property
    def url(self) -> str:
        return reverse(self.url_name)


VACANCIES = Link("vacancies:list", _("Lowongan kerja"))
FAIRS = Link("jobfairs:list", _("Job fair"))
DASHBOARD = Link("dashboards:dashboard", _("Dasbor"))

# Each kind of account's own entries, after "Dasbor".
MENUS = {
    AccountType.JOB_SEEKER: [
        Link("profiles:overview", _("Profil")),
        Link("cpmi:status", _("CPMI")),
        Link("vacancies:my_applications", _("Lamaran saya")),
    ],
    AccountType.OFFICE_STAFF: [
        Link("officeservices:office_queue", _("Layanan dinas")),
        Link("cpmi:queue", _("Antrean CPMI")),
        Link("agreements:office_queue", _("Verifikasi PP")),
        Link("agencies:office_approvals", _("Petugas P3MI")),
        Link("permits:office_permits", _("SPR")),
    ],
    AccountType.AGENCY_STAFF: [
        Link("vacancies:company_vacancies", _("Lowongan kami")),
        Link("jobfairs:company_fairs", _("Job fair")),
        Link("officeservices:company_requests", _("Layanan dinas")),
        Link("agreements:agency_list", _("PP")),
        Link("agencies:team", _("Tim")),
    ],
    AccountType.CENTRAL_ADMIN: [
        Link("agencies:admin_agencies", _("Perusahaan")),
        Link("jobfairs:admin_queue", _("Verifikasi job fair")),
    ],
    AccountType.JOBFAIR_ORGANISER: [
        Link("jobfairs:organiser_fairs", _("Job fair saya")),
    ],
}

# The public fair list is in the menu of visitors and job seekers; staff menus are full, and staff reach the fairs
# from their dashboards and the home page.
PUBLIC_FAIRS_FOR = {None, AccountType.JOB_SEEKER}
# The menu opens from a button up to the width where a kind of account's entries, with the notification bell, fit
# on one line: office staff and companies have the most.
WIDEST_MENUS = {AccountType.OFFICE_STAFF, AccountType.AGENCY_STAFF}
# A job seeker is named with their role beside their name ("Pencari kerja" or, once verified, "CPMI").
ROLE_NAMED_FOR = {AccountType.JOB_SEEKER}


@dataclass(frozen=True)
class Navigation:
    links: list[Link]
    expand_class: str
    names_role: bool


def navigation_for(user) -> Navigation:
    kind = user.account_type if getattr(user, "is_authenticated", False) else None
    links = [VACANCIES]
    if kind in PUBLIC_FAIRS_FOR:
        links.append(FAIRS)
    if kind is not None:
        links += [DASHBOARD, *MENUS.get(kind, [])]
    if kind in WIDEST_MENUS:
        expand = "navbar-expand-xxl"
    elif kind is not None:
        expand = "navbar-expand-xl"
    else:
        expand = "navbar-expand-md"
    return Navigation(links=links, expand_class=expand, names_role=kind in ROLE_NAMED_FOR)
