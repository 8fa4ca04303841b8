"""The pages: who may open each one, what they do through the services, and the public list's query count."""

import datetime
import decimal

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.vacancies import services
from apps.vacancies.models import Application, ApplicationStatus, PermitUse, Vacancy, VacancyStatus
from apps.vacancies.tests.builders import clone, make_vacancy, vacancy_fields
from testing import factories

pytestmark = pytest.mark.django_db


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


def to_login(response) -> bool:
    return response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def follow_messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


# --- public pages ---------------------------------------------------------------------------------------


def test_anyone_sees_the_list_and_the_detail(client, vacancy):
    response = client.get(reverse("vacancies:list"))
    assert response.status_code == 200
    assert vacancy.position in response.content.decode()
    response = client.get(reverse("vacancies:detail", args=[vacancy.pk]))
    assert response.status_code == 200
    assert response.context["state"] == "anonymous"


def test_a_draft_is_not_public(client, company_staff, spr):
    draft = make_vacancy(company_staff, spr, publish=False)
    assert client.get(reverse("vacancies:detail", args=[draft.pk])).status_code == 404


def test_the_list_filters_by_get_parameters(client, company_staff, company):
    spr = factories.permit(agency=company, positions="Caregiver\nOperator pabrik", quota=50)
    make_vacancy(company_staff, spr, city="Taipei")
    make_vacancy(company_staff, spr, position="Operator pabrik", sector="manufacturing", city="Taichung")
    response = client.get(reverse("vacancies:list"), {"sektor": "manufacturing", "q": "taichung"})
    rows = list(response.context["page"].object_list)
    assert [v.city for v in rows] == ["Taichung"]
    assert response.context["filtered"]


def test_the_list_filters_by_country_and_keeps_the_search(client, company_staff, company):
    taiwan = factories.permit(agency=company, quota=50)
    hong_kong = factories.permit(agency=company, country="Hong Kong", quota=50)
    make_vacancy(company_staff, taiwan, city="Taipei")
    make_vacancy(company_staff, hong_kong, country="Hong Kong", city="Kowloon")
    make_vacancy(company_staff, hong_kong, country="Hong Kong", city="Sha Tin")
    response = client.get(reverse("vacancies:list"), {"negara": "Hong Kong", "q": "kowloon"})
    assert [v.city for v in response.context["page"].object_list] == ["Kowloon"]


def test_the_list_is_paginated_by_20(client, vacancy):
    Vacancy.objects.bulk_create([clone(vacancy, n) for n in range(24)])
    response = client.get(reverse("vacancies:list"), {"halaman": 2})
    assert response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 5


@pytest.mark.parametrize("count", [3, 40])
def test_the_public_list_needs_the_same_few_queries_for_3_or_40_vacancies(
    client, vacancy, count, django_assert_max_num_queries
):
    Vacancy.objects.bulk_create([clone(vacancy, n) for n in range(count - 1)])
    # The list's version (newest change), countries for the filter, the count, the page with its company; on
    # PostgreSQL also the search document's word statistics (cached for an hour, see selectors._frequent).
    with django_assert_max_num_queries(5 if connection.vendor == "postgresql" else 4):
        response = client.get(reverse("vacancies:list"), {"q": "caregiver", "negara": "Taiwan"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count
    assert len(response.content.decode().split('data-testid="vacancy-card"')) - 1 == min(count, 20)
    with django_assert_max_num_queries(1):  # the same page again: only the version is read, the body is cached
        again = client.get(reverse("vacancies:list"), {"q": "caregiver", "negara": "Taiwan"})
    cards = response.content.decode().split('data-testid="vacancy-card"')[1:]
    assert again.content.decode().split('data-testid="vacancy-card"')[1:] == cards


# --- applying --------------------------------------------------------------------------------------------


def test_a_cpmi_applies_from_the_detail_page(client, cpmi, vacancy):
    login(client, cpmi.user)
    response = client.post(reverse("vacancies:apply", args=[vacancy.pk]))
    application = Application.objects.get()
    assert response.status_code == 302 and response.url == reverse("vacancies:my_application", args=[application.pk])
    detail = client.get(reverse("vacancies:detail", args=[vacancy.pk]))
    assert detail.context["state"] == "applied"


def test_applying_twice_by_url_shows_the_message(client, application, cpmi, vacancy):
    login(client, cpmi.user)
    response = client.post(reverse("vacancies:apply", args=[vacancy.pk]), follow=True)
    assert "Anda sudah melamar lowongan ini" in follow_messages(response)
    assert Application.objects.count() == 1


def test_a_job_seeker_who_is_not_a_cpmi_is_told_why_with_a_link(client, job_seeker, vacancy):
    login(client, job_seeker)
    page = client.get(reverse("vacancies:detail", args=[vacancy.pk]))
    assert page.context["state"] == "not_cpmi"
    assert reverse("cpmi:status") in page.content.decode()
    response = client.post(reverse("vacancies:apply", args=[vacancy.pk]), follow=True)
    assert "Hanya CPMI yang sudah terverifikasi" in follow_messages(response)
    assert not Application.objects.exists()


def test_applying_to_a_closed_vacancy_by_url_is_refused(client, cpmi, vacancy, company_staff):
    services.vacancy_close(vacancy=vacancy, actor=company_staff)
    login(client, cpmi.user)
    response = client.post(reverse("vacancies:apply", args=[vacancy.pk]), follow=True)
    assert "Lowongan sudah ditutup" in follow_messages(response)
    assert response.context["state"] == "closed"
    assert not Application.objects.exists()


def test_applying_needs_a_login(client, vacancy):
    assert to_login(client.post(reverse("vacancies:apply", args=[vacancy.pk])))


# --- the CPMI's applications --------------------------------------------------------------------------------


def test_the_cpmi_sees_their_applications_with_interview_and_timeline(client, application, company_staff, cpmi):
    when = timezone.now() + datetime.timedelta(days=3)
    services.application_schedule_interview(
        application=application, actor=company_staff, interview_at=when, link="https://meet.example/x"
    )
    login(client, cpmi.user)
    listing = client.get(reverse("vacancies:my_applications"))
    assert list(listing.context["applications"]) == [application]
    page = client.get(reverse("vacancies:my_application", args=[application.pk]))
    html = page.content.decode()
    assert 'data-testid="interview"' in html and "https://meet.example/x" in html
    assert [e.status for e in page.context["events"]] == ["sent", "interview"]
    assert "withdraw" in page.context["actions"]
    assert page.context["panels"] == []  # no PP yet


def test_the_cpmi_sees_the_rejection_reason(client, application, company_staff, cpmi):
    services.application_reject(application=application, actor=company_staff, reason="Kuota pemberi kerja penuh")
    login(client, cpmi.user)
    page = client.get(reverse("vacancies:my_application", args=[application.pk]))
    assert "Kuota pemberi kerja penuh" in page.content.decode()
    assert "withdraw" not in page.context["actions"]


def test_the_cpmi_withdraws_from_the_page(client, application, cpmi):
    login(client, cpmi.user)
    response = client.post(reverse("vacancies:withdraw", args=[application.pk]), {"confirmed": "1"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_another_job_seeker_cannot_open_or_withdraw_an_application(client, application, other_job_seeker, officer):
    from apps.vacancies.tests.builders import verified_candidate

    other = verified_candidate(other_job_seeker, officer)
    login(client, other.user)
    assert client.get(reverse("vacancies:my_application", args=[application.pk])).status_code == 404
    assert client.post(reverse("vacancies:withdraw", args=[application.pk])).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SENT


@pytest.mark.parametrize("persona", ["company_staff", "officer", "central_admin"])
def test_other_roles_cannot_open_the_cpmi_pages(request, client, application, persona):
    login(client, request.getfixturevalue(persona))
    assert client.get(reverse("vacancies:my_applications")).status_code == 403
    assert client.get(reverse("vacancies:my_application", args=[application.pk])).status_code == 403


def test_anonymous_is_sent_to_login_from_the_cpmi_pages(client, application):
    assert to_login(client.get(reverse("vacancies:my_applications")))
    assert to_login(client.get(reverse("vacancies:my_application", args=[application.pk])))


# --- the company's pages ------------------------------------------------------------------------------------


def form_data(spr, **overrides) -> dict:
    values = vacancy_fields(spr, **overrides)
    values["permit"] = spr.pk
    values["closing_date"] = values["closing_date"].isoformat()
    values["salary"] = str(values["salary"])
    values["other_requirements"] = ""
    return values


def test_the_company_creates_a_vacancy_with_the_form(client, company_staff, spr):
    login(client, company_staff)
    page = client.get(reverse("vacancies:company_vacancy_create"))
    assert list(page.context["form"].fields["permit"].queryset) == [spr]
    response = client.post(reverse("vacancies:company_vacancy_create"), {**form_data(spr), "action": "publish"})
    assert response.status_code == 302
    vacancy = Vacancy.objects.get()
    assert vacancy.status == VacancyStatus.PUBLISHED and vacancy.salary == decimal.Decimal("20000")
    assert vacancy in client.get(reverse("vacancies:company_vacancies")).context["vacancies"]


def test_a_past_closing_date_is_shown_beside_the_field(client, company_staff, spr):
    login(client, company_staff)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(reverse("vacancies:company_vacancy_create"), form_data(spr, closing_date=yesterday))
    assert response.status_code == 200
    assert "Tanggal tutup sudah lewat" in " ".join(response.context["form"].errors["closing_date"])
    assert not Vacancy.objects.exists()


def test_an_spr_of_another_company_cannot_be_posted(client, company_staff, other_company):
    foreign = factories.permit(agency=other_company)
    login(client, company_staff)
    response = client.post(reverse("vacancies:company_vacancy_create"), form_data(foreign))
    assert response.status_code == 200
    assert "permit" in response.context["form"].errors
    assert not Vacancy.objects.exists()


def test_the_company_edits_publishes_and_closes(client, company_staff, spr):
    draft = make_vacancy(company_staff, spr, publish=False)
    login(client, company_staff)
    response = client.post(reverse("vacancies:company_vacancy_edit", args=[draft.pk]), form_data(spr, city="Kaohsiung"))
    assert response.status_code == 302
    client.post(reverse("vacancies:company_vacancy_status", args=[draft.pk]), {"action": "publish"})
    draft.refresh_from_db()
    assert (draft.city, draft.status) == ("Kaohsiung", VacancyStatus.PUBLISHED)
    client.post(reverse("vacancies:company_vacancy_status", args=[draft.pk]), {"action": "close"})
    draft.refresh_from_db()
    assert draft.status == VacancyStatus.CLOSED


def test_another_company_gets_404_for_a_vacancy_and_its_application(client, application, vacancy, other_company_staff):
    login(client, other_company_staff)
    assert vacancy not in client.get(reverse("vacancies:company_vacancies")).context["vacancies"]
    assert client.get(reverse("vacancies:company_vacancy_edit", args=[vacancy.pk])).status_code == 404
    edit = client.post(reverse("vacancies:company_vacancy_edit", args=[vacancy.pk]), form_data(vacancy.permit))
    assert edit.status_code == 404
    assert (
        client.post(reverse("vacancies:company_vacancy_status", args=[vacancy.pk]), {"action": "close"}).status_code
        == 404
    )
    assert client.get(reverse("vacancies:applicants", args=[vacancy.pk])).status_code == 404
    assert client.get(reverse("vacancies:company_application", args=[application.pk])).status_code == 404
    for action in ("process", "accept", "reject"):
        response = client.post(
            reverse("vacancies:company_application", args=[application.pk]), {"action": action, "reason": "x"}
        )
        assert response.status_code == 404
    vacancy.refresh_from_db()
    application.refresh_from_db()
    assert vacancy.status == VacancyStatus.PUBLISHED and application.status == ApplicationStatus.SENT
    assert not AuditEvent.objects.filter(action__in=["vacancy.close", "application.process"]).exists()


def test_the_company_sees_applicants_with_their_certificates(
    client, application, vacancy, company_staff, django_assert_max_num_queries
):
    login(client, company_staff)
    # Session, user, membership, vacancy, counts by status, the page's count, applicants + certificates, nav badges.
    with django_assert_max_num_queries(11):
        response = client.get(reverse("vacancies:applicants", args=[vacancy.pk]))
    html = response.content.decode()
    assert application.candidate.user.full_name in html
    assert "Perawat lansia" in html and "BNSP-001" in html


@pytest.mark.parametrize("count", [3, 30])
def test_the_applicants_page_shows_25_a_page_by_status_in_the_same_queries(
    client, application, vacancy, company_staff, count, django_assert_max_num_queries
):
    """A popular vacancy's applicants come a page at a time; the company narrows them by status."""
    others = Application.objects.bulk_create(
        [Application(vacancy=vacancy, applicant=factories.user()) for _ in range(count - 1)]
    )
    Application.objects.filter(pk__in=[a.pk for a in others[:2]]).update(status=ApplicationStatus.INTERVIEW)
    login(client, company_staff)
    url = reverse("vacancies:applicants", args=[vacancy.pk])
    with django_assert_max_num_queries(11):
        first = client.get(url).content.decode()
    assert first.count('data-testid="applicant"') == min(count, 25)
    assert application.candidate.user.full_name in first  # the oldest first
    assert "Semua <span" in first and "Jadwal wawancara" in first and "Ditolak" not in first
    if count > 25:
        rest = client.get(url, {"halaman": 2}).content.decode()
        assert rest.count('data-testid="applicant"') == count - 25
        assert "Halaman 2 dari 2" in rest
    interviews = client.get(url, {"status": ApplicationStatus.INTERVIEW}).content.decode()
    assert interviews.count('data-testid="applicant"') == 2
    assert application.candidate.user.full_name not in interviews
    rejected = client.get(url, {"status": ApplicationStatus.REJECTED}).content.decode()
    assert "Tidak ada pelamar dengan status ini." in rejected
    assert client.get(url, {"status": "bogus"}).content.decode().count('data-testid="applicant"') == min(count, 25)


def test_the_company_runs_the_pipeline_from_the_application_page(client, application, company_staff, spr):
    login(client, company_staff)
    url = reverse("vacancies:company_application", args=[application.pk])
    page = client.get(url)
    assert page.status_code == 200 and "process" in page.context["actions"]
    assert AuditEvent.objects.filter(action="application.view", object_id=str(application.pk)).exists()
    client.post(url, {"action": "process"})
    when = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    client.post(url, {"action": "interview", "interview_at": when, "interview_place": "Kantor PT"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INTERVIEW and application.interview_place == "Kantor PT"
    client.post(url, {"action": "accept", "confirmed": "1"})
    application.refresh_from_db()
    spr.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED and spr.used == 1
    assert PermitUse.objects.filter(application=application).exists()


def test_an_interview_without_place_or_link_is_shown_beside_the_field(client, application, company_staff):
    login(client, company_staff)
    url = reverse("vacancies:company_application", args=[application.pk])
    when = (timezone.localtime() + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"action": "interview", "interview_at": when})
    assert response.status_code == 200
    assert response.context["interview_form"].errors["interview_place"]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SENT


def test_a_reject_without_reason_is_shown_beside_the_field(client, application, company_staff):
    login(client, company_staff)
    url = reverse("vacancies:company_application", args=[application.pk])
    response = client.post(url, {"action": "reject", "reason": ""})
    assert response.status_code == 200
    assert response.context["reject_form"].errors["reason"]
    client.post(url, {"action": "reject", "reason": "Tidak lulus wawancara"})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED


def test_a_refused_acceptance_shows_the_message(client, application, company_staff, spr):
    from apps.permits.models import RecruitmentPermit

    services.application_process(application=application, actor=company_staff)
    RecruitmentPermit.objects.filter(pk=spr.pk).update(used=spr.quota)
    login(client, company_staff)
    url = reverse("vacancies:company_application", args=[application.pk])
    response = client.post(url, {"action": "accept", "confirmed": "1"}, follow=True)
    assert "Kuota SPR sudah habis" in follow_messages(response)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PROCESSING


COMPANY_URLS = ("company_vacancies", "company_vacancy_create")


@pytest.mark.parametrize("persona", ["job_seeker", "officer", "central_admin", "organiser"])
def test_other_roles_cannot_open_the_company_pages(request, client, application, vacancy, persona):
    login(client, request.getfixturevalue(persona))
    for name in COMPANY_URLS:
        assert client.get(reverse(f"vacancies:{name}")).status_code == 403
    assert client.get(reverse("vacancies:applicants", args=[vacancy.pk])).status_code == 403
    assert client.get(reverse("vacancies:company_application", args=[application.pk])).status_code == 403


def test_agency_staff_without_a_company_is_refused(client, agency_staff, vacancy):
    login(client, agency_staff)
    assert client.get(reverse("vacancies:company_vacancies")).status_code == 403
    assert client.get(reverse("vacancies:applicants", args=[vacancy.pk])).status_code == 403


def test_anonymous_is_sent_to_login_from_the_company_pages(client, vacancy, application):
    for name in COMPANY_URLS:
        assert to_login(client.get(reverse(f"vacancies:{name}")))
    assert to_login(client.get(reverse("vacancies:company_application", args=[application.pk])))


# --- dashboards -------------------------------------------------------------------------------------------


def test_the_company_dashboard_shows_counts(client, application, company_staff):
    login(client, company_staff)
    html = client.get(reverse("dashboards:dashboard_agency")).content.decode()
    assert 'data-testid="vacancy-agency-card"' in html
    assert 'data-testid="new-application-count">1<' in html
    assert reverse("vacancies:company_vacancies") in html


def test_the_job_seeker_dashboard_links_to_vacancies_and_applications(client, application, cpmi):
    login(client, cpmi.user)
    html = client.get(reverse("dashboards:dashboard_job_seeker")).content.decode()
    assert 'data-testid="vacancy-job-seeker-card"' in html
    assert reverse("vacancies:list") in html and reverse("vacancies:my_applications") in html


def test_an_accepted_application_shows_why_it_cannot_be_withdrawn(client, application, company_staff, cpmi):
    services.application_process(application=application, actor=company_staff)
    services.application_accept(application=application, actor=company_staff)
    login(client, cpmi.user)

    html = client.get(reverse("vacancies:my_application", args=[application.pk])).content.decode()

    assert 'disabled aria-describedby="why-withdraw"' in html
    assert 'id="why-withdraw">Lamaran yang sudah diterima tidak dapat dibatalkan.</p>' in html


def test_the_company_list_asks_about_the_company_once_for_all_its_vacancies(client, company_staff, spr):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.vacancies.tests.builders import make_vacancy

    login(client, company_staff)
    make_vacancy(company_staff, spr)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("vacancies:company_vacancies"))
    for _n in range(3):
        make_vacancy(company_staff, spr)
    with CaptureQueriesContext(connection) as four:
        client.get(reverse("vacancies:company_vacancies"))
    assert len(four) == len(one)
