"""The public list's search, country filter, capped count and deep pages, and its cheap anonymous pages (cache,
ETag/304). Runs on SQLite (LIKE) and PostgreSQL (the stored search document) alike: the same selector."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.vacancies import selectors, services
from apps.vacancies.models import Vacancy
from apps.vacancies.tests.builders import make_vacancy
from testing import factories


def find(**kw):
    return list(selectors.public_vacancies(selectors.VacancyFilters(**kw)))


@pytest.fixture
def two_countries(company, company_staff):
    taiwan = factories.permit(agency=company, country="Taiwan", positions="Perawat Lansia\nOperator Produksi")
    hongkong = factories.permit(agency=company, country="hong kong", positions="Perawat Lansia")
    care = make_vacancy(company_staff, taiwan, position="Perawat Lansia", employer_name="Keluarga Chen")
    factory = make_vacancy(
        company_staff,
        taiwan,
        position="Operator Produksi",
        sector="manufacturing",
        employer_name="Formosa Plastics",
        description="Mengoperasikan mesin cetak plastik.",
    )
    hk = make_vacancy(company_staff, hongkong, position="Perawat Lansia", country="Hong Kong", currency="HKD")
    return care, factory, hk


def test_countries_are_stored_as_iso_codes_whatever_was_typed(two_countries):
    care, factory, hk = two_countries
    assert (care.country, hk.country) == ("TW", "HK")
    assert care.country_name == "Taiwan"
    assert selectors.countries() == [("HK", "Hong Kong"), ("TW", "Taiwan")]  # one Taiwan, not "taiwan" beside it


def test_a_partial_word_finds_the_vacancy(two_countries):
    care, factory, hk = two_countries
    assert find(search="pera") == [hk, care]  # the start of "Perawat"
    assert find(search="plast") == [factory]  # employer and description
    assert find(search="PERAWAT lans") == [hk, care]  # every word, any case
    assert find(search="manufaktur") == [factory]  # the sector's Indonesian name
    assert find(search="zzz") == []


def test_a_country_name_in_the_search_finds_its_vacancies(two_countries):
    care, factory, hk = two_countries
    assert find(search="hong kong") == [hk]
    assert find(search="perawat taiwan") == [care]


def test_the_country_filter_takes_a_code_or_a_name(two_countries):
    care, factory, hk = two_countries
    assert find(country="TW") == [factory, care]
    assert find(country="taiwan") == [factory, care]
    assert find(country="HK", search="perawat") == [hk]


def test_an_old_link_with_a_country_name_still_filters(client, two_countries):
    care, factory, hk = two_countries
    for negara in ("Taiwan", "taiwan", "TW"):
        page = client.get(reverse("vacancies:list"), {"negara": negara}).content.decode()
        assert "Formosa Plastics" in page and "Hong Kong, " not in page
    select = client.get(reverse("vacancies:list")).content.decode()
    assert '<option value="TW">Taiwan</option>' in select and '<option value="HK">Hong Kong</option>' in select


def test_the_count_stops_at_the_cap_and_the_deepest_page_says_so(client, company_staff, spr, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_CAP", 40)
    first = make_vacancy(company_staff, spr)
    now = timezone.now()
    Vacancy.objects.bulk_create(
        [
            Vacancy(
                **{
                    f.attname: getattr(first, f.attname)
                    for f in Vacancy._meta.concrete_fields
                    if f.name not in ("id", "created_at", "updated_at")
                }
                | {"position": f"Caregiver {n:02}", "published_at": now + datetime.timedelta(seconds=n)}
            )
            for n in range(60)
        ]
    )
    assert selectors.capped_count(selectors.public_vacancies(), cap=40) == 41  # never reads all 61
    response = client.get(reverse("vacancies:list"))
    assert "Lebih dari 40 lowongan" in response.content.decode()
    assert response.context["page"].paginator.num_pages == 2
    deepest = client.get(reverse("vacancies:list"), {"halaman": 2}).content.decode()
    assert deepest.count('data-testid="vacancy-card"') == 20
    assert "Caregiver 20" in deepest and "Caregiver 19" not in deepest  # newest first: 59..40, then 39..20
    assert 'data-testid="vacancy-more"' in deepest
    beyond = client.get(reverse("vacancies:list"), {"halaman": 99}).content.decode()
    assert "Caregiver 20" in beyond  # a page beyond the cap shows the last one


def test_an_anonymous_visitor_revalidates_and_gets_304_until_a_vacancy_changes(client, company_staff, vacancy):
    url = reverse("vacancies:list")
    client.get(url)  # the first visit sets the CSRF cookie the page's language form uses
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    again = client.get(url, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    detail = client.get(reverse("vacancies:detail", args=[vacancy.pk]))
    assert (
        client.get(
            reverse("vacancies:detail", args=[vacancy.pk]), headers={"if-none-match": detail["ETag"]}
        ).status_code
        == 304
    )
    services.vacancy_close(vacancy=vacancy, actor=company_staff)
    changed = client.get(url, headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert 'data-testid="vacancy-empty"' in changed.content.decode()  # the cached body was not reused


def test_an_edit_shows_at_once_in_the_cached_list(client, company_staff, vacancy):
    assert "Caregiver" in client.get(reverse("vacancies:list")).content.decode()
    services.vacancy_update(vacancy=vacancy, actor=company_staff, city="Kaohsiung")
    assert "Kaohsiung" in client.get(reverse("vacancies:list")).content.decode()


def test_a_signed_in_visitor_gets_no_validators(client, job_seeker, vacancy):
    client.force_login(job_seeker)
    response = client.get(reverse("vacancies:list"))
    assert response.status_code == 200
    assert not response.has_header("ETag")


def test_a_signed_in_search_reuses_the_list_body_and_still_shows_an_edit_at_once(
    client, job_seeker, company_staff, vacancy, django_assert_max_num_queries
):
    client.force_login(job_seeker)
    search = {"q": "caregiver", "negara": "TW"}
    assert "Caregiver" in client.get(reverse("vacancies:list"), search).content.decode()
    # Again: the session, the user, the layout's own reads and the list's version; no search, count or page.
    with django_assert_max_num_queries(6) as again:
        page = client.get(reverse("vacancies:list"), search).content.decode()
    assert "Caregiver" in page and not any(
        "vacancies_vacancy" in q["sql"] and "COUNT" in q["sql"].upper() for q in again.captured_queries
    )
    assert not any('"vacancies_vacancy"."position"' in q["sql"] for q in again.captured_queries)
    assert reverse("accounts:logout") in page  # the layout is still the signed-in visitor's own
    services.vacancy_update(vacancy=vacancy, actor=company_staff, city="Kaohsiung")
    assert "Kaohsiung" in client.get(reverse("vacancies:list"), search).content.decode()


def test_a_cached_page_gives_each_visitor_their_own_working_csrf_token(vacancy):
    import re

    from django.test import Client

    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get(reverse("vacancies:list")).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        tokens.append(token)
        switched = visitor.post(reverse("set_language"), {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
        assert switched.status_code == 302  # the language form works with the token from the cached page
    assert tokens[0] != tokens[1]


@pytest.mark.parametrize("common_words", [False, True])
def test_a_search_gives_the_same_newest_first_pages_whichever_way_it_is_read(
    client, company_staff, spr, monkeypatch, common_words
):
    """Common words are read newest first from the list's index, rare ones sorted from their ids (PostgreSQL
    chooses by the word statistics; forced here both ways); deep pages beyond the cap alike."""
    monkeypatch.setattr(selectors, "_frequent", lambda words: common_words)
    monkeypatch.setattr(selectors, "COUNT_CAP", 30)
    first = make_vacancy(company_staff, spr, description="Tugas harian.")  # a Caregiver
    now = timezone.now()
    fields = {
        f.attname: getattr(first, f.attname)
        for f in Vacancy._meta.concrete_fields
        if f.name not in ("id", "created_at", "updated_at")
    }
    Vacancy.objects.bulk_create(
        [
            Vacancy(
                **fields
                | {
                    "position": f"Perawat Lansia {n:02}" if n % 2 else f"Operator {n:02}",
                    "published_at": now + datetime.timedelta(seconds=n),
                }
            )
            for n in range(80)
        ]
    )
    response = client.get(reverse("vacancies:list"), {"q": "lansia", "negara": "TW", "halaman": 2})
    page = response.context["page"]
    assert page.paginator.capped and page.paginator.num_pages == 2
    assert [v.position for v in page.object_list] == [f"Perawat Lansia {n:02}" for n in range(39, 0, -2)]
    few = client.get(reverse("vacancies:list"), {"q": "lansia 7"}).context["page"]  # the start of 71…79, not 07
    assert not few.paginator.capped
    assert [v.position for v in few.object_list] == [f"Perawat Lansia {n}" for n in (79, 77, 75, 73, 71)]
    one = client.get(reverse("vacancies:list"), {"q": "lansia 77"}).context["page"]
    assert [v.position for v in one.object_list] == ["Perawat Lansia 77"]
