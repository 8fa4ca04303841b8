import pytest

from testing import factories


@pytest.fixture
def depok(db):
    return factories.office()


@pytest.fixture
def bogor(db):
    return factories.office("32.71")


@pytest.fixture
def division_head(db):
    return factories.staff(position="division_head", full_name="Kurnia Kabid")


@pytest.fixture
def other_office_head(db):
    return factories.staff(position="office_head", regency_code="32.71", full_name="Lukman Kadis Bogor")
