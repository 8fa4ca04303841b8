"""Personas of the company pages beside the shared `company`, `owner` and `other_company`: a staff member and
the other company's owner."""

import re

import pytest

from testing import factories
from testing.outbox import last_text_to


@pytest.fixture
def company_staff(company, owner):
    return factories.agency_member(agency=company, role="staff", full_name="Joko Staf")


@pytest.fixture
def other_owner(other_company):
    return factories.agency_member(agency=other_company, role="owner", full_name="Kurnia Lain")


def token_sent_to(email: str) -> str:
    """The invitation token in the last e-mail queued for `email`."""
    return re.search(r"/perusahaan/undangan/([^/\s]+)/", last_text_to(email)).group(1)
