"""In a browser: a CPMI follows a fair on its public page, checks in an hour before the start and sees nothing of
the companies; once it runs, sees the matching vacancy with its reasons, applies, and finds the application in
Portofolio → Job Fair yang diikuti. Set SIPMI_SCREENSHOTS=<folder> for screenshots at 360 and 1280 px."""

import datetime

import pytest
from django.utils import timezone

from apps.jobfairs.models import JobFair
from apps.jobfairs.tests.attendance_builders import fair_at, faq, participate, publish
from apps.vacancies.models import Application
from testing.browser import log_in, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_follow_check_in_wait_then_apply(new_page, organiser, fair_company, fair_staff, vacancy, cpmi):
    fair = fair_at(timezone.now() + datetime.timedelta(hours=1), organiser=organiser, name="Job Fair Depok Berkarier")
    participation = participate(fair, fair_company, fair_staff)
    publish(fair, participation, vacancy)
    faq(participation, "Apakah ada biaya penempatan?", "Tidak ada biaya.")

    page = new_page()
    log_in(page, cpmi.user)
    page.goto(f"/job-fair/{fair.pk}/")
    page.get_by_test_id("follow-button").click()
    page.get_by_test_id("check-in-button").click()
    page.get_by_test_id("companies-hidden").wait_for()
    assert "PT Maju Bersama" not in page.content()
    shoot(page, "jobfair-seeker-before-start")

    # The fair starts (its start moved into the past: the page derives the phase from the clock).
    JobFair.objects.filter(pk=fair.pk).update(starts_at=timezone.now() - datetime.timedelta(minutes=1))
    page.reload()
    page.get_by_test_id("match-reasons").get_by_text("Sertifikat Anda: Perawat lansia (BNSP)").wait_for()
    shoot(page, "jobfair-seeker-running")
    page.get_by_test_id("fair-apply").click()
    page.get_by_text("Lamaran untuk Caregiver terkirim.").wait_for()
    assert Application.objects.filter(candidate=cpmi, vacancy=vacancy).count() == 1

    page.goto("/portofolio/job-fair/")
    page.get_by_test_id("fair-applications").get_by_text("Lamaran terkirim").wait_for()
    shoot(page, "jobfair-seeker-portfolio")
