import datetime

import pytest
from django.utils import timezone

from apps.jobfairs.models import ParticipationStatus
from apps.jobfairs.tests.attendance_builders import fair_at, participate, publish
from apps.vacancies.tests.builders import make_vacancy, verified_candidate
from testing import factories

# A fixed start, three days from now on a whole minute: the services get `now` around it.
START = (timezone.now() + datetime.timedelta(days=3)).replace(second=0, microsecond=0)
END = START + datetime.timedelta(hours=8)


@pytest.fixture
def fair_company(db):
    """A P3MI with a recruiting officer approved by Kota Depok, so it may take applications."""
    agency = factories.agency(name="PT Maju Bersama")
    factories.approved_officer(agency=agency, office=factories.office())
    return agency


@pytest.fixture
def fair_staff(fair_company):
    return factories.agency_member(agency=fair_company, full_name="Fajar Maju")


@pytest.fixture
def spr(fair_company):
    """Taiwan, Caregiver, recruiting in West Java (32)."""
    return factories.permit(agency=fair_company)


@pytest.fixture
def vacancy(fair_staff, spr):
    """Caregiver in Taipei; requires the "Perawat lansia" certificate."""
    return make_vacancy(fair_staff, spr)


@pytest.fixture
def cpmi(job_seeker, officer):
    """Ani from Kota Depok, a verified CPMI holding the "Perawat lansia" competency certificate."""
    return verified_candidate(job_seeker, officer)


@pytest.fixture
def fair(organiser, fair_company, fair_staff, vacancy):
    """Published, from START for 8 hours, the company accepted with its vacancy."""
    fair = fair_at(START, organiser=organiser, name="Job Fair Depok Berkarier")
    publish(fair, participate(fair, fair_company, fair_staff), vacancy)
    return fair


@pytest.fixture
def requested_company_vacancy(fair, fair_staff):
    """Another company whose request to join is still waiting, with a vacancy published into the fair."""
    other = factories.agency(name="PT Belum Diterima")
    factories.approved_officer(agency=other, office=factories.office())
    other_staff = factories.agency_member(agency=other, full_name="Staf Belum")
    other_vacancy = make_vacancy(other_staff, factories.permit(agency=other), employer_name="Keluarga Lin")
    publish(fair, participate(fair, other, other_staff, status=ParticipationStatus.REQUESTED), other_vacancy)
    return other_vacancy
