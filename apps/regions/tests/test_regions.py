import pytest
from django.urls import reverse

from apps.offices.models import LabourOffice
from apps.regions.loader import load_regions
from apps.regions.models import Region, RegionLevel

pytestmark = pytest.mark.django_db


def test_every_province_and_regency_is_loaded_with_its_official_code():
    assert Region.objects.filter(level=RegionLevel.PROVINCE).count() == 38
    assert Region.objects.filter(level=RegionLevel.REGENCY).count() == 514
    assert Region.objects.get(code="32.76").name == "Kota Depok"
    assert Region.objects.get(code="96").name == "Papua Barat Daya"
    assert Region.objects.filter(level=RegionLevel.DISTRICT).count() > 7000


def test_every_province_and_regency_has_a_labour_office():
    assert LabourOffice.objects.count() == 38 + 514
    assert LabourOffice.objects.get(region_id="32.76").name == "Dinas Tenaga Kerja Kota Depok"
    assert LabourOffice.objects.get(region_id="32").level == "province"


def test_villages_are_loaded_on_request_and_loading_twice_adds_nothing():
    added = load_regions(Region, village_parents=["32.76.01"])
    assert added > 0
    village = Region.objects.filter(parent_id="32.76.01").first()
    assert village.level == RegionLevel.VILLAGE
    assert len(village.postal_code) == 5
    assert load_regions(Region, village_parents=["32.76.01"]) == 0


def test_the_options_endpoint_fills_the_next_select_and_clears_the_ones_below(client):
    response = client.get(
        reverse("regions:options"),
        {"source": "address_province", "address_province": "32", "clear": "address_district,address_village"},
    )
    page = response.content.decode()
    assert '<option value="32.76">Kota Depok</option>' in page
    assert 'id="id_address_district" hx-swap-oob="innerHTML"' in page
    assert 'id="id_address_village" hx-swap-oob="innerHTML"' in page


def test_the_options_endpoint_with_no_choice_offers_nothing(client):
    response = client.get(reverse("regions:options"), {"source": "address_province", "address_province": ""})
    assert response.content.decode().count("<option") == 1


def test_the_region_api_lists_children(client):
    response = client.get("/api/regions/", {"parent": "32.76"})
    assert response.status_code == 200
    names = [row["name"] for row in response.json()]
    assert "Pancoran Mas" in names
    assert all(row["parent"] == "32.76" for row in response.json())


@pytest.mark.parametrize(
    "params",
    [
        {"source": "address_province", "address_province": "32\x00"},
        {"source": "address_province", "address_province": "'; DROP TABLE regions_region; --"},
        {"source": "address_province", "address_province": "9" * 5000},
        {"source": "address_province"},
        {"source": "address\x00province", "address\x00province": "32"},
        {"source": "address_province", "address_province": "32", "clear": "address_regency,<script>"},
        {},
    ],
    ids=["nul", "sql", "huge", "no-value", "nul-in-name", "bad-clear", "nothing"],
)
def test_the_options_endpoint_answers_malformed_parameters_with_400(client, params):
    assert client.get(reverse("regions:options"), params).status_code == 400


@pytest.mark.parametrize("parent", ["32\x00", "32.76.", "x" * 20, "3276", "𝟛𝟚"])
def test_the_region_api_answers_a_malformed_parent_with_400(client, parent):
    response = client.get("/api/regions/", {"parent": parent})

    assert response.status_code == 400
    assert "parent" in response.json()


def test_the_region_api_without_parent_lists_the_provinces(client):
    response = client.get("/api/regions/", {"parent": ""})

    assert response.status_code == 200
    assert {row["level"] for row in response.json()} == {1}
