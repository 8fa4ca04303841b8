"""The job seeker at a fair, through the services, with the clock given at the boundaries: two hours before
the start (reminder, check-in), the start and the end (applying)."""

import datetime

import pytest

from apps.core.errors import PermissionDenied, ServiceError
from apps.jobfairs import selectors, tasks
from apps.jobfairs.attendance import selectors as attendance_selectors
from apps.jobfairs.attendance import services as attendance
from apps.jobfairs.models import FairFollower, FairVacancy
from apps.jobfairs.tests.attendance.conftest import END, START
from apps.jobfairs.tests.attendance_builders import fair_at
from apps.messaging.models import Notification
from apps.vacancies.models import Application
from testing import factories
from testing.outbox import received

pytestmark = pytest.mark.django_db
SECOND = datetime.timedelta(seconds=1)
TWO_HOURS = datetime.timedelta(hours=2)
REMINDER = "Check-in job fair dibuka"


def refused(code, call, **kwargs):
    with pytest.raises(ServiceError) as error:
        call(**kwargs)
    assert error.value.code == code, error.value.message
    return str(error.value.message)


def checked_in(fair, user):
    attendance.fair_follow(fair=fair, actor=user, now=START - TWO_HOURS * 3)
    return attendance.fair_check_in(fair=fair, actor=user, now=START - TWO_HOURS)


# --- follow -------------------------------------------------------------------------------------------------------


def test_a_job_seeker_follows_a_published_fair_once(fair, job_seeker):
    follower = attendance.fair_follow(fair=fair, actor=job_seeker, now=START - TWO_HOURS * 24)
    assert follower.checked_in_at is None
    message = refused("already_following", attendance.fair_follow, fair=fair, actor=job_seeker)
    assert message == "Anda sudah mengikuti job fair ini."
    assert FairFollower.objects.filter(fair=fair, user=job_seeker).count() == 1


def test_only_job_seekers_follow(fair, organiser, fair_staff, officer):
    for person in (organiser, fair_staff, officer):
        with pytest.raises(PermissionDenied):
            attendance.fair_follow(fair=fair, actor=person, now=START)


def test_an_unpublished_or_finished_fair_cannot_be_followed(fair, job_seeker, organiser):
    draft = factories.job_fair(organiser=organiser, status="verified")
    refused("not_published", attendance.fair_follow, fair=draft, actor=job_seeker)
    message = refused("fair_finished", attendance.fair_follow, fair=fair, actor=job_seeker, now=END)
    assert "sudah selesai" in message


# --- check-in -------------------------------------------------------------------------------------------------------


def test_check_in_opens_two_hours_before_the_start(fair, job_seeker):
    attendance.fair_follow(fair=fair, actor=job_seeker, now=START - TWO_HOURS * 5)
    message = refused(
        "check_in_not_open", attendance.fair_check_in, fair=fair, actor=job_seeker, now=START - TWO_HOURS - SECOND
    )
    assert "Check-in dibuka 2 jam sebelum job fair dimulai" in message
    follower = attendance.fair_check_in(fair=fair, actor=job_seeker, now=START - TWO_HOURS)
    assert follower.checked_in_at == START - TWO_HOURS
    refused("already_checked_in", attendance.fair_check_in, fair=fair, actor=job_seeker, now=START)


def test_check_in_closes_at_the_end(fair, job_seeker, other_job_seeker):
    for person in (job_seeker, other_job_seeker):
        attendance.fair_follow(fair=fair, actor=person, now=START)
    assert attendance.fair_check_in(fair=fair, actor=job_seeker, now=END - SECOND).checked_in_at == END - SECOND
    message = refused("fair_finished", attendance.fair_check_in, fair=fair, actor=other_job_seeker, now=END)
    assert message == "Job fair sudah selesai; check-in ditutup."


def test_check_in_needs_a_follow(fair, job_seeker):
    message = refused("not_following", attendance.fair_check_in, fair=fair, actor=job_seeker, now=START)
    assert "Ikuti job fair ini sebagai pencaker terlebih dahulu" in message


# --- the reminder ---------------------------------------------------------------------------------------------------


def reminders(user) -> int:
    return Notification.objects.filter(user=user, title=REMINDER).count()


def test_followers_are_reminded_once_two_hours_before_the_start(fair, job_seeker):
    attendance.fair_follow(fair=fair, actor=job_seeker, now=START - TWO_HOURS * 10)
    assert attendance.fair_check_in_reminders_send(now=START - TWO_HOURS - SECOND) == 0
    assert attendance.fair_check_in_reminders_send(now=START - TWO_HOURS) == 1
    assert attendance.fair_check_in_reminders_send(now=START - TWO_HOURS + SECOND) == 0
    assert attendance.fair_check_in_reminders_send(now=START) == 0
    assert reminders(job_seeker) == 1
    assert FairFollower.objects.get(user=job_seeker).reminded_at == START - TWO_HOURS
    notification = Notification.objects.get(user=job_seeker, title=REMINDER)
    assert fair.name in notification.body
    assert notification.url == f"/job-fair/{fair.pk}/ruang/"
    # and by SMS and e-mail, through the adapters
    assert any(REMINDER in m.body for m in received(user=job_seeker))


def test_a_late_worker_still_reminds_until_the_end_but_not_after(fair, job_seeker, other_job_seeker):
    attendance.fair_follow(fair=fair, actor=job_seeker, now=START - TWO_HOURS * 10)
    attendance.fair_follow(fair=fair, actor=other_job_seeker, now=START - TWO_HOURS * 10)
    FairFollower.objects.filter(user=other_job_seeker).update(reminded_at=START - TWO_HOURS)  # already reminded
    assert attendance.fair_check_in_reminders_send(now=END) == 0
    assert attendance.fair_check_in_reminders_send(now=START + TWO_HOURS) == 1
    assert reminders(job_seeker) == 1
    assert reminders(other_job_seeker) == 0


def test_someone_checked_in_is_not_reminded(fair, job_seeker):
    checked_in(fair, job_seeker)
    assert attendance.fair_check_in_reminders_send(now=START - TWO_HOURS) == 0
    assert reminders(job_seeker) == 0


def test_the_periodic_task_sends_the_due_reminders(organiser, job_seeker):
    """Huey runs tasks at once in tests: the scheduled task uses the real clock."""
    from django.utils import timezone

    soon = fair_at(timezone.now() + datetime.timedelta(minutes=90), organiser=organiser)
    attendance.fair_follow(fair=soon, actor=job_seeker)
    tasks.fair_check_in_reminders()
    assert reminders(job_seeker) == 1


# --- applying ---------------------------------------------------------------------------------------------------


def test_applying_at_the_start_makes_an_ordinary_application_linked_through_the_fair(
    fair, cpmi, vacancy, django_capture_on_commit_callbacks
):
    checked_in(fair, cpmi.user)
    with django_capture_on_commit_callbacks(execute=True):
        application = attendance.fair_apply(fair=fair, vacancy=vacancy, actor=cpmi.user, now=START)
    assert isinstance(application, Application)
    assert application.candidate == cpmi
    assert FairVacancy.objects.get(vacancy=application.vacancy).fair == fair
    assert selectors.fair_stats(fair).applications == 1
    assert Notification.objects.filter(user=cpmi.user, title="Lamaran terkirim").exists()


def test_applying_before_the_start_is_refused(fair, cpmi, vacancy):
    checked_in(fair, cpmi.user)
    message = refused(
        "fair_not_started", attendance.fair_apply, fair=fair, vacancy=vacancy, actor=cpmi.user, now=START - SECOND
    )
    assert message.startswith("Job fair belum dimulai. Lamaran dapat dikirim mulai ")
    assert not Application.objects.exists()


def test_applying_up_to_the_end_but_not_at_it(fair, cpmi, vacancy):
    checked_in(fair, cpmi.user)
    message = refused("fair_finished", attendance.fair_apply, fair=fair, vacancy=vacancy, actor=cpmi.user, now=END)
    assert message == "Job fair sudah selesai; lamaran tidak dapat dikirim lagi."
    attendance.fair_apply(fair=fair, vacancy=vacancy, actor=cpmi.user, now=END - SECOND)
    assert Application.objects.count() == 1


def test_applying_without_check_in_is_refused(fair, cpmi, vacancy):
    refused("not_following", attendance.fair_apply, fair=fair, vacancy=vacancy, actor=cpmi.user, now=START)
    attendance.fair_follow(fair=fair, actor=cpmi.user, now=START)
    message = refused("not_checked_in", attendance.fair_apply, fair=fair, vacancy=vacancy, actor=cpmi.user, now=START)
    assert message == "Check-in di job fair ini terlebih dahulu sebelum melamar."


def test_applying_twice_to_the_same_vacancy_is_refused(fair, cpmi, vacancy):
    checked_in(fair, cpmi.user)
    attendance.fair_apply(fair=fair, vacancy=vacancy, actor=cpmi.user, now=START)
    message = refused("already_applied", attendance.fair_apply, fair=fair, vacancy=vacancy, actor=cpmi.user, now=START)
    assert message == "Anda sudah melamar lowongan ini."
    assert Application.objects.count() == 1


def test_applying_to_a_company_not_accepted_is_refused(fair, cpmi, requested_company_vacancy):
    checked_in(fair, cpmi.user)
    message = refused(
        "company_not_accepted",
        attendance.fair_apply,
        fair=fair,
        vacancy=requested_company_vacancy,
        actor=cpmi.user,
        now=START,
    )
    assert "tidak diterima sebagai peserta job fair" in message
    assert not Application.objects.exists()


def test_a_vacancy_not_in_the_fair_is_refused(fair, cpmi, fair_staff, spr):
    from apps.vacancies.tests.builders import make_vacancy

    elsewhere = make_vacancy(fair_staff, spr, employer_name="Keluarga Wang")
    checked_in(fair, cpmi.user)
    refused("not_in_fair", attendance.fair_apply, fair=fair, vacancy=elsewhere, actor=cpmi.user, now=START)


def test_the_vacancies_apps_own_checks_still_hold(fair, job_seeker, vacancy):
    """A job seeker who is not a verified CPMI is told so by the vacancies app."""
    checked_in(fair, job_seeker)
    message = refused("not_cpmi", attendance.fair_apply, fair=fair, vacancy=vacancy, actor=job_seeker, now=START)
    assert "CPMI" in message


# --- matching ---------------------------------------------------------------------------------------------------------


def test_reasons_name_the_certificate_skill_education_and_region(fair, cpmi, vacancy):
    from apps.profiles import services as profiles

    user = cpmi.user
    profiles.skill_add(user=user, name="Merawat lansia")
    profiles.education_add(user=user, level="SMA", institution="SMA Negeri 1 Depok", graduation_year=2014)
    vacancy.other_requirements = "Pendidikan minimal SMP, sehat jasmani."
    vacancy.save(update_fields=["other_requirements"])
    reasons = attendance_selectors.match_reasons(vacancy, attendance_selectors.seeker_facts(user))
    assert reasons == [
        "Sertifikat Anda: Perawat lansia (BNSP)",
        "Keahlian Anda: Merawat lansia",
        "Pendidikan Anda: SMA/sederajat (syarat minimal SMP)",
        "Wilayah Anda: Kota Depok termasuk wilayah perekrutan",
    ]


def test_too_little_education_or_another_region_is_no_reason(fair, cpmi, vacancy):
    from apps.profiles import services as profiles

    profiles.education_add(user=cpmi.user, level="SMP", institution="SMP Negeri 2", graduation_year=2010)
    vacancy.other_requirements = "Minimal lulusan D3 keperawatan."
    vacancy.save(update_fields=["other_requirements"])
    vacancy.permit.regions.set(["35"])  # East Java only
    reasons = attendance_selectors.match_reasons(vacancy, attendance_selectors.seeker_facts(cpmi.user))
    assert reasons == ["Sertifikat Anda: Perawat lansia (BNSP)"]


def test_matching_vacancies_come_first(fair, cpmi, fair_staff, spr, fair_company):
    from apps.jobfairs.models import FairParticipation
    from apps.jobfairs.tests.attendance_builders import publish
    from apps.vacancies.tests.builders import make_vacancy

    # "Alpha" sorts before the matching vacancy's company-and-position order but matches nothing.
    plain = make_vacancy(fair_staff, spr, employer_name="Keluarga Alpha", required_certificates="Juru Masak")
    publish(fair, FairParticipation.objects.get(fair=fair, agency=fair_company), plain)
    spr.regions.set(["35"])
    rows = attendance_selectors.ranked_vacancies(fair, cpmi.user)
    assert [row.reasons != [] for row in rows] == [True, False]
    assert rows[1].vacancy == plain


def test_only_published_vacancies_of_accepted_companies_are_visible(fair, vacancy, requested_company_vacancy):
    from apps.vacancies.models import Vacancy, VacancyStatus

    assert [entry.vacancy for entry in attendance_selectors.visible_fair_vacancies(fair)] == [vacancy]
    Vacancy.objects.filter(pk=vacancy.pk).update(status=VacancyStatus.DRAFT)
    assert list(attendance_selectors.visible_fair_vacancies(fair)) == []


# --- applications linked to the fair ----------------------------------------------------------------------------


def test_only_applications_made_in_the_fair_count_in_its_figures_and_portfolio(
    fair, cpmi, vacancy, other_job_seeker, officer
):
    from apps.jobfairs.models import FairApplication
    from apps.vacancies import services as vacancy_services
    from apps.vacancies.tests.builders import verified_candidate

    # Given Budi applies to the fair's vacancy on the ordinary list, and Ani applies in the fair
    budi = verified_candidate(other_job_seeker, officer)
    vacancy_services.application_apply(actor=budi.user, vacancy=vacancy)
    attendance.fair_follow(fair=fair, actor=budi.user, now=START - TWO_HOURS * 3)
    checked_in(fair, cpmi.user)
    made_in_fair = attendance.fair_apply(fair=fair, vacancy=vacancy, actor=cpmi.user, now=START)
    # Then the fair counts Ani's application only, and only Ani's portfolio lists it under the fair
    assert FairApplication.objects.get().application == made_in_fair
    assert selectors.fair_stats(fair).applications == 1
    (ani_follow,) = attendance_selectors.followed_fairs(cpmi.user)
    assert ani_follow.my_applications == [made_in_fair]
    (budi_follow,) = attendance_selectors.followed_fairs(budi.user)
    assert budi_follow.my_applications == []


def test_a_job_seeker_without_cpmi_applies_to_a_domestic_vacancy_in_the_fair(fair, fair_staff, other_job_seeker):
    from apps.jobfairs.participation import services as participation
    from apps.profiles import services as profile_services
    from apps.vacancies.models import VacancyKind
    from apps.vacancies.tests.builders import vacancy_fields

    # Given the company publishes a domestic vacancy into the fair, and Budi (no CPMI) has a profile
    fields = vacancy_fields(None, kind=VacancyKind.DOMESTIC, city="Kota Depok", country="", currency="")
    entry = participation.fair_vacancy_create(fair=fair, actor=fair_staff, **fields)
    profile_services.skill_add(user=other_job_seeker, name="Merawat lansia")
    checked_in(fair, other_job_seeker)
    # When he applies while the fair runs
    application = attendance.fair_apply(fair=fair, vacancy=entry.vacancy, actor=other_job_seeker, now=START)
    # Then the application is his, without a CPMI record, and counted in the fair
    assert application.applicant == other_job_seeker and application.candidate is None
    assert selectors.fair_stats(fair).applications == 1
