"""Applying and the pipeline: each service's allowed path, each refusal, what it records and whom it tells."""

import datetime

import pytest
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from apps.messaging.models import Notification
from apps.permits.models import RecruitmentPermit
from apps.vacancies import services
from apps.vacancies.models import Application, ApplicationEvent, ApplicationStatus, PermitUse, Vacancy
from apps.vacancies.tests.builders import make_vacancy, verified_candidate
from testing import factories

pytestmark = pytest.mark.django_db


def actions(application) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="vacancies.application", object_id=str(application.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def timeline(application) -> list[str]:
    return list(ApplicationEvent.objects.filter(application=application).values_list("status", flat=True))


def titles(user) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("id").values_list("title", flat=True))


def in_two_days(hour=10):
    day = timezone.localdate() + datetime.timedelta(days=2)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def refused(code, call):
    with pytest.raises(ServiceError) as error:
        call()
    assert error.value.code == code, error.value.message
    return error.value


# --- application_apply -----------------------------------------------------------------------------------


def test_a_verified_cpmi_applies(cpmi, vacancy, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = services.application_apply(actor=cpmi.user, vacancy=vacancy)
    assert application.status == ApplicationStatus.SENT
    assert application.candidate == cpmi
    assert timeline(application) == ["sent"]
    assert actions(application) == ["application.apply"]
    assert titles(cpmi.user) == ["Lamaran terkirim"]


def test_the_company_hears_of_a_new_application(cpmi, vacancy, company_staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = services.application_apply(actor=cpmi.user, vacancy=vacancy)
    notice = Notification.objects.get(user=company_staff)
    assert notice.title == "Lamaran baru"
    assert cpmi.user.full_name in notice.body
    assert notice.url.endswith(f"/{application.pk}/")


@pytest.mark.parametrize(
    ("persona", "code", "told"),
    [
        ("job_seeker", "not_cpmi", "Hanya CPMI yang sudah terverifikasi"),
        ("agency_staff", "permission_denied", "Lamaran hanya dapat diajukan oleh pencari kerja."),
        ("officer", "permission_denied", "Lamaran hanya dapat diajukan oleh pencari kerja."),
    ],
)
def test_only_a_verified_cpmi_may_apply(request, persona, code, told, vacancy):
    error = refused(code, lambda: services.application_apply(actor=request.getfixturevalue(persona), vacancy=vacancy))
    assert told in str(error.message)
    assert not Application.objects.exists()


def test_applying_twice_is_refused(application, cpmi, vacancy):
    error = refused("already_applied", lambda: services.application_apply(actor=cpmi.user, vacancy=vacancy))
    assert str(error.message) == "Anda sudah melamar lowongan ini."
    assert Application.objects.count() == 1
    assert actions(application) == ["application.apply"]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"status": "closed"}, "vacancy_closed"),
        ({"status": "draft"}, "vacancy_closed"),
        ({"closing_date": datetime.date(2020, 1, 1)}, "vacancy_closed"),
        ({"accepted_count": 3}, "vacancy_full"),
    ],
)
def test_applying_to_a_closed_or_full_vacancy_is_refused(cpmi, vacancy, change, code):
    Vacancy.objects.filter(pk=vacancy.pk).update(**change)
    vacancy.refresh_from_db()
    error = refused(code, lambda: services.application_apply(actor=cpmi.user, vacancy=vacancy))
    assert str(error.message) in ("Lowongan sudah ditutup.", "Lowongan sudah penuh.")
    assert not Application.objects.exists()
    assert not AuditEvent.objects.filter(action="application.apply").exists()


def test_the_vacancy_on_the_page_may_be_stale(cpmi, vacancy):
    """The service reads the vacancy again: a copy loaded before the company closed it does not help."""
    Vacancy.objects.filter(pk=vacancy.pk).update(status="closed")
    refused("vacancy_closed", lambda: services.application_apply(actor=cpmi.user, vacancy=vacancy))


def test_missing_certificates_are_refused_and_listed(cpmi, company_staff, spr):
    vacancy = make_vacancy(company_staff, spr, required_certificates="Perawat lansia\nBahasa Mandarin\nP3K")
    error = refused("certificates_missing", lambda: services.application_apply(actor=cpmi.user, vacancy=vacancy))
    assert "Bahasa Mandarin, P3K" in str(error.message)
    assert not Application.objects.exists()


def test_an_expired_company_licence_is_refused(cpmi, vacancy, company):
    company.sip2mi_valid_until = timezone.localdate() - datetime.timedelta(days=1)
    company.save()
    refused("licence_expired", lambda: services.application_apply(actor=cpmi.user, vacancy=vacancy))
    assert not Application.objects.exists()


# --- the company's pipeline ----------------------------------------------------------------------------


def test_process_schedule_and_accept(application, company_staff, spr, vacancy, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_process(application=application, actor=company_staff)
        services.application_schedule_interview(
            application=application, actor=company_staff, interview_at=in_two_days(), place="Kantor PT, Jakarta"
        )
        services.application_accept(application=application, actor=company_staff)
    application.refresh_from_db()
    vacancy.refresh_from_db()
    spr.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert application.decided_at is not None
    assert vacancy.accepted_count == 1
    assert spr.used == 1
    assert PermitUse.objects.get().application == application
    assert timeline(application) == ["sent", "processing", "interview", "accepted"]
    assert actions(application) == [
        "application.apply",
        "application.process",
        "application.schedule_interview",
        "application.accept",
    ]
    assert AuditEvent.objects.filter(action="agency.permit_use", object_id=str(spr.pk)).count() == 1
    assert titles(application.candidate.user)[-3:] == [
        "Lamaran sedang diproses",
        "Jadwal wawancara",
        "Lamaran diterima",
    ]


def test_accept_straight_from_processing(application, company_staff):
    services.application_process(application=application, actor=company_staff)
    services.application_accept(application=application, actor=company_staff)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED


def test_a_sent_application_cannot_be_accepted_unseen(application, company_staff, spr):
    refused("transition_not_allowed", lambda: services.application_accept(application=application, actor=company_staff))
    spr.refresh_from_db()
    assert spr.used == 0


def processing(application, actor):
    return services.application_process(application=application, actor=actor)


def assert_nothing_changed(application, vacancy, spr, status=ApplicationStatus.PROCESSING, used=0):
    application.refresh_from_db()
    vacancy.refresh_from_db()
    spr.refresh_from_db()
    assert application.status == status
    assert application.decided_at is None
    assert vacancy.accepted_count == 0
    assert spr.used == used
    assert not PermitUse.objects.exists()
    assert not AuditEvent.objects.filter(action="application.accept").exists()
    assert not ApplicationEvent.objects.filter(status=ApplicationStatus.ACCEPTED).exists()


def test_an_exhausted_spr_refuses_acceptance_and_nothing_changes(application, company_staff, spr, vacancy):
    processing(application, company_staff)
    RecruitmentPermit.objects.filter(pk=spr.pk).update(quota=2, used=2)
    refused("permit_exhausted", lambda: services.application_accept(application=application, actor=company_staff))
    assert_nothing_changed(application, vacancy, spr, used=2)


def test_the_last_quota_unit_is_used_once(cpmi, company_staff, company, vacancy, other_job_seeker, officer):
    """Quota 1: the first acceptance takes it; the second CPMI is refused with nothing written."""
    RecruitmentPermit.objects.filter(pk=vacancy.permit_id).update(quota=1)
    first = services.application_apply(actor=cpmi.user, vacancy=vacancy)
    second_cpmi = verified_candidate(other_job_seeker, officer)
    second = services.application_apply(actor=second_cpmi.user, vacancy=vacancy)
    for application in (first, second):
        processing(application, company_staff)
    services.application_accept(application=first, actor=company_staff)
    refused("permit_exhausted", lambda: services.application_accept(application=second, actor=company_staff))
    second.refresh_from_db()
    vacancy.refresh_from_db()
    assert second.status == ApplicationStatus.PROCESSING
    assert vacancy.accepted_count == 1
    assert PermitUse.objects.count() == 1


def test_a_full_vacancy_refuses_acceptance(application, company_staff, spr, vacancy):
    processing(application, company_staff)
    Vacancy.objects.filter(pk=vacancy.pk).update(openings=1, accepted_count=1)
    refused("vacancy_full", lambda: services.application_accept(application=application, actor=company_staff))
    application.refresh_from_db()
    spr.refresh_from_db()
    assert application.status == ApplicationStatus.PROCESSING and spr.used == 0


def test_acceptance_needs_an_officer_approved_by_the_cpmi_office(cpmi, officer):
    """A company without a recruiting officer approved by Kota Depok cannot accept a CPMI from Depok."""
    agency = factories.agency()
    staff = factories.agency_member(agency=agency)
    spr = factories.permit(agency=agency)
    vacancy = make_vacancy(staff, spr)
    application = services.application_apply(actor=cpmi.user, vacancy=vacancy)
    processing(application, staff)
    refused("officer_not_approved", lambda: services.application_accept(application=application, actor=staff))
    assert_nothing_changed(application, vacancy, spr)


def test_acceptance_needs_the_cpmi_region_in_the_spr(cpmi, company, company_staff):
    jakarta_only = factories.permit(agency=company, regions=("31",))
    vacancy = make_vacancy(company_staff, jakarta_only)
    application = services.application_apply(actor=cpmi.user, vacancy=vacancy)
    processing(application, company_staff)
    error = refused(
        "permit_region_mismatch", lambda: services.application_accept(application=application, actor=company_staff)
    )
    assert "Depok" in str(error.message)
    assert_nothing_changed(application, vacancy, jakarta_only)


def test_acceptance_needs_a_valid_licence(application, company, company_staff, spr, vacancy):
    processing(application, company_staff)
    company.sip2mi_valid_until = timezone.localdate() - datetime.timedelta(days=1)
    company.save()
    refused("licence_expired", lambda: services.application_accept(application=application, actor=company_staff))
    assert_nothing_changed(application, vacancy, spr)


def test_a_failure_late_in_acceptance_leaves_nothing_half_written(
    application, company_staff, spr, vacancy, monkeypatch
):
    """Quota used, count raised, status changed: when the last step fails, all of it is rolled back."""
    processing(application, company_staff)
    real = services.audit_record

    def failing(**kwargs):
        if kwargs["action"] == "application.accept":
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(services, "audit_record", failing)
    with pytest.raises(RuntimeError):
        services.application_accept(application=application, actor=company_staff)
    assert_nothing_changed(application, vacancy, spr)


def test_another_company_cannot_touch_an_application(application, other_company_staff, spr):
    for call in (
        lambda: services.application_process(application=application, actor=other_company_staff),
        lambda: services.application_schedule_interview(
            application=application, actor=other_company_staff, interview_at=in_two_days(), place="X"
        ),
        lambda: services.application_accept(application=application, actor=other_company_staff),
        lambda: services.application_reject(application=application, actor=other_company_staff, reason="Tidak"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SENT
    assert actions(application) == ["application.apply"]


def test_the_cpmi_cannot_process_their_own_application(application, cpmi):
    with pytest.raises(PermissionDenied):
        services.application_process(application=application, actor=cpmi.user)


def test_processing_twice_is_refused(application, company_staff):
    processing(application, company_staff)
    refused("transition_not_allowed", lambda: processing(application, company_staff))


# --- interviews ----------------------------------------------------------------------------------------


def test_an_interview_needs_a_place_or_a_link(application, company_staff):
    error = refused(
        "interview_place_required",
        lambda: services.application_schedule_interview(
            application=application, actor=company_staff, interview_at=in_two_days()
        ),
    )
    assert error.field == "interview_place"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SENT


def test_an_interview_beyond_the_forms_range_is_refused_by_the_service(application, company_staff):
    """Called directly, the service bounds the interview as the form (APPOINTMENT: at most a year ahead)."""
    error = refused(
        "interview_past",
        lambda: services.application_schedule_interview(
            application=application,
            actor=company_staff,
            interview_at=timezone.now() + datetime.timedelta(days=800),
            place="Kantor",
        ),
    )
    assert error.field == "interview_at"
    application.refresh_from_db()
    assert (application.status, application.interview_at) == (ApplicationStatus.SENT, None)


def test_an_interview_in_the_past_is_refused(application, company_staff):
    past = timezone.now() - datetime.timedelta(hours=1)
    refused(
        "interview_past",
        lambda: services.application_schedule_interview(
            application=application, actor=company_staff, interview_at=past, place="Kantor"
        ),
    )


def test_an_invalid_link_is_refused(application, company_staff):
    refused(
        "interview_link_invalid",
        lambda: services.application_schedule_interview(
            application=application, actor=company_staff, interview_at=in_two_days(), link="javascript:alert(1)"
        ),
    )


def test_an_interview_can_be_moved(application, company_staff, django_capture_on_commit_callbacks):
    services.application_schedule_interview(
        application=application, actor=company_staff, interview_at=in_two_days(), link="https://meet.example/abc"
    )
    application.refresh_from_db()
    application.interview_reminder_sent_at = timezone.now()
    application.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_schedule_interview(
            application=application, actor=company_staff, interview_at=in_two_days(14), place="Kantor PT"
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INTERVIEW
    assert timezone.localtime(application.interview_at).hour == 14
    assert (application.interview_place, application.interview_link) == ("Kantor PT", "")
    assert application.interview_reminder_sent_at is None  # a new reminder will be sent
    assert actions(application)[-1] == "application.reschedule_interview"
    assert timeline(application) == ["sent", "interview", "interview"]
    assert titles(application.candidate.user)[-1] == "Jadwal wawancara diubah"


# --- reject / withdraw ---------------------------------------------------------------------------------


def test_reject_needs_a_reason(application, company_staff):
    error = refused(
        "reason_required", lambda: services.application_reject(application=application, actor=company_staff, reason=" ")
    )
    assert error.field == "reason"
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SENT


def test_reject_with_a_reason(application, company_staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_reject(application=application, actor=company_staff, reason="Belum fasih Mandarin")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    assert application.rejection_reason == "Belum fasih Mandarin"
    assert ApplicationEvent.objects.filter(application=application).last().note == "Belum fasih Mandarin"
    assert actions(application)[-1] == "application.reject"
    assert AuditEvent.objects.get(action="application.reject").reason == "Belum fasih Mandarin"
    assert titles(application.candidate.user)[-1] == "Lamaran tidak diterima"
    refused(
        "already_decided",
        lambda: services.application_withdraw(application=application, actor=application.candidate.user),
    )


def test_the_cpmi_withdraws(application, cpmi, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_withdraw(application=application, actor=cpmi.user)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert actions(application) == ["application.apply", "application.withdraw"]
    assert timeline(application) == ["sent", "withdrawn"]
    assert titles(cpmi.user)[-1] == "Lamaran dibatalkan"


@pytest.mark.parametrize("persona", ["other_job_seeker", "company_staff"])
def test_only_the_cpmi_withdraws(request, application, persona):
    with pytest.raises(PermissionDenied):
        services.application_withdraw(application=application, actor=request.getfixturevalue(persona))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SENT


def test_an_accepted_application_cannot_be_withdrawn(application, cpmi, company_staff):
    processing(application, company_staff)
    services.application_accept(application=application, actor=company_staff)
    error = refused("already_accepted", lambda: services.application_withdraw(application=application, actor=cpmi.user))
    assert "sudah diterima" in str(error.message)
