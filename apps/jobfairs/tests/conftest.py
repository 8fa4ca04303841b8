import datetime

import pytest
from django.utils import timezone

from apps.accounts.models import AccountType
from testing import factories


@pytest.fixture
def profile(organiser):
    return factories.organiser_profile(organiser)


@pytest.fixture
def other_organiser(db):
    user = factories.user(account_type=AccountType.JOBFAIR_ORGANISER, full_name="Hana Penyelenggara Lain")
    factories.organiser_profile(user, institution="Universitas Lain")
    return user


@pytest.fixture
def fair_fields():
    starts = timezone.now() + datetime.timedelta(days=7)
    return {
        "name": "Job Fair Depok 2026",
        "description": "Bursa kerja untuk warga Depok.",
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=8),
        "time_zone": "Asia/Jakarta",
        "mode": "venue",
        "venue": "Balai Kota Depok",
        "regions": ["32.76"],
        "sectors": ["manufacturing"],
        "max_companies": 30,
    }


@pytest.fixture
def draft(organiser, profile):
    return factories.job_fair(organiser=organiser, status="draft")


@pytest.fixture
def submitted(organiser, profile):
    return factories.job_fair(organiser=organiser, status="submitted")
