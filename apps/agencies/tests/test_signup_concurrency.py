"""Two people sign up the same WLKP company at the same moment, each on its own connection: one company, one
owner; the other is refused with a message and keeps no half-made account."""

import datetime

import pytest

from apps.accounts.models import User
from apps.accounts.services import RegistrationData, registry_identify
from apps.agencies import services
from apps.agencies.models import AgencyMember, CompanyKind, PlacementAgency
from apps.core.errors import ServiceError
from apps.registry.models import DemoWlkpCompany
from testing import factories
from testing.concurrency import run_together

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


def person_data(n: int) -> RegistrationData:
    birth_date = datetime.date(1990, 1, n)
    person = factories.registry_person(sex="L", birth_date=birth_date, father="Bapak Sama")
    return RegistrationData(
        identity=registry_identify(nik=person.nik, parent="father", parent_name="Bapak Sama"),
        marital_status="married",
        address_village=factories.village(),
        address_street="Jl. Satu",
        email=f"pemilik{n}@contoh.id",
        phone=f"0813 0000 000{n}",
        password="Kopi-Tubruk-77",
    )


def test_the_same_wlkp_company_signed_up_twice_at_once_has_one_owner():
    DemoWlkpCompany.objects.create(
        wlkp_code="WLKP-1", name="PT Rebutan", nib="8120001000011", address="Jl. Dua", regency_code="32.76"
    )
    people = [person_data(1), person_data(2)]

    results = run_together(
        *(
            lambda data=data: services.company_signup(
                person=data, company=services.CompanyData(kind=CompanyKind.OTHER, wlkp_code="WLKP-1")
            )
            for data in people
        )
    )

    refused = [r for r in results if isinstance(r, ServiceError)]
    assert len(refused) == 1, results
    assert refused[0].code in {"company_taken", "wlkp_taken"}
    assert PlacementAgency.objects.count() == 1 and AgencyMember.objects.count() == 1
    assert User.objects.count() == 1  # the refused person's account was not kept
