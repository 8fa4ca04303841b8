"""Builders for vacancy tests: a verified CPMI and a company's vacancy, made through the real services."""

import datetime
import decimal

from django.utils import timezone

from apps.cpmi import services as cpmi_services
from apps.cpmi.models import DocumentKind, MigrantCandidate
from apps.cpmi.tests.builders import pdf_upload, ready_registration, review_all
from apps.vacancies import services
from apps.vacancies.models import Vacancy


def verified_candidate(user, officer, *, schemes=()) -> MigrantCandidate:
    """`user` (from Kota Depok) verified as CPMI by `officer`. Besides the builder's "Perawat lansia"
    certificate, one competency certificate is added for each of `schemes`."""
    registration = ready_registration(user)
    for n, scheme in enumerate(schemes):
        cpmi_services.document_upload(
            registration=registration,
            actor=user,
            kind=DocumentKind.COMPETENCY_CERTIFICATE,
            uploaded=pdf_upload(f"sertifikat-{n}.pdf"),
            certificate_number=f"BNSP-{n + 100}",
            certificate_scheme=scheme,
        )
    cpmi_services.registration_submit(registration=registration, actor=user)
    review_all(registration, officer)
    return cpmi_services.registration_verify(registration=registration, actor=officer)


def vacancy_fields(permit, **overrides) -> dict:
    values = {
        "permit": permit,
        "position": "Caregiver",
        "sector": "care",
        "country": "Taiwan",
        "city": "Taipei",
        "employer_name": "Keluarga Chen",
        "salary": decimal.Decimal("20000"),
        "currency": "TWD",
        "contract_months": 36,
        "openings": 3,
        "closing_date": timezone.localdate() + datetime.timedelta(days=30),
        "required_certificates": "Perawat lansia",
        "description": "Merawat lansia di rumah keluarga.",
    }
    values.update(overrides)
    return values


def make_vacancy(actor, permit, **overrides):
    return services.vacancy_create(actor=actor, **vacancy_fields(permit, **overrides))


def clone(vacancy, n) -> Vacancy:
    """An unsaved copy of `vacancy` named "Caregiver n", published n seconds after now (for bulk_create)."""
    values = {
        f.name: getattr(vacancy, f.name)
        for f in Vacancy._meta.concrete_fields
        if f.name not in ("id", "created_at", "updated_at")
    }
    values["position"] = f"Caregiver {n}"
    values["published_at"] = timezone.now() + datetime.timedelta(seconds=n)
    return Vacancy(**values)
