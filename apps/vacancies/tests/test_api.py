"""The public vacancy API: the web list's selector and search, in keyset pages that never count the table."""

import pytest
from django.urls import reverse

from apps.vacancies import services
from apps.vacancies.models import Vacancy
from apps.vacancies.tests.builders import clone

URL = "/api/vacancies/"


def test_the_api_url_is_named():
    assert reverse("api-vacancies") == URL


def walk(client, params=None) -> list[dict]:
    """Every page, following `next`."""
    rows, response = [], client.get(URL, params or {})
    while True:
        assert response.status_code == 200
        body = response.json()
        rows += body["results"]
        if not body["next"]:
            return rows
        response = client.get(body["next"])


def test_pages_follow_each_other_newest_first_with_nothing_repeated_or_left_out(client, vacancy):
    Vacancy.objects.bulk_create([clone(vacancy, n) for n in range(44)])
    first = client.get(URL).json()
    assert len(first["results"]) == 20 and first["previous"] is None and "cursor=" in first["next"]
    assert "count" not in first  # nothing counts the table
    rows = walk(client)
    assert len(rows) == 45 and len({row["id"] for row in rows}) == 45
    assert [row["position"] for row in rows[:2]] == ["Caregiver 43", "Caregiver 42"]
    assert rows[-1]["id"] == vacancy.pk
    assert rows[0]["url"].endswith(reverse("vacancies:detail", args=[rows[0]["id"]]))
    assert rows[0]["country"] == "TW" and rows[0]["company"] == vacancy.agency.name


@pytest.mark.parametrize("count", [3, 45])
def test_a_page_needs_the_same_queries_for_3_or_45_vacancies(client, vacancy, count, django_assert_max_num_queries):
    Vacancy.objects.bulk_create([clone(vacancy, n) for n in range(count - 1)])
    # The page with its companies; on PostgreSQL also the search words' statistics (cached for an hour).
    with django_assert_max_num_queries(2):
        response = client.get(URL, {"q": "caregiver", "country": "Taiwan"})
    assert len(response.json()["results"]) == min(count, 20)


def test_the_search_and_filters_are_the_web_lists(client, company_staff, vacancy):
    other = clone(vacancy, 1)
    other.position, other.sector = "Operator Produksi", "manufacturing"
    other.save()
    assert [row["id"] for row in walk(client, {"q": "operator"})] == [other.pk]
    assert [row["id"] for row in walk(client, {"sector": "care", "country": "TW"})] == [vacancy.pk]
    assert walk(client, {"country": "Jepang"}) == []
    services.vacancy_close(vacancy=vacancy, actor=company_staff)
    assert [row["id"] for row in walk(client)] == [other.pk]  # a closed vacancy leaves the list


def test_bad_filters_answer_400_with_a_message(client, vacancy):
    response = client.get(URL, {"country": "Atlantis", "sector": "space"})
    assert response.status_code == 400
    body = response.json()
    assert body["country"] == ["Negara tidak dikenal."] and "sector" in body
