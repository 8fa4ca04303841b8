import pytest
from django.core.management import call_command

from apps.accounts.models import User
from apps.cpmi.models import MigrantCandidate
from apps.vacancies.models import Vacancy

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_login_per_role_and_can_run_twice(capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    out = capsys.readouterr().out
    roles = {user.role for user in User.objects.all()}
    assert {
        "job_seeker",
        "officer",
        "division_head",
        "secretary",
        "office_head",
        "agency_staff",
        "jobfair_organiser",
        "central_admin",
    } <= roles
    assert "admin@sipmi.demo" in out and "sipmi-demo-2026" in out
    assert MigrantCandidate.objects.count() == 3  # the CPMI persona and two more on office-service requests
    # The P3MI's overseas vacancy and the domestic employer's two
    assert sorted(Vacancy.objects.filter(status="published").values_list("kind", flat=True)) == [
        "domestic",
        "domestic",
        "overseas",
    ]
    assert "pemberikerja@perusahaan.demo" in out


def test_the_demo_gives_the_officer_a_queue_and_the_division_head_a_request_to_approve():
    from apps.officeservices.models import RequestStatus, ServiceRequest

    call_command("seed_demo")
    statuses = sorted(ServiceRequest.objects.values_list("status", flat=True))
    assert statuses == sorted([RequestStatus.AWAITING_APPROVAL, RequestStatus.IN_PROGRESS, RequestStatus.SUBMITTED])
    waiting = ServiceRequest.objects.get(status=RequestStatus.AWAITING_APPROVAL)
    assert waiting.office.region_id == "32.76" and waiting.handover_signed_at is not None


def test_the_demo_organiser_has_a_running_fair_and_one_waiting_for_the_admin():
    from apps.jobfairs.models import JobFair
    from apps.jobfairs.selectors import fairs_to_verify, public_fairs

    call_command("seed_demo")
    call_command("seed_demo")
    organiser = User.objects.get(email="penyelenggara@jobfair.demo")
    assert organiser.organiser_profile.is_complete and organiser.organiser_profile.logo
    phases = sorted(fair.phase() for fair in JobFair.objects.filter(organiser=organiser))
    assert phases == ["running", "submitted"]
    assert [fair.organiser for fair in public_fairs()] == [organiser]
    assert fairs_to_verify().count() == 1


def test_the_demo_has_domestic_work_in_the_running_fair_and_applications_to_it():
    from apps.agencies.models import CompanyKind
    from apps.jobfairs.models import FairApplication, FairParticipation, FairVacancy
    from apps.jobfairs.selectors import public_fairs
    from apps.vacancies.models import Application, ApplicationStatus, VacancyKind

    call_command("seed_demo")
    call_command("seed_demo")
    employer = User.objects.get(email="pemberikerja@perusahaan.demo")
    assert employer.is_activated and employer.role == "agency_staff"
    domestic = Vacancy.objects.filter(kind=VacancyKind.DOMESTIC, status="published")
    assert domestic.count() == 2
    assert {vacancy.agency.kind for vacancy in domestic} == {CompanyKind.DOMESTIC_EMPLOYER}
    assert {vacancy.agency.members.get().user for vacancy in domestic} == {employer}

    # One of them is in the running fair, the employer accepted there, and the demo job seeker applied at the fair.
    [fair] = public_fairs()
    assert fair.phase() == "running"
    participation = FairParticipation.objects.get(fair=fair)
    assert participation.status == "accepted" and participation.agency.kind == CompanyKind.DOMESTIC_EMPLOYER
    assert participation.faqs.count() == 1
    [entry] = FairVacancy.objects.filter(fair=fair)
    assert entry.vacancy.kind == VacancyKind.DOMESTIC
    [at_fair] = FairApplication.objects.filter(fair=fair)
    assert at_fair.application.applicant.email == "pencaker@sipmi.demo"
    assert at_fair.application.vacancy == entry.vacancy

    # And another job seeker applied directly to the other one and is invited to an interview.
    invited = Application.objects.get(vacancy__kind=VacancyKind.DOMESTIC, status=ApplicationStatus.INTERVIEW)
    assert invited.applicant.email == "dewi@sipmi.demo" and invited.vacancy != entry.vacancy
    assert invited.interview_place
