import datetime

import pytest
from django.utils import timezone

from apps.agreements import services
from apps.agreements.tests import builders
from testing import factories


@pytest.fixture
def company(db):
    return factories.agency(name="PT Maju Bersama Sejahtera")


@pytest.fixture
def company_staff(company):
    return factories.agency_member(agency=company, full_name="Fajar P3MI")


@pytest.fixture
def other_company_staff(db):
    return factories.agency_member(full_name="Gilang Perusahaan Lain")


@pytest.fixture
def cpmi(job_seeker):
    """Ani, a verified CPMI of Kota Depok."""
    return builders.candidate(job_seeker)


@pytest.fixture
def application(company, cpmi):
    return builders.accepted_application(company, cpmi)


@pytest.fixture
def draft(application, company_staff):
    return services.agreement_create_draft(application=application, actor=company_staff)


@pytest.fixture
def submitted(draft, company_staff):
    return services.agreement_submit(agreement=draft, actor=company_staff)


@pytest.fixture
def secretary(db):
    return factories.staff(position="secretary", full_name="Sari Sekretaris")


@pytest.fixture
def division_head(db):
    return factories.staff(position="division_head", full_name="Kurnia Kabid")


def make_delegation(actor, delegate, *, days_from=-10, days_until=30, number="800/123/Disnaker/2026"):
    today = timezone.localdate()
    return services.delegation_record(
        actor=actor,
        delegate=delegate,
        decree_number=number,
        decree_date=today + datetime.timedelta(days=min(days_from, 0)),
        valid_from=today + datetime.timedelta(days=days_from),
        valid_until=today + datetime.timedelta(days=days_until),
    )


@pytest.fixture
def secretary_delegation(office_head, secretary):
    return make_delegation(office_head, secretary)


@pytest.fixture
def signed(submitted, office_head):
    return services.agreement_sign(agreement=submitted, actor=office_head)
