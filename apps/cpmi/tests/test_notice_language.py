"""A notice is written in its recipient's language, never in the language of whoever acted."""

import pytest
from django.conf import settings
from django.urls import reverse

from apps.cpmi import services
from apps.cpmi.models import DocumentKind
from apps.cpmi.tests.builders import ready_registration, review_all
from apps.messaging.models import Channel, Notification
from testing.outbox import received

pytestmark = pytest.mark.django_db


def _submitted(user, django_capture_on_commit_callbacks):
    registration = ready_registration(user)
    with django_capture_on_commit_callbacks(execute=True):
        return services.registration_submit(registration=registration, actor=user)


def _english_session(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_an_english_speaking_officer_rejecting_tells_an_indonesian_applicant_in_indonesian(
    client, job_seeker, officer, django_capture_on_commit_callbacks
):
    officer.language = "en"
    officer.save(update_fields=["language"])
    registration = _submitted(job_seeker, django_capture_on_commit_callbacks)
    review_all(registration, officer, reject={DocumentKind.KTP: "KTP tidak terbaca"})

    _english_session(client, officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cpmi:decide", args=[registration.pk]), {"action": "reject", "confirmed": "1"}, follow=True
        )
    assert "rejected" in response.content.decode()  # the officer reads the site in English

    notice = Notification.objects.filter(user=job_seeker).first()
    assert notice.title == "Pengajuan CPMI ditolak"
    [sms] = received(user=job_seeker, channel=Channel.SMS)[:1]
    assert sms.body.startswith("SIPMI: Pengajuan CPMI ditolak. Ada dokumen yang perlu diperbaiki.")
    [email] = received(user=job_seeker, channel=Channel.EMAIL)[:1]
    assert email.subject == "SIPMI: Pengajuan CPMI ditolak"
    assert "Revisi Pengajuan" in email.body and "not accepted" not in email.body


def test_an_english_speaking_applicant_is_told_in_english_by_an_indonesian_officer(
    client, job_seeker, officer, django_capture_on_commit_callbacks
):
    job_seeker.language = "en"
    job_seeker.save(update_fields=["language"])
    registration = _submitted(job_seeker, django_capture_on_commit_callbacks)
    review_all(registration, officer)

    client.force_login(officer)  # the officer's session is in Indonesian
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cpmi:decide", args=[registration.pk]), {"action": "verify"})

    notice = Notification.objects.filter(user=job_seeker).first()
    assert notice.title == "CPMI registration verified"
    [sms] = received(user=job_seeker, channel=Channel.SMS)[:1]
    assert sms.body.startswith("SIPMI: CPMI registration verified.")
    [email] = received(user=job_seeker, channel=Channel.EMAIL)[:1]
    assert email.subject == "SIPMI: CPMI registration verified"
    # And the submission before it, which the applicant made themselves, was in English too.
    assert Notification.objects.filter(user=job_seeker, title="CPMI registration submitted").exists()
