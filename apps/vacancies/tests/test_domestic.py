"""Domestic vacancies: any company offers work in Indonesia without an SPR, any activated job seeker with a profile
applies, accepting uses no SPR quota; overseas vacancies keep every rule they had."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.agencies.models import CompanyKind
from apps.agreements import services as agreement_services
from apps.audit.models import AuditEvent
from apps.core.errors import ServiceError
from apps.profiles import services as profile_services
from apps.vacancies import selectors, services
from apps.vacancies.models import Application, ApplicationStatus, PermitUse, VacancyKind
from apps.vacancies.tests.builders import make_vacancy, vacancy_fields
from testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer(db):
    """A domestic employer: not a P3MI, no SIP2MI, no SPR."""
    return factories.agency(
        name="PT Roti Nusantara", kind=CompanyKind.DOMESTIC_EMPLOYER, sip2mi_number=None, sip2mi_valid_until=None
    )


@pytest.fixture
def employer_staff(employer):
    return factories.agency_member(agency=employer, full_name="Wulan Roti")


@pytest.fixture
def seeker_with_profile(job_seeker):
    """Ani: an activated job seeker (not a CPMI) who has started her profile."""
    profile_services.skill_add(user=job_seeker, name="Mengemudi")
    return job_seeker


def domestic_fields(**overrides) -> dict:
    values = vacancy_fields(
        None,
        kind=VacancyKind.DOMESTIC,
        position="Sopir pengiriman",
        sector="other",
        country="",
        city="Kota Depok",
        employer_name="PT Roti Nusantara",
        salary=5200000,
        currency="",
        contract_months=12,
        required_certificates="",
        description="Mengantar roti ke toko-toko di Depok.",
    )
    values.update(overrides)
    return values


def domestic_vacancy(actor, **overrides):
    return services.vacancy_create(actor=actor, **domestic_fields(**overrides))


def test_any_company_publishes_a_domestic_vacancy_without_an_spr(employer_staff, employer):
    vacancy = domestic_vacancy(employer_staff)
    assert vacancy.kind == VacancyKind.DOMESTIC
    assert vacancy.permit is None
    assert (vacancy.country, vacancy.currency, vacancy.city) == ("ID", "IDR", "Kota Depok")
    assert list(selectors.public_vacancies()) == [vacancy]
    event = AuditEvent.objects.get(action="vacancy.create", object_id=str(vacancy.pk))
    assert event.data["kind"] == "domestic"


def test_a_domestic_vacancy_ignores_an_spr_given_with_it(company_staff, spr):
    vacancy = domestic_vacancy(company_staff, permit=spr, country="Taiwan", currency="TWD")
    assert (vacancy.permit, vacancy.country, vacancy.currency) == (None, "ID", "IDR")


def test_a_company_that_is_not_a_p3mi_cannot_offer_overseas_work(employer_staff, employer):
    permit_of_someone = factories.permit(agency=factories.agency())
    with pytest.raises(ServiceError):
        make_vacancy(employer_staff, permit_of_someone)
    with pytest.raises(ServiceError) as refused:
        make_vacancy(employer_staff, None)
    assert refused.value.code == "permit_required"
    assert not employer.vacancies.exists()


def test_an_overseas_vacancy_still_needs_its_spr(company_staff):
    with pytest.raises(ServiceError) as refused:
        make_vacancy(company_staff, None)
    assert refused.value.field == "permit"


def test_the_kind_cannot_change_once_someone_applied(employer_staff, seeker_with_profile):
    vacancy = domestic_vacancy(employer_staff)
    services.application_apply(actor=seeker_with_profile, vacancy=vacancy)
    with pytest.raises(ServiceError) as refused:
        services.vacancy_update(vacancy=vacancy, actor=employer_staff, kind=VacancyKind.OVERSEAS)
    assert refused.value.code == "kind_has_applications"


def test_a_job_seeker_with_a_profile_applies_to_a_domestic_vacancy(employer_staff, seeker_with_profile):
    vacancy = domestic_vacancy(employer_staff)
    application = services.application_apply(actor=seeker_with_profile, vacancy=vacancy)
    assert application.applicant == seeker_with_profile
    assert application.candidate is None
    assert list(selectors.applications_of(seeker_with_profile)) == [application]
    with pytest.raises(ServiceError) as twice:
        services.application_apply(actor=seeker_with_profile, vacancy=vacancy)
    assert twice.value.code == "already_applied"


def test_without_a_profile_a_job_seeker_is_asked_to_fill_it_first(employer_staff, job_seeker):
    vacancy = domestic_vacancy(employer_staff)
    with pytest.raises(ServiceError) as refused:
        services.application_apply(actor=job_seeker, vacancy=vacancy)
    assert refused.value.code == "no_profile"
    assert not Application.objects.exists()


def test_a_non_cpmi_still_cannot_apply_overseas(vacancy, seeker_with_profile):
    with pytest.raises(ServiceError) as refused:
        services.application_apply(actor=seeker_with_profile, vacancy=vacancy)
    assert refused.value.code == "not_cpmi"


def test_accepting_a_domestic_applicant_uses_an_opening_and_no_spr_quota(employer_staff, seeker_with_profile):
    vacancy = domestic_vacancy(employer_staff, openings=1)
    application = services.application_apply(actor=seeker_with_profile, vacancy=vacancy)
    services.application_process(application=application, actor=employer_staff)
    services.application_accept(application=application, actor=employer_staff)
    application.refresh_from_db()
    vacancy.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert vacancy.accepted_count == 1 and vacancy.is_full
    assert not PermitUse.objects.exists()
    assert AuditEvent.objects.filter(action="application.accept", object_id=str(application.pk)).exists()
    # no placement agreement follows a domestic placement
    with pytest.raises(ServiceError) as refused:
        agreement_services.agreement_create_draft(application=application, actor=employer_staff)
    assert refused.value.code in {"not_overseas", "not_p3mi"}


# --- pages -----------------------------------------------------------------------------------------------------


def test_the_company_form_creates_a_domestic_vacancy(client, employer_staff, employer):
    client.force_login(employer_staff)
    page = client.get(reverse("vacancies:company_vacancy_create"))
    assert b"data-overseas-only" in page.content and b"vacancy-kind.js" in page.content
    assert [value for value, _label in page.context["form"].fields["kind"].choices] == ["domestic"]
    data = domestic_fields()
    data.update(
        permit="",
        closing_date=data["closing_date"].isoformat(),
        other_requirements="",
        action="publish",
    )
    response = client.post(reverse("vacancies:company_vacancy_create"), data)
    assert response.status_code == 302
    vacancy = employer.vacancies.get()
    assert vacancy.kind == VacancyKind.DOMESTIC and vacancy.currency == "IDR"


def test_the_public_list_and_page_show_the_kind(client, employer_staff, vacancy):
    domestic = domestic_vacancy(employer_staff)
    listing = client.get(reverse("vacancies:list"))
    assert "Dalam negeri" in listing.content.decode() and "Luar negeri" in listing.content.decode()
    only_domestic = client.get(reverse("vacancies:list"), {"jenis": "domestic"})
    assert list(only_domestic.context["page"].object_list) == [domestic]
    detail = client.get(reverse("vacancies:detail", args=[domestic.pk]))
    assert "Dalam negeri" in detail.content.decode()
    assert detail.context["state"] == "anonymous"


def test_a_job_seeker_applies_to_a_domestic_vacancy_from_its_page(client, employer_staff, seeker_with_profile):
    vacancy = domestic_vacancy(employer_staff)
    client.force_login(seeker_with_profile)
    assert client.get(reverse("vacancies:detail", args=[vacancy.pk])).context["state"] == "can_apply"
    response = client.post(reverse("vacancies:apply", args=[vacancy.pk]))
    application = Application.objects.get()
    assert response.url == reverse("vacancies:my_application", args=[application.pk])
    mine = client.get(reverse("vacancies:my_applications"))
    assert list(mine.context["applications"]) == [application]
    assert client.get(response.url).status_code == 200
    # the company sees the applicant, without CPMI data
    client.force_login(employer_staff)
    page = client.get(reverse("vacancies:company_application", args=[application.pk]))
    assert page.status_code == 200 and seeker_with_profile.full_name in page.content.decode()
    assert page.context["candidate"] is None


def test_without_a_profile_the_page_offers_to_fill_it(client, employer_staff, job_seeker):
    vacancy = domestic_vacancy(employer_staff)
    client.force_login(job_seeker)
    page = client.get(reverse("vacancies:detail", args=[vacancy.pk]))
    assert page.context["state"] == "no_profile"
    assert reverse("profiles:overview") in page.content.decode()


def test_an_accepted_domestic_application_reads_accepted_not_waiting_for_a_pp(
    client, employer_staff, seeker_with_profile
):
    vacancy = domestic_vacancy(employer_staff, closing_date=timezone.localdate() + datetime.timedelta(days=3))
    application = services.application_apply(actor=seeker_with_profile, vacancy=vacancy)
    services.application_process(application=application, actor=employer_staff)
    services.application_accept(application=application, actor=employer_staff)
    client.force_login(seeker_with_profile)
    page = client.get(reverse("vacancies:my_applications"))
    assert "Diterima" in page.content.decode()
    assert "Menunggu Verifikasi PP" not in page.content.decode()


def test_an_account_not_yet_activated_cannot_apply(employer_staff):
    waiting = factories.user(full_name="Citra Belum Aktif", activated=False)
    profile_services.skill_add(user=waiting, name="Mengemudi")
    vacancy = domestic_vacancy(employer_staff)
    with pytest.raises(ServiceError) as refused:
        services.application_apply(actor=waiting, vacancy=vacancy)
    assert refused.value.code == "no_profile"
