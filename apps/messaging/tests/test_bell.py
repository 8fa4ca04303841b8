"""The bell in the navigation: the unread count on every page for a signed-in user, at the cost of one query,
and the fragment htmx polls to refresh it without a reload."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.messaging.models import Notification
from apps.messaging.notices import Notice
from apps.messaging.services import notify_user

pytestmark = pytest.mark.django_db
BELL = reverse("messaging:notification_bell")
PROCESSOR = "apps.messaging.context_processors.notifications"


def unread(user, n):
    for i in range(n):
        notice = Notice(title="Pemberitahuan %(i)s", body="Isi.")(i=i)
        notify_user(user=user, notice=notice, url="/profil/", sms=False, email=False)


def notice_queries(queries):
    return [q["sql"] for q in queries if "messaging_notification" in q["sql"]]


@pytest.mark.parametrize("persona", ["job_seeker", "officer", "agency_staff", "organiser", "central_admin"])
def test_the_bell_shows_the_unread_count_on_an_ordinary_page(client, request, persona):
    user = request.getfixturevalue(persona)
    unread(user, 3)
    Notification.objects.create(user=user, title="Sudah dibaca", body="-", read_at="2026-01-01T00:00:00Z")
    client.force_login(user)
    html = client.get(reverse("accounts:settings")).content.decode()
    assert 'data-testid="notification-count">3</span>' in html
    assert "3 notifikasi belum dibaca" in html
    assert reverse("messaging:notifications") in html


def test_with_nothing_unread_the_bell_has_no_badge(client, job_seeker):
    client.force_login(job_seeker)
    html = client.get(reverse("accounts:settings")).content.decode()
    assert 'data-testid="notification-bell"' in html
    assert "notification-count" not in html
    assert "Notifikasi, tidak ada yang belum dibaca" in html


def test_a_large_count_is_shortened_in_the_badge_but_not_in_the_label(client, job_seeker):
    Notification.objects.bulk_create(Notification(user=job_seeker, title="x", body="x") for _ in range(120))
    client.force_login(job_seeker)
    html = client.get(reverse("accounts:settings")).content.decode()
    assert ">99+</span>" in html and "120 notifikasi belum dibaca" in html


def test_visitors_get_no_bell_and_no_query_for_it(client):
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("core:home")).content.decode()
    assert 'data-testid="notification-bell"' not in html
    assert not notice_queries(queries.captured_queries)


def test_the_bell_costs_one_query_per_page(client, job_seeker, settings):
    unread(job_seeker, 5)
    client.force_login(job_seeker)
    url = reverse("accounts:settings")
    client.get(url)  # warm-up: caches that fill once per process are not the bell's cost
    with CaptureQueriesContext(connection) as with_bell:
        assert client.get(url).status_code == 200
    assert len(notice_queries(with_bell.captured_queries)) == 1

    # The same page without the context processor: the bell is the only difference, and it costs one query.
    options = settings.TEMPLATES[0]["OPTIONS"]
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {**options, "context_processors": [p for p in options["context_processors"] if p != PROCESSOR]},
        }
    ]
    with CaptureQueriesContext(connection) as without_bell:
        assert client.get(url).status_code == 200
    assert not notice_queries(without_bell.captured_queries)
    assert len(with_bell.captured_queries) - len(without_bell.captured_queries) <= 1


def test_the_polled_fragment_is_the_bell_alone_with_the_current_count(client, job_seeker):
    unread(job_seeker, 2)
    client.force_login(job_seeker)
    response = client.get(BELL, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith('<div id="notification-bell"')
    assert 'hx-trigger="every 60s"' in html and 'hx-swap="outerHTML"' in html
    assert "2 notifikasi belum dibaca" in html
    assert "<nav" not in html and "<html" not in html
    assert "no-cache" in response["Cache-Control"]

    unread(job_seeker, 1)
    assert "3 notifikasi belum dibaca" in client.get(BELL).content.decode()


def test_the_fragment_costs_one_notice_query(client, job_seeker, django_assert_max_num_queries):
    client.force_login(job_seeker)
    with django_assert_max_num_queries(3):  # session, user, the count
        client.get(BELL)


def test_a_signed_out_tab_is_told_to_stop_polling(client):
    response = client.get(BELL)
    assert response.status_code == 286  # htmx stops polling; no login page is swapped into the navigation
    assert response.content == b""


def test_the_bell_is_polled_every_minute_from_every_page(client, job_seeker):
    client.force_login(job_seeker)
    html = client.get(reverse("accounts:settings")).content.decode()
    assert f'hx-get="{BELL}"' in html and 'hx-trigger="every 60s"' in html
