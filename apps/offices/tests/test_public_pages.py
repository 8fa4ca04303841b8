"""The public service-information pages: the offices (search, pages) and each office's services."""

import pytest

from apps.offices.catalogue import SERVICES
from apps.offices.models import LabourOffice, OfficeChecklistItem
from testing import factories

pytestmark = pytest.mark.django_db


def test_anyone_finds_an_office_by_name_or_region(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = client.get("/layanan-dinas/", {"q": "depok"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Dinas Tenaga Kerja Kota Depok" in page
    assert "Kota Bogor" not in page


def test_the_list_is_paginated(client):
    response = client.get("/layanan-dinas/", {"halaman": 2})
    assert response.status_code == 200
    assert LabourOffice.objects.count() > 20
    assert "Halaman 2 dari" in response.content.decode()


def test_a_search_without_result_says_so(client):
    response = client.get("/layanan-dinas/", {"q": "Atlantis"})
    assert "Tidak ada dinas yang cocok" in response.content.decode()


def test_the_office_page_publishes_each_service(client, django_assert_max_num_queries):
    office = factories.office()
    office.address = "Jl. Margonda Raya No. 54"
    office.phone = "(021) 7773456"
    office.email = "disnaker@depok.go.id"
    office.website = "https://disnaker.depok.go.id"
    office.save()

    with django_assert_max_num_queries(3):
        response = client.get(f"/layanan-dinas/{office.pk}/")

    page = response.content.decode()
    for service in SERVICES.values():
        assert str(service.name) in page
        assert str(service.legal_basis) in page
        for step in service.steps:
            assert str(step.label) in page
    assert page.count("Tidak dipungut biaya") == len(SERVICES)
    assert "3 hari kerja" in page and "20 menit" in page and "Kepala Bidang PTK" in page
    assert "Perusahaan penempatan (P3MI)" in page  # who signs the hand-over minutes
    for contact in (
        "Jl. Margonda Raya No. 54",
        "(021) 7773456",
        "disnaker@depok.go.id",
        "https://disnaker.depok.go.id",
    ):
        assert contact in page
    assert f"/pengaduan/?kantor={office.pk}" in page


def test_only_steps_with_an_sop_time_carry_a_time_badge(client):
    office = factories.office()
    page = client.get(f"/layanan-dinas/{office.pk}/").content.decode()
    timed = sum(1 for s in SERVICES.values() for step in s.steps if step.standard_minutes or step.standard_working_days)
    assert page.count('data-testid="step-time"') == timed
    assert ">—<" not in page


def test_the_office_page_shows_its_active_local_items_marked_local(client, office_head):
    office = factories.office()
    for label, active in (("Surat keterangan domisili", True), ("Surat lama yang dihapus", False)):
        OfficeChecklistItem.objects.create(
            office=office,
            service="passport_recommendation",
            label=label,
            party="candidate",
            active=active,
            created_by=office_head,
        )
    page = client.get(f"/layanan-dinas/{office.pk}/").content.decode()
    assert "Surat keterangan domisili" in page and "ketentuan lokal" in page
    assert "Surat lama yang dihapus" not in page
    # Another office's page does not show it.
    assert (
        "Surat keterangan domisili"
        not in client.get(f"/layanan-dinas/{factories.office('32.71').pk}/").content.decode()
    )


def test_an_unknown_office_is_404(client):
    assert client.get("/layanan-dinas/999999/").status_code == 404
