"""What a job seeker is told about their application is written in the job seeker's own language, whatever
language the company's staff works in (an English-speaking company once sent "SIPMI: Application not
accepted…" to an Indonesian CPMI)."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from apps.messaging.models import Notification
from apps.vacancies import services
from testing.outbox import last_text_to

pytestmark = pytest.mark.django_db


def in_two_days():
    day = timezone.localdate() + datetime.timedelta(days=2)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


@pytest.fixture
def english_company(company_staff):
    company_staff.language = "en"
    company_staff.save(update_fields=["language"])
    return company_staff


def test_an_english_company_rejecting_an_indonesian_job_seeker_writes_indonesian(
    application, english_company, django_capture_on_commit_callbacks
):
    seeker = application.applicant
    assert seeker.language == "id"
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.application_reject(application=application, actor=english_company, reason="Kuota penuh")

    notice = Notification.objects.get(user=seeker)
    assert (notice.title, notice.body) == (
        "Lamaran tidak diterima",
        f"Lamaran Anda untuk {application.vacancy.position} tidak diterima. Alasan: Kuota penuh",
    )
    sms = last_text_to(seeker.phone, channel="sms")
    assert sms.startswith("SIPMI: Lamaran tidak diterima.")
    assert "not accepted" not in sms


def test_an_english_company_scheduling_an_interview_writes_indonesian(
    application, english_company, django_capture_on_commit_callbacks
):
    seeker = application.applicant
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.application_schedule_interview(
            application=application, actor=english_company, interview_at=in_two_days(), place="Kantor PT"
        )

    notice = Notification.objects.get(user=seeker)
    assert notice.title == "Jadwal wawancara"
    assert notice.body.startswith(f"Wawancara untuk {application.vacancy.position}: ")
    assert notice.body.endswith("· Kantor PT.")
    assert last_text_to(seeker.phone, channel="sms").startswith("SIPMI: Jadwal wawancara.")


def test_an_english_job_seeker_reads_english_from_an_indonesian_company(
    application, company_staff, django_capture_on_commit_callbacks
):
    seeker = application.applicant
    seeker.language = "en"
    seeker.save(update_fields=["language"])
    with translation.override("id"), django_capture_on_commit_callbacks(execute=True):
        services.application_reject(application=application, actor=company_staff, reason="Kuota penuh")

    notice = Notification.objects.get(user=seeker)
    assert (notice.title, notice.body) == (
        "Application not accepted",
        f"Your application for {application.vacancy.position} was not accepted. Reason: Kuota penuh",
    )
    assert last_text_to(seeker.phone, channel="sms").startswith("SIPMI: Application not accepted.")
    assert "Your application for" in last_text_to(seeker.email, channel="email")


def test_the_company_rejecting_through_its_english_page_still_writes_indonesian(
    client, application, english_company, django_capture_on_commit_callbacks
):
    client.force_login(english_company)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("vacancies:company_application", args=[application.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "reject", "reason": "Kuota penuh"})
    seeker = application.applicant
    assert Notification.objects.get(user=seeker).title == "Lamaran tidak diterima"
    assert last_text_to(seeker.phone, channel="sms").startswith("SIPMI: Lamaran tidak diterima.")
