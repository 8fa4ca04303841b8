"""Personas of the SPR tests: a company with its owner, and another company."""

import pytest

from testing import factories


@pytest.fixture
def company(db):
    return factories.agency(name="PT Maju Sejahtera")


@pytest.fixture
def owner(company):
    return factories.agency_member(agency=company, role="owner", full_name="Indah Pemilik")


@pytest.fixture
def other_company(db):
    return factories.agency(name="PT Lain Jaya")
