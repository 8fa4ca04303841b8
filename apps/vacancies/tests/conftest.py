import pytest

from apps.vacancies import services
from apps.vacancies.tests.builders import make_vacancy, verified_candidate
from testing import factories


@pytest.fixture
def company(db):
    """A P3MI with a valid licence and a recruiting officer approved by Kota Depok."""
    agency = factories.agency(name="PT Maju Bersama")
    factories.approved_officer(agency=agency, office=factories.office())
    return agency


@pytest.fixture
def company_staff(company):
    return factories.agency_member(agency=company, full_name="Fajar Maju")


@pytest.fixture
def other_company(db):
    return factories.agency(name="PT Lain Sejahtera")


@pytest.fixture
def other_company_staff(other_company):
    return factories.agency_member(agency=other_company, full_name="Gilang Lain")


@pytest.fixture
def spr(company):
    """Taiwan, Caregiver, West Java (32), quota 5."""
    return factories.permit(agency=company)


@pytest.fixture
def vacancy(company_staff, spr):
    return make_vacancy(company_staff, spr)


@pytest.fixture
def cpmi(job_seeker, officer):
    """Ani, verified as CPMI by Kota Depok, with a "Perawat lansia" competency certificate."""
    return verified_candidate(job_seeker, officer)


@pytest.fixture
def application(cpmi, vacancy):
    return services.application_apply(actor=cpmi.user, vacancy=vacancy)
