"""Minimal applications for SPR-quota tests, built directly with the ORM (the vacancies app has its own rules)."""

import datetime

from django.utils import timezone

from testing import factories


def applications(permit, count: int) -> list:
    """`count` applications of distinct verified CPMIs to one vacancy of `permit`'s company."""
    from apps.cpmi.models import CpmiRegistration, MigrantCandidate
    from apps.vacancies.models import Application, Vacancy

    office = factories.office()
    vacancy = Vacancy.objects.create(
        agency=permit.agency,
        permit=permit,
        position=permit.position_list()[0],
        sector="domestic" if "domestic" in _sectors() else _sectors()[0],
        country=permit.country,
        city="Taipei",
        employer_name="Keluarga Chen",
        salary=20000,
        currency="TWD",
        contract_months=36,
        openings=max(count, 1),
        closing_date=timezone.localdate() + datetime.timedelta(days=30),
        required_certificates="Caregiver",
        description="Merawat lansia.",
        created_by=factories.user(account_type="agency_staff"),
    )
    result = []
    for _ in range(count):
        person = factories.user()
        registration = CpmiRegistration.objects.create(applicant=person, status="verified", office=office)
        candidate = MigrantCandidate.objects.create(
            user=person,
            registration=registration,
            office=office,
            registration_number=f"CPMI-TEST-{person.pk:06d}",
            verified_at=timezone.now(),
        )
        result.append(Application.objects.create(vacancy=vacancy, candidate=candidate))
    return result


def _sectors() -> list[str]:
    from apps.vacancies.models import Sector

    return list(Sector.values)
