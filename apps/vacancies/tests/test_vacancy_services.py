"""Vacancy services: creating, changing, publishing and closing a company's vacancy, and every refusal."""

import datetime

import pytest
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from apps.vacancies import selectors, services
from apps.vacancies.models import Vacancy, VacancyStatus
from apps.vacancies.tests.builders import make_vacancy
from testing import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def actions(**filters) -> list[str]:
    return list(AuditEvent.objects.filter(**filters).values_list("action", flat=True))


def nothing_written():
    assert not Vacancy.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="vacancy.").exists()


# --- vacancy_create --------------------------------------------------------------------------------------


def test_company_staff_creates_a_published_vacancy(company_staff, company, spr):
    vacancy = make_vacancy(company_staff, spr, required_certificates="  Perawat lansia \n\n Bahasa Mandarin  \n")
    assert vacancy.agency == company
    assert vacancy.status == VacancyStatus.PUBLISHED
    assert vacancy.published_at is not None
    assert vacancy.created_by == company_staff
    assert vacancy.required_certificate_list() == ["Perawat lansia", "Bahasa Mandarin"]
    assert list(selectors.public_vacancies()) == [vacancy]
    assert actions(object_id=str(vacancy.pk), object_type="vacancies.vacancy") == ["vacancy.create"]


def test_a_draft_is_not_in_the_public_list(company_staff, spr):
    vacancy = make_vacancy(company_staff, spr, publish=False)
    assert vacancy.status == VacancyStatus.DRAFT
    assert vacancy.published_at is None
    assert not selectors.public_vacancies().exists()


@pytest.mark.parametrize("persona", ["job_seeker", "agency_staff", "officer", "central_admin"])
def test_only_an_active_company_member_creates_vacancies(request, persona, spr):
    """`agency_staff` is an agency account without an active membership of any company."""
    with pytest.raises(PermissionDenied):
        make_vacancy(request.getfixturevalue(persona), spr)
    nothing_written()


def test_an_spr_of_another_company_is_refused(company_staff, other_company):
    foreign = factories.permit(agency=other_company)
    with pytest.raises(ServiceError) as refused:
        make_vacancy(company_staff, foreign)
    assert refused.value.code == "permit_other_agency"
    assert "perusahaan lain" in str(refused.value.message)
    nothing_written()


@pytest.mark.parametrize("days", [-1, 0])
def test_a_closing_date_that_is_not_in_the_future_is_refused(company_staff, spr, days):
    with pytest.raises(ServiceError) as refused:
        make_vacancy(company_staff, spr, closing_date=TODAY() + datetime.timedelta(days=days))
    assert refused.value.code == "closing_date_past"
    assert refused.value.field == "closing_date"
    assert "Tanggal tutup sudah lewat" in str(refused.value.message)
    nothing_written()


def test_a_closing_date_beyond_the_forms_range_is_refused_by_the_service(company_staff, spr):
    """Called directly, the service bounds the closing date as the form (CLOSING_DATE: at most two years ahead)."""
    with pytest.raises(ServiceError) as refused:
        make_vacancy(company_staff, spr, closing_date=datetime.date(9999, 12, 31))
    assert refused.value.field == "closing_date"
    assert "dua tahun" in str(refused.value.message)
    nothing_written()


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"openings": 0}, "openings_invalid", "openings"),
        ({"required_certificates": " \n  \n"}, "certificates_required", "required_certificates"),
        ({"position": "  "}, "required", "position"),
        ({"salary": 0}, "salary_invalid", "salary"),
        ({"currency": "NT$"}, "currency_invalid", "currency"),
        ({"sector": "space"}, "sector_unknown", "sector"),
        ({"country": "Jepang"}, "permit_country_mismatch", "country"),
        ({"position": "Welder"}, "permit_position_mismatch", "position"),
        ({"closing_date": TODAY() + datetime.timedelta(days=400)}, "closing_after_permit", "closing_date"),
    ],
)
def test_invalid_fields_are_refused_beside_their_field(company_staff, spr, overrides, code, field):
    with pytest.raises(ServiceError) as refused:
        make_vacancy(company_staff, spr, **overrides)
    assert (refused.value.code, refused.value.field) == (code, field)
    nothing_written()


def test_the_spr_positions_and_country_match_without_case(company_staff, spr):
    vacancy = make_vacancy(company_staff, spr, position="caregiver", country=" TAIWAN ")
    assert vacancy.country == "TW"  # a typed name is stored as its ISO code


def test_an_expired_licence_is_refused(company_staff, company, spr):
    company.sip2mi_valid_until = TODAY() - datetime.timedelta(days=1)
    company.save()
    with pytest.raises(ServiceError) as refused:
        make_vacancy(company_staff, spr)
    assert refused.value.code == "licence_expired"
    nothing_written()


def test_an_expired_spr_is_refused(company_staff, company):
    expired = factories.permit(
        agency=company,
        valid_from=TODAY() - datetime.timedelta(days=60),
        valid_until=TODAY() - datetime.timedelta(days=1),
    )
    with pytest.raises(ServiceError) as refused:
        make_vacancy(company_staff, expired)
    assert refused.value.code == "permit_expired"
    nothing_written()


# --- vacancy_update / publish / close ---------------------------------------------------------------------


def test_company_staff_updates_their_vacancy(vacancy, company_staff):
    services.vacancy_update(vacancy=vacancy, actor=company_staff, city="Kaohsiung", openings=5)
    vacancy.refresh_from_db()
    assert (vacancy.city, vacancy.openings) == ("Kaohsiung", 5)
    event = AuditEvent.objects.get(action="vacancy.update")
    assert sorted(event.data["fields"]) == ["city", "openings"]


def test_another_company_cannot_edit_publish_or_close_a_vacancy(vacancy, other_company_staff):
    for change in (
        lambda: services.vacancy_update(vacancy=vacancy, actor=other_company_staff, city="Taichung"),
        lambda: services.vacancy_close(vacancy=vacancy, actor=other_company_staff),
        lambda: services.vacancy_publish(vacancy=vacancy, actor=other_company_staff),
    ):
        with pytest.raises(PermissionDenied):
            change()
    vacancy.refresh_from_db()
    assert (vacancy.city, vacancy.status) == ("Taipei", VacancyStatus.PUBLISHED)
    assert actions(object_type="vacancies.vacancy") == ["vacancy.create"]


def test_an_update_is_checked_like_a_new_vacancy(vacancy, company_staff):
    with pytest.raises(ServiceError) as refused:
        services.vacancy_update(vacancy=vacancy, actor=company_staff, closing_date=TODAY() - datetime.timedelta(days=1))
    assert refused.value.code == "closing_date_past"
    vacancy.refresh_from_db()
    assert vacancy.closing_date > TODAY()


def test_openings_cannot_drop_below_the_accepted_placements(vacancy, company_staff):
    Vacancy.objects.filter(pk=vacancy.pk).update(accepted_count=2)
    with pytest.raises(ServiceError) as refused:
        services.vacancy_update(vacancy=vacancy, actor=company_staff, openings=1)
    assert refused.value.code == "openings_below_accepted"


def test_a_draft_is_published(company_staff, spr):
    draft = make_vacancy(company_staff, spr, publish=False)
    services.vacancy_publish(vacancy=draft, actor=company_staff)
    draft.refresh_from_db()
    assert draft.status == VacancyStatus.PUBLISHED and draft.published_at is not None
    assert "vacancy.publish" in actions(object_id=str(draft.pk))
    with pytest.raises(ServiceError) as refused:
        services.vacancy_publish(vacancy=draft, actor=company_staff)
    assert refused.value.code == "not_draft"


def test_a_closed_vacancy_leaves_the_list_and_cannot_be_edited(vacancy, company_staff):
    services.vacancy_close(vacancy=vacancy, actor=company_staff)
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.CLOSED
    assert not selectors.public_vacancies().exists()
    assert "vacancy.close" in actions(object_id=str(vacancy.pk))
    with pytest.raises(ServiceError) as refused:
        services.vacancy_update(vacancy=vacancy, actor=company_staff, city="Taichung")
    assert refused.value.code == "vacancy_closed"
    with pytest.raises(ServiceError) as refused:
        services.vacancy_close(vacancy=vacancy, actor=company_staff)
    assert refused.value.code == "already_closed"


# --- the public list -----------------------------------------------------------------------------------------


def test_public_list_filters(company_staff, company):
    spr = factories.permit(agency=company, country="Taiwan", positions="Caregiver\nOperator pabrik", quota=50)
    hongkong = factories.permit(agency=company, country="Hong Kong", positions="Caregiver")
    care = make_vacancy(company_staff, spr, salary=20000, city="Taipei")
    factory = make_vacancy(
        company_staff,
        spr,
        position="Operator pabrik",
        sector="manufacturing",
        salary=27000,
        city="Taichung",
        employer_name="Formosa Plastics",
        closing_date=TODAY() + datetime.timedelta(days=5),
    )
    hk = make_vacancy(company_staff, hongkong, country="Hong Kong", city="Kowloon", salary=4990, currency="HKD")
    full = make_vacancy(company_staff, spr, openings=1)
    Vacancy.objects.filter(pk=full.pk).update(accepted_count=1)
    past = make_vacancy(company_staff, spr)
    Vacancy.objects.filter(pk=past.pk).update(closing_date=TODAY() - datetime.timedelta(days=1))

    def find(**kw):
        return list(selectors.public_vacancies(selectors.VacancyFilters(**kw)))

    assert find() == [hk, factory, care]  # newest first; full and past ones are gone
    assert find(search="formosa") == [factory]
    assert find(search="taipei") == [care]
    assert find(country="hong kong") == [hk]
    assert find(sector="manufacturing") == [factory]
    assert find(position="caregiver") == [hk, care]
    assert find(salary_min=10000) == [factory, care]
    assert find(salary_max=21000) == [hk, care]
    assert find(closing_soon=True) == [factory]
    assert find(country="HK") == [hk]
    assert selectors.countries() == [("HK", "Hong Kong"), ("TW", "Taiwan")]


def test_a_company_that_is_not_a_p3mi_cannot_open_an_overseas_vacancy(company_staff, company, spr):
    type(company).objects.filter(pk=company.pk).update(kind="domestic", sip2mi_number=None, sip2mi_valid_until=None)
    with pytest.raises(ServiceError) as refused:
        make_vacancy(company_staff, spr)
    assert refused.value.code == "not_p3mi"
    assert "hanya dapat dilakukan oleh perusahaan penempatan (P3MI)" in refused.value.message
    nothing_written()
