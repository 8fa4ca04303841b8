import pytest

from apps.documents import services
from apps.documents.models import DocumentType
from testing import factories


@pytest.fixture
def division_head(db):
    return factories.staff(position="division_head", full_name="Kurnia Kabid")


@pytest.fixture
def secretary(db):
    return factories.staff(position="secretary", full_name="Sari Sekretaris")


@pytest.fixture
def office(db):
    return factories.office()


@pytest.fixture
def other_office(db):
    return factories.office("32.71")


BODY = {
    "candidate": {"name": "Siti Aminah", "nik": "3276011403950001", "sex": "P", "registration_number": "CPMI-1"},
    "destination": "Taiwan",
    "position": "Caregiver",
    "immigration_office": "Kantor Imigrasi Kelas I Depok",
    "birth_date": "1995-03-14",
}
FACTS = {"country": "Taiwan", "sex": "P", "sector": "care", "agency_name": "PT Maju Sejahtera", "agency_id": 7}


def issue(office, actor, signer, *, document_type=DocumentType.PASSPORT_RECOMMENDATION, subject="Siti Aminah — Taiwan"):
    entry = services.register_allocate(office=office, document_type=document_type, actor=actor, subject=subject)
    return services.document_issue(
        entry=entry, body=BODY, signer=signer, authority="Kepala Dinas", actor=actor, facts=FACTS
    )
