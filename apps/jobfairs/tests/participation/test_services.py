"""Companies in a job fair: joining, the organiser's decision, vacancies in the fair, applicants, the FAQ."""

import datetime

import pytest
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from apps.jobfairs.models import FairFaq, FairParticipation, FairVacancy, ParticipationStatus
from apps.jobfairs.participation import selectors as participation_selectors
from apps.jobfairs.participation import services as services
from apps.jobfairs.tests import participation_builders
from apps.messaging.models import Notification
from apps.vacancies import services as vacancy_services
from apps.vacancies.tests.builders import make_vacancy, vacancy_fields, verified_candidate
from testing import factories

pytestmark = pytest.mark.django_db


def refused(code, call, **kwargs):
    with pytest.raises(ServiceError) as caught:
        call(**kwargs)
    assert caught.value.code == code, caught.value.message
    return caught.value


# --- asking to join --------------------------------------------------------------------------------------------


def test_company_asks_to_join_a_published_fair_and_the_organiser_is_told(
    fair, owner, organiser, company, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asked = services.participation_request(fair=fair, actor=owner)
    assert asked.status == ParticipationStatus.REQUESTED and asked.agency == company
    assert Notification.objects.filter(user=organiser, title="Perusahaan mendaftar job fair").exists()
    assert AuditEvent.objects.filter(action="jobfair.participation_request").exists()


def test_joining_is_refused_for_a_draft_a_finished_fair_twice_and_for_non_companies(fair, owner, organiser):
    draft = factories.job_fair(organiser=organiser, status="draft")
    refused("fair_not_published", services.participation_request, fair=draft, actor=owner)
    past = timezone.now() - datetime.timedelta(days=2)
    over = factories.job_fair(
        organiser=organiser, status="published", starts_at=past, ends_at=past + datetime.timedelta(hours=3)
    )
    error = refused("fair_finished", services.participation_request, fair=over, actor=owner)
    assert error.message == "Job fair ini sudah selesai."
    services.participation_request(fair=fair, actor=owner)
    error = refused("already_requested", services.participation_request, fair=fair, actor=owner)
    assert "sudah mendaftar" in error.message
    with pytest.raises(PermissionDenied):
        services.participation_request(fair=fair, actor=organiser)


# --- the organiser's decision ----------------------------------------------------------------------------------


def test_organiser_accepts_and_the_company_members_are_told(fair, owner, organiser, django_capture_on_commit_callbacks):
    asked = services.participation_request(fair=fair, actor=owner)
    with django_capture_on_commit_callbacks(execute=True):
        accepted = services.participation_accept(participation=asked, actor=organiser)
    assert accepted.status == ParticipationStatus.ACCEPTED and accepted.decided_by == organiser
    assert Notification.objects.filter(user=owner, title="Diterima di job fair").exists()
    error = refused("already_decided", services.participation_reject, participation=asked, actor=organiser, reason="x")
    assert "sudah diputuskan" in error.message


def test_rejection_needs_a_reason_that_the_company_reads(fair, owner, organiser, django_capture_on_commit_callbacks):
    asked = services.participation_request(fair=fair, actor=owner)
    refused("reason_required", services.participation_reject, participation=asked, actor=organiser, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        services.participation_reject(participation=asked, actor=organiser, reason="Sektor tidak sesuai.")
    asked.refresh_from_db()
    assert asked.status == ParticipationStatus.REJECTED and asked.reason == "Sektor tidak sesuai."
    note = Notification.objects.get(user=owner, title="Tidak diterima di job fair")
    assert "Sektor tidak sesuai." in note.body


def test_an_organiser_cannot_decide_on_another_organisers_fair(fair, owner):
    asked = services.participation_request(fair=fair, actor=owner)
    stranger = factories.user(account_type="jobfair_organiser", full_name="Penyelenggara Lain")
    with pytest.raises(PermissionDenied) as caught:
        services.participation_accept(participation=asked, actor=stranger)
    assert caught.value.message == "Job fair ini milik penyelenggara lain."
    with pytest.raises(PermissionDenied):
        services.participation_reject(participation=asked, actor=stranger, reason="Tidak.")
    asked.refresh_from_db()
    assert asked.status == ParticipationStatus.REQUESTED


def test_accepting_beyond_max_companies_is_refused(fair, organiser):
    asked = []
    for n in range(3):
        member = factories.agency_member(agency=factories.agency(name=f"PT Peserta {n}"))
        asked.append(services.participation_request(fair=fair, actor=member))
    services.participation_accept(participation=asked[0], actor=organiser)
    services.participation_accept(participation=asked[1], actor=organiser)
    error = refused("fair_full", services.participation_accept, participation=asked[2], actor=organiser)
    assert error.message == "Kuota perusahaan job fair ini sudah penuh (2 perusahaan)."
    late = factories.agency_member(agency=factories.agency(name="PT Terlambat"))
    refused("fair_full", services.participation_request, fair=fair, actor=late)


# --- vacancies in the fair -------------------------------------------------------------------------------------


def test_accepted_company_publishes_an_existing_vacancy_once(fair, joined, owner, vacancy):
    entry = services.fair_vacancy_add(fair=fair, actor=owner, vacancy=vacancy)
    assert entry.participation == joined
    assert list(participation_selectors.visible_fair_vacancies(fair)) == [entry]
    assert participation_selectors.is_fair_vacancy(fair, vacancy)
    error = refused("already_in_fair", services.fair_vacancy_add, fair=fair, actor=owner, vacancy=vacancy)
    assert error.message == "Lowongan ini sudah dipublikasikan di job fair ini."


def test_a_company_not_accepted_cannot_act_in_the_fair(fair, owner, vacancy, organiser):
    error = refused("not_accepted", services.fair_vacancy_add, fair=fair, actor=owner, vacancy=vacancy)
    assert error.message == "Perusahaan Anda belum diterima penyelenggara di job fair ini."
    asked = services.participation_request(fair=fair, actor=owner)
    refused("not_accepted", services.fair_vacancy_add, fair=fair, actor=owner, vacancy=vacancy)
    refused("not_accepted", services.faq_add, fair=fair, actor=owner, question="Q?", answer="A.")
    services.participation_reject(participation=asked, actor=organiser, reason="Penuh.")
    refused("not_accepted", services.fair_vacancy_add, fair=fair, actor=owner, vacancy=vacancy)
    assert not FairVacancy.objects.exists()


def test_another_companys_vacancy_is_refused(fair, joined, owner, other_company):
    theirs = make_vacancy(
        factories.agency_member(agency=other_company, role="owner"), factories.permit(agency=other_company)
    )
    with pytest.raises(PermissionDenied) as caught:
        services.fair_vacancy_add(fair=fair, actor=owner, vacancy=theirs)
    assert caught.value.message == "Lowongan ini milik perusahaan lain."


def test_publishing_after_the_fair_ended_is_refused(fair, joined, owner, vacancy):
    fair.starts_at = timezone.now() - datetime.timedelta(hours=9)
    fair.ends_at = timezone.now() - datetime.timedelta(hours=1)
    fair.save()
    error = refused("fair_finished", services.fair_vacancy_add, fair=fair, actor=owner, vacancy=vacancy)
    assert "sudah selesai" in error.message
    refused("fair_finished", services.fair_vacancy_create, fair=fair, actor=owner, **vacancy_fields(vacancy.permit))


def test_a_closed_vacancy_or_an_expired_sip2mi_cannot_go_into_the_fair(fair, joined, owner, vacancy, company):
    vacancy_services.vacancy_close(vacancy=vacancy, actor=owner)
    refused("vacancy_not_open", services.fair_vacancy_add, fair=fair, actor=owner, vacancy=vacancy)
    fresh = make_vacancy(owner, vacancy.permit)
    company.sip2mi_valid_until = timezone.localdate() - datetime.timedelta(days=1)
    company.save()
    refused("licence_expired", services.fair_vacancy_add, fair=fair, actor=owner, vacancy=fresh)


def test_a_new_vacancy_is_created_and_published_into_the_fair(fair, joined, owner, spr):
    entry = services.fair_vacancy_create(fair=fair, actor=owner, **vacancy_fields(spr, position="Caregiver"))
    assert entry.vacancy.status == "published" and entry.fair == fair
    refused("permit_required", services.fair_vacancy_create, fair=fair, actor=owner, **vacancy_fields(None))


def test_a_rejected_company_s_vacancies_are_not_visible(fair, joined, owner, vacancy):
    services.fair_vacancy_add(fair=fair, actor=owner, vacancy=vacancy)
    FairParticipation.objects.filter(pk=joined.pk).update(status=ParticipationStatus.WITHDRAWN)
    assert not participation_selectors.visible_fair_vacancies(fair).exists()


# --- FAQ -------------------------------------------------------------------------------------------------------


def test_faq_add_edit_reorder_remove(fair, joined, owner):
    first = services.faq_add(fair=fair, actor=owner, question="Apakah ada biaya?", answer="Tidak ada.")
    second = services.faq_add(fair=fair, actor=owner, question="Kapan wawancara?", answer="Hari yang sama.")
    refused("required", services.faq_add, fair=fair, actor=owner, question=" ", answer="x")
    services.faq_update(fair=fair, faq=first, actor=owner, question="Apakah dipungut biaya?", answer="Tidak.")
    services.faq_move(fair=fair, faq=second, actor=owner, direction="up")
    assert [f.question for f in FairFaq.objects.filter(participation=joined)] == [
        "Kapan wawancara?",
        "Apakah dipungut biaya?",
    ]
    services.faq_move(fair=fair, faq=second, actor=owner, direction="up")  # already first: nothing moves
    assert FairFaq.objects.filter(participation=joined).first() == second
    services.faq_remove(fair=fair, faq=first, actor=owner)
    assert list(FairFaq.objects.filter(participation=joined)) == [second]


def test_a_company_cannot_touch_another_companys_faq(fair, joined, owner, other_owner, organiser):
    faq = services.faq_add(fair=fair, actor=owner, question="Q?", answer="A.")
    participation_builders.accepted(fair, other_owner, organiser)
    with pytest.raises(PermissionDenied):
        services.faq_update(fair=fair, faq=faq, actor=other_owner, question="X?", answer="Y.")
    with pytest.raises(PermissionDenied):
        services.faq_remove(fair=fair, faq=faq, actor=other_owner)
    assert FairFaq.objects.get(pk=faq.pk).question == "Q?"


# --- withdrawing, and taking a vacancy out of the fair ------------------------------------------------------------


def test_a_company_withdraws_before_the_start_and_its_vacancies_leave_the_fair(
    fair, joined, owner, vacancy, organiser, django_capture_on_commit_callbacks
):
    services.fair_vacancy_add(fair=fair, actor=owner, vacancy=vacancy)
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = services.participation_withdraw(fair=fair, actor=owner)
    assert withdrawn.status == ParticipationStatus.WITHDRAWN
    assert not participation_selectors.visible_fair_vacancies(fair).exists()
    assert Notification.objects.filter(user=organiser, title="Perusahaan mengundurkan diri").exists()
    event = AuditEvent.objects.get(action="jobfair.participation_withdraw")
    assert event.data["from"] == ParticipationStatus.ACCEPTED
    # once withdrawn, nothing more in the fair, and not twice
    refused("not_accepted", services.fair_vacancy_add, fair=fair, actor=owner, vacancy=vacancy)
    refused("cannot_withdraw", services.participation_withdraw, fair=fair, actor=owner)


def test_a_request_still_waiting_can_be_withdrawn_too(fair, owner):
    services.participation_request(fair=fair, actor=owner)
    assert services.participation_withdraw(fair=fair, actor=owner).status == ParticipationStatus.WITHDRAWN


def test_withdrawing_is_refused_once_the_fair_started_or_without_a_request(fair, joined, owner, other_owner):
    refused("not_requested", services.participation_withdraw, fair=fair, actor=other_owner)
    refused("fair_started", services.participation_withdraw, fair=fair, actor=owner, now=fair.starts_at)
    assert FairParticipation.objects.get(pk=joined.pk).status == ParticipationStatus.ACCEPTED
    assert not AuditEvent.objects.filter(action="jobfair.participation_withdraw").exists()


def test_a_company_takes_its_vacancy_out_of_the_fair(fair, joined, owner, vacancy):
    entry = services.fair_vacancy_add(fair=fair, actor=owner, vacancy=vacancy)
    services.fair_vacancy_remove(fair=fair, actor=owner, entry=entry)
    assert not FairVacancy.objects.exists()
    vacancy.refresh_from_db()
    assert vacancy.status == "published"  # still on the company's list
    event = AuditEvent.objects.get(action="jobfair.vacancy_remove")
    assert event.data == {"fair": fair.pk, "vacancy": vacancy.pk}


def test_another_company_cannot_take_a_vacancy_out(fair, joined, owner, vacancy, other_owner, organiser):
    entry = services.fair_vacancy_add(fair=fair, actor=owner, vacancy=vacancy)
    participation_builders.accepted(fair, other_owner, organiser)
    with pytest.raises(PermissionDenied):
        services.fair_vacancy_remove(fair=fair, actor=other_owner, entry=entry)
    assert FairVacancy.objects.filter(pk=entry.pk).exists()


def test_a_vacancy_applied_to_in_the_fair_stays(fair, joined, owner, vacancy, job_seeker, officer):
    from apps.jobfairs.attendance import services as attendance

    entry = services.fair_vacancy_add(fair=fair, actor=owner, vacancy=vacancy)
    cpmi = verified_candidate(job_seeker, officer)
    attendance.fair_follow(fair=fair, actor=cpmi.user, now=fair.starts_at - datetime.timedelta(hours=5))
    attendance.fair_check_in(fair=fair, actor=cpmi.user, now=fair.starts_at - datetime.timedelta(hours=1))
    attendance.fair_apply(fair=fair, vacancy=vacancy, actor=cpmi.user, now=fair.starts_at)
    refused("has_fair_applications", services.fair_vacancy_remove, fair=fair, actor=owner, entry=entry)
    assert FairVacancy.objects.filter(pk=entry.pk).exists()
