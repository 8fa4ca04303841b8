"""While the database can't be reached, visitors see the site's 503 page with Retry-After, never a 500."""

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client, RequestFactory
from django.urls import reverse

from apps.core import middleware
from apps.core.views import server_error

pytestmark = pytest.mark.django_db


def _database_down(execute, sql, params, many, context):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')


def test_a_page_that_reads_the_database_answers_the_indonesian_503_page_while_it_is_down():
    # Given a visitor on a site whose database has just gone away
    client = Client(raise_request_exception=False)

    # When they open the vacancy list
    with connection.execute_wrapper(_database_down):
        response = client.get(reverse("vacancies:list"))

    # Then they get the site's page saying the service is briefly unavailable, and when to try again
    assert response.status_code == 503
    assert response["Retry-After"] == str(middleware.DATABASE_RETRY_AFTER_SECONDS)
    page = response.content.decode()
    assert "Layanan sedang tidak tersedia" in page
    assert "SIPMI" in page and 'href="/"' in page  # in the site's layout


def test_the_page_answers_again_once_the_database_is_back():
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(_database_down):
        assert client.get(reverse("vacancies:list")).status_code == 503

    assert client.get(reverse("vacancies:list")).status_code == 200


def test_a_signed_in_user_whose_session_cannot_be_read_gets_the_503_page(job_seeker):
    # Given a signed-in job seeker
    client = Client(raise_request_exception=False)
    client.force_login(job_seeker)

    # When the database drops while their session is read
    with connection.execute_wrapper(_database_down):
        response = client.get(reverse("dashboards:dashboard"))

    # Then the 503 page answers, without their name (nothing could be read)
    assert response.status_code == 503
    assert job_seeker.full_name not in response.content.decode()


@pytest.mark.parametrize("error", [OperationalError("server closed the connection"), InterfaceError("closed")])
def test_a_database_error_raised_outside_a_view_is_answered_by_the_500_handler_as_503(rf: RequestFactory, error):
    # Given a database error raised by a middleware, outside the view (Django then calls handler500)
    request = rf.get("/")
    try:
        raise error
    except type(error):
        response = server_error(request)

    assert response.status_code == 503
    assert response["Retry-After"] == str(middleware.DATABASE_RETRY_AFTER_SECONDS)


def test_any_other_error_is_still_a_500(rf: RequestFactory):
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))

    assert response.status_code == 500


def test_when_even_the_503_page_cannot_be_rendered_a_plain_text_503_answers(monkeypatch):
    def broken_template(*args, **kwargs):
        raise OperationalError("the template needed the database too")

    monkeypatch.setattr(middleware, "render_to_string", broken_template)
    client = Client(raise_request_exception=False)

    with connection.execute_wrapper(_database_down):
        response = client.get(reverse("vacancies:list"))

    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")
    assert response["Retry-After"] == str(middleware.DATABASE_RETRY_AFTER_SECONDS)
    assert "coba lagi" in response.content.decode()


def test_the_503_page_is_in_english_for_a_visitor_who_chose_english():
    client = Client(raise_request_exception=False)
    client.cookies["django_language"] = "en"

    with connection.execute_wrapper(_database_down):
        response = client.get(reverse("vacancies:list"))

    assert response.status_code == 503
    assert "Service unavailable" in response.content.decode()


def _session_update_fails(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith("UPDATE") and "django_session" in sql:
        raise OperationalError("server closed the connection unexpectedly")
    return execute(sql, params, many, context)


def test_a_sign_in_whose_session_cannot_be_saved_gets_the_503_page_not_a_400(job_seeker, password):
    # Given a job seeker signing in
    client = Client(raise_request_exception=False)

    # When the database drops just as their new session is saved
    with connection.execute_wrapper(_session_update_fails):
        response = client.post(reverse("accounts:login"), {"identifier": job_seeker.email, "password": password})

    # Then they are told the service is briefly unavailable (Django alone answers 400 "session interrupted")
    assert response.status_code == 503
    assert response["Retry-After"] == str(middleware.DATABASE_RETRY_AFTER_SECONDS)
