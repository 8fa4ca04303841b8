"""Fixtures of the tests of companies in job fairs."""

import datetime

import pytest
from django.utils import timezone

from apps.jobfairs.tests import participation_builders
from apps.vacancies.tests.builders import make_vacancy
from testing import factories


@pytest.fixture
def fair(organiser):
    """Published, starting in three days, room for two companies."""
    factories.organiser_profile(organiser)
    starts = timezone.now() + datetime.timedelta(days=3)
    return factories.job_fair(organiser=organiser, status="published", starts_at=starts, max_companies=2)


@pytest.fixture
def spr(company):
    return factories.permit(agency=company)


@pytest.fixture
def vacancy(owner, spr):
    return make_vacancy(owner, spr)


@pytest.fixture
def other_owner(other_company):
    return factories.agency_member(agency=other_company, role="owner", full_name="Joko Pemilik Lain")


@pytest.fixture
def joined(fair, owner, organiser):
    """The company accepted in the fair."""
    return participation_builders.accepted(fair, owner, organiser)
