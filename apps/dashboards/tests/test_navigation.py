"""The navigation bar: each kind of account gets its menu from `dashboards.navigation` (no template compares an
account type), with the same entries, order and folding width as before."""

import re

import pytest
from django.urls import reverse

from apps.accounts.models import AccountType
from testing import factories

MENUS = {
    None: ["vacancies:list", "jobfairs:list"],
    AccountType.JOB_SEEKER: [
        "vacancies:list",
        "jobfairs:list",
        "dashboards:dashboard",
        "profiles:overview",
        "cpmi:status",
        "vacancies:my_applications",
    ],
    AccountType.OFFICE_STAFF: [
        "vacancies:list",
        "dashboards:dashboard",
        "officeservices:office_queue",
        "cpmi:queue",
        "agreements:office_queue",
        "agencies:office_approvals",
        "permits:office_permits",
    ],
    AccountType.AGENCY_STAFF: [
        "vacancies:list",
        "dashboards:dashboard",
        "vacancies:company_vacancies",
        "jobfairs:company_fairs",
        "officeservices:company_requests",
        "agreements:agency_list",
        "agencies:team",
    ],
    AccountType.CENTRAL_ADMIN: [
        "vacancies:list",
        "dashboards:dashboard",
        "agencies:admin_agencies",
        "jobfairs:admin_queue",
    ],
    AccountType.JOBFAIR_ORGANISER: ["vacancies:list", "dashboards:dashboard", "jobfairs:organiser_fairs"],
}
EXPAND = {
    None: "navbar-expand-md",
    AccountType.OFFICE_STAFF: "navbar-expand-xxl",
    AccountType.AGENCY_STAFF: "navbar-expand-xxl",
}
SETTINGS_AND_TALKS = {reverse("accounts:settings"), reverse("jobfairs:conversation_list")}


@pytest.mark.parametrize("kind", list(MENUS))
def test_each_kind_of_account_gets_its_menu(client, db, kind):
    if kind is not None:
        client.force_login(factories.staff() if kind == AccountType.OFFICE_STAFF else factories.user(account_type=kind))
    page = client.get(reverse("offices:list")).content.decode()
    nav = page[page.index('<nav class="navbar') : page.index("</nav>")]
    assert f"bg-sipmi {EXPAND.get(kind, 'navbar-expand-xl')}" in nav
    links = [href for href in re.findall(r'class="nav-link" href="([^"]+)"', nav) if href not in SETTINGS_AND_TALKS]
    assert links == [reverse(name) for name in MENUS[kind]]
    name = nav.split('data-testid="account-name">')[1].split("</span>")[0] if kind is not None else ""
    assert (" · " in name) == (kind == AccountType.JOB_SEEKER)  # a job seeker's role is named beside the name
