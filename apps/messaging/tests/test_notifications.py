"""The notifications page, opening a notice, marking all as read, and the services behind them."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied
from apps.messaging import services
from apps.messaging.models import Notification

pytestmark = pytest.mark.django_db
PAGE = reverse("messaging:notifications")
MARK_ALL = reverse("messaging:notifications_mark_all_read")


def notice(user, title="Lamaran Anda diproses", url="/lamaran/1/", *, read=False, minutes_ago=0):
    notification = Notification.objects.create(user=user, title=title, body=f"Isi: {title}.", url=url)
    created = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    Notification.objects.filter(pk=notification.pk).update(created_at=created, read_at=created if read else None)
    notification.refresh_from_db()
    return notification


def open_url(notification):
    return reverse("messaging:notification_open", args=[notification.pk])


# --- the page ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["job_seeker", "officer", "agency_staff", "organiser", "central_admin"])
def test_every_signed_in_user_sees_their_own_notices(client, request, persona, other_job_seeker):
    user = request.getfixturevalue(persona)
    notice(user, "Pemberitahuan untuk Anda")
    notice(other_job_seeker, "Pemberitahuan orang lain")
    client.force_login(user)
    html = client.get(PAGE).content.decode()
    assert "Pemberitahuan untuk Anda" in html
    assert "Pemberitahuan orang lain" not in html


def test_the_page_is_newest_first_with_unread_notices_highlighted(client, job_seeker):
    notice(job_seeker, "Yang lama sudah dibaca", read=True, minutes_ago=60)
    notice(job_seeker, "Yang baru belum dibaca", minutes_ago=1)
    client.force_login(job_seeker)
    response = client.get(PAGE)
    html = response.content.decode()
    assert html.index("Yang baru belum dibaca") < html.index("Yang lama sudah dibaca")
    unread, read = list(response.context["page"])
    assert unread.is_unread and not read.is_unread
    assert html.count("notification-unread") == 1
    assert "Tandai semua sudah dibaca" in html


def test_with_nothing_unread_there_is_no_mark_all_button(client, job_seeker):
    notice(job_seeker, read=True)
    client.force_login(job_seeker)
    assert "Tandai semua sudah dibaca" not in client.get(PAGE).content.decode()


def test_an_empty_list_says_so(client, job_seeker):
    client.force_login(job_seeker)
    assert "Belum ada notifikasi." in client.get(PAGE).content.decode()


def test_the_page_is_paginated(client, job_seeker):
    for n in range(25):
        notice(job_seeker, f"Pemberitahuan nomor {n:02d}", minutes_ago=n)
    client.force_login(job_seeker)
    first = client.get(PAGE).content.decode()
    second = client.get(PAGE, {"halaman": 2}).content.decode()
    assert "Pemberitahuan nomor 00" in first and "Pemberitahuan nomor 19" in first
    assert "Pemberitahuan nomor 20" not in first
    assert "Pemberitahuan nomor 24" in second and "Halaman 2 dari 2" in second


def test_the_page_needs_a_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_the_page_does_not_query_per_notice(client, job_seeker, django_assert_max_num_queries):
    for n in range(20):
        notice(job_seeker, f"Pemberitahuan {n}", url="/profil/", read=n % 2 == 0)
    client.force_login(job_seeker)
    # session, user, the bell's and the conversations' counts, the paginator's count, the page of notices, and
    # whether the job seeker is a verified CPMI yet (the account menu's "CPMI")
    with django_assert_max_num_queries(7):
        assert client.get(PAGE).status_code == 200


# --- opening a notice ----------------------------------------------------------------------------------------------


def test_opening_a_notice_marks_it_read_and_follows_its_link(client, job_seeker):
    notification = notice(job_seeker, url="/lamaran/7/")
    client.force_login(job_seeker)
    response = client.post(open_url(notification))
    assert response.status_code == 302 and response["Location"] == "/lamaran/7/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert AuditEvent.objects.filter(action="notification.read", actor=job_seeker, object_id=notification.pk).exists()


def test_a_notice_without_a_link_returns_to_the_list(client, job_seeker):
    notification = notice(job_seeker, url="")
    client.force_login(job_seeker)
    assert client.post(open_url(notification))["Location"] == PAGE
    notification.refresh_from_db()
    assert not notification.is_unread


@pytest.mark.parametrize(
    "stored_url",
    [
        "https://contoh-jahat.example/masuk/",
        "//contoh-jahat.example/",
        "/\\contoh-jahat.example/",
        "javascript:alert(1)",
    ],
)
def test_a_link_to_another_site_is_never_followed(client, job_seeker, stored_url):
    notification = notice(job_seeker, url=stored_url)
    client.force_login(job_seeker)
    response = client.post(open_url(notification))
    assert response.status_code == 302 and response["Location"] == PAGE
    notification.refresh_from_db()
    assert not notification.is_unread


def test_another_users_notice_is_not_found_and_stays_unread(client, job_seeker, other_job_seeker):
    theirs = notice(other_job_seeker)
    client.force_login(job_seeker)
    assert client.post(open_url(theirs)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.is_unread
    assert not AuditEvent.objects.filter(action="notification.read").exists()


def test_opening_is_a_post_only(client, job_seeker):
    notification = notice(job_seeker)
    client.force_login(job_seeker)
    assert client.get(open_url(notification)).status_code == 405
    notification.refresh_from_db()
    assert notification.is_unread


def test_opening_a_read_notice_again_writes_nothing(client, job_seeker):
    notification = notice(job_seeker, read=True)
    read_at = notification.read_at
    client.force_login(job_seeker)
    assert client.post(open_url(notification)).status_code == 302
    notification.refresh_from_db()
    assert notification.read_at == read_at
    assert not AuditEvent.objects.filter(action="notification.read").exists()


# --- marking all as read -------------------------------------------------------------------------------------------


def test_marking_all_as_read_touches_only_the_users_own_notices(client, job_seeker, other_job_seeker):
    mine = [notice(job_seeker, f"Milik saya {n}") for n in range(3)]
    theirs = notice(other_job_seeker)
    client.force_login(job_seeker)
    response = client.post(MARK_ALL, follow=True)
    assert "Semua notifikasi ditandai sudah dibaca." in response.content.decode()
    assert not Notification.objects.filter(pk__in=[n.pk for n in mine], read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.is_unread
    event = AuditEvent.objects.get(action="notification.read_all")
    assert event.actor == job_seeker and event.data == {"count": 3}


def test_marking_all_with_nothing_unread_writes_nothing(client, job_seeker):
    notice(job_seeker, read=True)
    client.force_login(job_seeker)
    assert client.post(MARK_ALL)["Location"] == PAGE
    assert not AuditEvent.objects.filter(action="notification.read_all").exists()


# --- the services --------------------------------------------------------------------------------------------------


def test_the_service_refuses_another_users_notice(job_seeker, other_job_seeker):
    theirs = notice(other_job_seeker)
    with pytest.raises(PermissionDenied):
        services.notification_mark_read(notification_id=theirs.pk, actor=job_seeker)
    theirs.refresh_from_db()
    assert theirs.is_unread


def test_the_mark_all_service_counts_what_it_marked(job_seeker):
    notice(job_seeker)
    notice(job_seeker, read=True)
    assert services.notifications_mark_all_read(actor=job_seeker) == 1
    assert services.notifications_mark_all_read(actor=job_seeker) == 0
