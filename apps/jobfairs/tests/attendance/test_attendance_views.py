"""The job seeker's pages at a fair, as each persona meets them (the fair's times relative to the real clock)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.jobfairs.attendance import services as attendance
from apps.jobfairs.models import FairFollower
from apps.jobfairs.tests.attendance_builders import fair_at, faq, participate, publish
from apps.vacancies import services as vacancy_services
from apps.vacancies.models import Application
from apps.vacancies.tests.builders import make_vacancy
from testing import factories

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def running(organiser, fair_company, fair_staff, vacancy):
    fair = fair_at(timezone.now() - HOUR, organiser=organiser, name="Job Fair Berlangsung")
    participation = participate(fair, fair_company, fair_staff)
    publish(fair, participation, vacancy)
    faq(participation, "Apakah ada biaya penempatan?", "Tidak ada biaya sama sekali.")
    return fair


@pytest.fixture
def soon(organiser, fair_company, fair_staff, vacancy):
    """Starts in an hour: check-in is open, companies are not shown yet."""
    fair = fair_at(timezone.now() + HOUR, organiser=organiser, name="Job Fair Sebentar Lagi")
    publish(fair, participate(fair, fair_company, fair_staff), vacancy)
    return fair


def test_the_public_page_offers_the_follow_button_to_job_seekers_only(client, soon, job_seeker, organiser):
    url = f"/job-fair/{soon.pk}/"
    assert "Masuk sebagai pencari kerja" in html(client.get(url))
    client.force_login(organiser)
    assert 'data-testid="follow-button"' not in html(client.get(url))
    client.force_login(job_seeker)
    assert "Ikuti sebagai pencaker" in html(client.get(url))


def test_follow_then_check_in_then_nothing_of_the_companies_before_the_start(client, soon, job_seeker):
    client.force_login(job_seeker)
    response = client.post(f"/job-fair/{soon.pk}/ikuti/", follow=True)
    page = html(response)
    assert "Anda mengikuti job fair ini." in page
    assert 'data-testid="check-in-button"' in page
    page = html(client.post(f"/job-fair/{soon.pk}/check-in/", follow=True))
    assert "Check-in berhasil." in page
    assert 'data-testid="companies-hidden"' in page
    assert "Perusahaan dan lowongan tampil saat job fair dimulai" in page
    assert soon.description in page
    assert "PT Maju Bersama" not in page
    assert "Caregiver" not in page
    assert 'data-testid="fair-vacancies"' not in page
    # The company's stand is not reachable before the start either.
    participation = soon.participations.get()
    response = client.get(f"/job-fair/{soon.pk}/perusahaan/{participation.pk}/", follow=True)
    assert "Perusahaan peserta dapat dilihat setelah Anda check-in dan job fair dimulai." in html(response)
    assert "PT Maju Bersama" not in html(response)


def test_before_the_check_in_opens_the_page_says_when(client, organiser, job_seeker):
    later = fair_at(timezone.now() + 10 * HOUR, organiser=organiser)
    attendance.fair_follow(fair=later, actor=job_seeker)
    client.force_login(job_seeker)
    page = html(client.get(f"/job-fair/{later.pk}/ruang/"))
    assert "Check-in dibuka 2 jam sebelum dimulai" in page
    assert 'data-testid="check-in-button"' not in page
    page = html(client.post(f"/job-fair/{later.pk}/check-in/", follow=True))
    assert "Check-in dibuka 2 jam sebelum job fair dimulai" in page


def test_during_the_fair_companies_and_matching_vacancies_show_and_the_seeker_applies(client, running, cpmi, vacancy):
    attendance.fair_follow(fair=running, actor=cpmi.user)
    attendance.fair_check_in(fair=running, actor=cpmi.user)
    client.force_login(cpmi.user)
    page = html(client.get(f"/job-fair/{running.pk}/ruang/"))
    assert "PT Maju Bersama" in page
    assert "Sertifikat Anda: Perawat lansia (BNSP)" in page
    assert 'data-testid="fair-apply"' in page
    page = html(client.post(f"/job-fair/{running.pk}/lowongan/{vacancy.pk}/lamar/", follow=True))
    assert "Lamaran untuk Caregiver terkirim." in page
    assert Application.objects.filter(candidate=cpmi, vacancy=vacancy).count() == 1
    assert 'data-testid="application-status"' in page
    assert 'data-testid="fair-apply"' not in page
    page = html(client.post(f"/job-fair/{running.pk}/lowongan/{vacancy.pk}/lamar/", follow=True))
    assert "Anda sudah melamar lowongan ini." in page
    assert Application.objects.count() == 1


def test_applying_without_check_in_is_refused_on_the_page(client, running, cpmi, vacancy):
    attendance.fair_follow(fair=running, actor=cpmi.user)
    client.force_login(cpmi.user)
    page = html(client.post(f"/job-fair/{running.pk}/lowongan/{vacancy.pk}/lamar/", follow=True))
    assert "Check-in di job fair ini terlebih dahulu sebelum melamar." in page
    assert not Application.objects.exists()


def test_the_stand_shows_the_companys_faq(client, running, cpmi):
    attendance.fair_follow(fair=running, actor=cpmi.user)
    attendance.fair_check_in(fair=running, actor=cpmi.user)
    client.force_login(cpmi.user)
    participation = running.participations.get()
    page = html(client.get(f"/job-fair/{running.pk}/perusahaan/{participation.pk}/"))
    assert "Apakah ada biaya penempatan?" in page
    assert "Tidak ada biaya sama sekali." in page
    assert "Caregiver" in page


def test_portfolio_shows_each_applications_status_and_interview(client, running, cpmi, vacancy, fair_staff):
    attendance.fair_follow(fair=running, actor=cpmi.user)
    attendance.fair_check_in(fair=running, actor=cpmi.user)
    application = attendance.fair_apply(fair=running, vacancy=vacancy, actor=cpmi.user)
    when = (timezone.now() + datetime.timedelta(days=2)).replace(hour=3, minute=0, second=0, microsecond=0)
    vacancy_services.application_schedule_interview(
        application=application, actor=fair_staff, interview_at=when, place="Stan 12, Balai Kota"
    )
    client.force_login(cpmi.user)
    page = html(client.get("/portofolio/job-fair/"))
    assert "Job Fair Berlangsung" in page
    assert "Jadwal wawancara" in page
    assert "10.00 WIB" in page or "10:00 WIB" in page
    assert "Stan 12, Balai Kota" in page
    assert "Sudah check-in" in page


def test_portfolio_is_empty_and_personal(client, running, job_seeker, other_job_seeker):
    attendance.fair_follow(fair=running, actor=other_job_seeker)
    client.force_login(job_seeker)
    page = html(client.get("/portofolio/job-fair/"))
    assert "Anda belum mengikuti job fair." in page
    assert "Job Fair Berlangsung" not in page


def test_someone_not_following_is_sent_to_the_public_page(client, running, job_seeker):
    client.force_login(job_seeker)
    response = client.get(f"/job-fair/{running.pk}/ruang/")
    assert response.status_code == 302
    assert response["Location"] == f"/job-fair/{running.pk}/"


def test_an_unpublished_fair_is_404(client, organiser, job_seeker):
    draft = factories.job_fair(organiser=organiser, status="verified")
    client.force_login(job_seeker)
    assert client.get(f"/job-fair/{draft.pk}/ruang/").status_code == 404
    assert client.post(f"/job-fair/{draft.pk}/ikuti/").status_code == 404
    assert not FairFollower.objects.exists()


def test_other_roles_are_forbidden(client, running, organiser, fair_staff, officer):
    for person in (organiser, fair_staff, officer):
        client.force_login(person)
        assert client.get(f"/job-fair/{running.pk}/ruang/").status_code == 403
        assert client.post(f"/job-fair/{running.pk}/ikuti/").status_code == 403


def test_the_dashboard_links_to_the_followed_fairs(client, running, job_seeker):
    attendance.fair_follow(fair=running, actor=job_seeker)
    client.force_login(job_seeker)
    page = html(client.get("/dasbor/pencaker/"))
    assert 'data-testid="jobfair-job-seeker-card"' in page
    assert "Anda mengikuti 1 job fair." in page
    assert 'href="/portofolio/job-fair/"' in page


def _add_vacancies(fair, n, *, staff, agency):
    participation = fair.participations.get(agency=agency)
    permit = factories.permit(agency=agency, regions=("32", "35"))
    for i in range(n):
        publish(fair, participation, make_vacancy(staff, permit, employer_name=f"Keluarga {i}"))
    other = factories.agency(name=f"PT Tambahan {fair.fair_vacancies.count()}")
    other_staff = factories.agency_member(agency=other)
    publish(fair, participate(fair, other, other_staff), make_vacancy(other_staff, factories.permit(agency=other)))


def test_the_vacancy_list_query_count_does_not_grow_with_rows(client, running, cpmi, fair_staff, fair_company):
    attendance.fair_follow(fair=running, actor=cpmi.user)
    attendance.fair_check_in(fair=running, actor=cpmi.user)
    client.force_login(cpmi.user)
    url = f"/job-fair/{running.pk}/ruang/"
    client.get(url)  # warm the session and caches
    counts = []
    for extra in (1, 8):
        _add_vacancies(running, extra, staff=fair_staff, agency=fair_company)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert running.fair_vacancies.count() == 12
    assert html(response).count('data-testid="fair-vacancy"') == 12
    assert counts[0] == counts[1], counts
    assert counts[1] <= 25


def test_portfolio_counts_only_applications_made_at_the_fair(client, organiser, running, cpmi, vacancy):
    """The same vacancy applied to on the ordinary list before the fair is not an application of the fair."""
    vacancy_services.application_apply(actor=cpmi.user, vacancy=vacancy)
    Application.objects.update(created_at=running.starts_at - datetime.timedelta(days=1))
    attendance.fair_follow(fair=running, actor=cpmi.user)
    client.force_login(cpmi.user)
    page = html(client.get("/portofolio/job-fair/"))
    assert "Job Fair Berlangsung" in page
    assert "Belum ada lamaran di job fair ini." in page


def test_a_job_seeker_not_yet_cpmi_is_told_instead_of_a_button(client, running, job_seeker):
    attendance.fair_follow(fair=running, actor=job_seeker)
    attendance.fair_check_in(fair=running, actor=job_seeker)
    client.force_login(job_seeker)
    page = html(client.get(f"/job-fair/{running.pk}/ruang/"))
    assert "Caregiver" in page
    assert 'data-testid="apply-needs-cpmi"' in page
    assert 'data-testid="fair-apply"' not in page
