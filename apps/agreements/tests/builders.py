"""Builders for PP tests: a verified CPMI and an ACCEPTED application made directly with the ORM, so these
tests do not depend on the CPMI or vacancy workflows (those have their own tests)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from apps.cpmi.models import CpmiRegistration, MigrantCandidate, RegistrationStatus
from apps.vacancies.models import Application, ApplicationStatus, Vacancy, VacancyStatus
from testing import factories


def candidate(user=None, *, regency_code: str = factories.DEMO_REGENCY) -> MigrantCandidate:
    """A verified CPMI of the office of `regency_code` (Kota Depok by default)."""
    user = user or factories.user()
    office = factories.office(regency_code)
    now = timezone.now()
    registration = CpmiRegistration.objects.create(
        applicant=user, status=RegistrationStatus.VERIFIED, office=office, submitted_at=now, decided_at=now
    )
    return MigrantCandidate.objects.create(
        user=user,
        registration=registration,
        office=office,
        registration_number=f"CPMI-{office.region_id.replace('.', '')}-2026-{user.pk:06d}",
        verified_at=now,
    )


def vacancy(agency, **fields) -> Vacancy:
    permit = factories.permit(agency=agency, country="Taiwan", positions="Caregiver")
    values = {
        "agency": agency,
        "permit": permit,
        "position": "Caregiver",
        "sector": "care",
        "country": "Taiwan",
        "city": "Taipei",
        "employer_name": "Chen Family",
        "salary": Decimal("20000.00"),
        "currency": "TWD",
        "contract_months": 36,
        "openings": 5,
        "closing_date": timezone.localdate() + datetime.timedelta(days=30),
        "required_certificates": "Perawat lansia",
        "description": "Merawat lansia di rumah.",
        "status": VacancyStatus.PUBLISHED,
        "published_at": timezone.now(),
        "created_by": factories.user(account_type="agency_staff"),
    }
    values.update(fields)
    return Vacancy.objects.create(**values)


def accepted_application(agency, candidate_: MigrantCandidate | None = None, **vacancy_fields) -> Application:
    candidate_ = candidate_ or candidate()
    return Application.objects.create(
        vacancy=vacancy(agency, **vacancy_fields),
        candidate=candidate_,
        applicant=candidate_.user,
        status=ApplicationStatus.ACCEPTED,
        decided_at=timezone.now(),
    )
