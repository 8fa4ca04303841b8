"""The PP life cycle: draft by the company, submit, return with a reason, sign by the head or a delegate."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.agencies.models import PlacementAgency
from apps.agreements import pdf, services
from apps.agreements.models import AgreementStatus, PlacementAgreement
from apps.agreements.snapshot import signature_is_valid
from apps.agreements.tests import builders
from apps.agreements.tests.conftest import make_delegation
from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from apps.core.formatting import date_id
from apps.messaging.models import Notification
from apps.vacancies.models import ApplicationStatus
from testing import factories

pytestmark = pytest.mark.django_db

SIGNER_RULE = "Hanya Kepala Dinas, atau Sekretaris/Kabid yang memiliki SK pendelegasian yang berlaku"


def audit_actions(agreement) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="agreements.placementagreement", object_id=str(agreement.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def year() -> int:
    return timezone.localdate().year


# --- draft -------------------------------------------------------------------------------------------------


def test_company_creates_draft_with_terms_from_vacancy(draft, application, company, cpmi, company_staff):
    assert draft.status == AgreementStatus.DRAFT
    assert draft.agency == company and draft.candidate == cpmi and draft.office == cpmi.office
    assert (draft.position, draft.employer_name, draft.country, draft.city) == (
        "Caregiver",
        "Chen Family",
        "Taiwan",
        "Taipei",
    )
    assert (draft.salary, draft.currency, draft.contract_months) == (Decimal("20000.00"), "TWD", 36)
    assert "Biaya penempatan" in draft.placement_costs and "Hak PIHAK KEDUA" in draft.rights_and_duties
    assert draft.number is None and draft.signature == ""
    event = AuditEvent.objects.get(action="agreement.create")
    assert event.actor == company_staff and event.data == {"application": application.pk}


def test_other_company_and_other_roles_cannot_create(application, other_company_staff, officer, job_seeker):
    for actor in (other_company_staff, officer, job_seeker, factories.user(account_type="agency_staff")):
        with pytest.raises(PermissionDenied):
            services.agreement_create_draft(application=application, actor=actor)
    assert not PlacementAgreement.objects.exists()


@pytest.mark.parametrize("status", [ApplicationStatus.SENT, ApplicationStatus.INTERVIEW, ApplicationStatus.REJECTED])
def test_only_accepted_applications(application, company_staff, status):
    application.status = status
    application.save()

    with pytest.raises(ServiceError) as refused:
        services.agreement_create_draft(application=application, actor=company_staff)
    assert refused.value.code == "application_not_accepted"


def test_one_agreement_per_application(draft, application, company_staff):
    with pytest.raises(ServiceError) as refused:
        services.agreement_create_draft(application=application, actor=company_staff)
    assert refused.value.code == "agreement_exists"
    assert PlacementAgreement.objects.count() == 1


def test_expired_licence_cannot_create(application, company, company_staff):
    PlacementAgency.objects.filter(pk=company.pk).update(
        sip2mi_valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    application.vacancy.agency.refresh_from_db()

    with pytest.raises(ServiceError) as refused:
        services.agreement_create_draft(application=application, actor=company_staff)
    assert refused.value.code == "licence_expired"


# --- terms -------------------------------------------------------------------------------------------------


def test_company_edits_terms(draft, company_staff):
    services.agreement_update_terms(
        agreement=draft,
        actor=company_staff,
        salary="21500.5",
        currency="twd",
        employer_address=" No. 5, Zhongshan Rd, Taipei ",
        position="Caregiver",
    )

    draft.refresh_from_db()
    assert draft.salary == Decimal("21500.50") and draft.currency == "TWD"
    assert draft.employer_address == "No. 5, Zhongshan Rd, Taipei"
    event = AuditEvent.objects.get(action="agreement.update_terms")
    assert sorted(event.data["fields"]) == ["employer_address", "salary"]  # "twd" is the stored TWD


@pytest.mark.parametrize(
    ("terms", "code", "field"),
    [
        ({"salary": "0"}, "salary_invalid", "salary"),
        ({"salary": "abc"}, "salary_invalid", "salary"),
        ({"currency": "NT$"}, "currency_invalid", "currency"),
        ({"contract_months": 0}, "contract_months_invalid", "contract_months"),
        ({"contract_months": 200}, "contract_months_invalid", "contract_months"),
        ({"position": "  "}, "term_required", "position"),
        ({"placement_costs": ""}, "term_required", "placement_costs"),
    ],
)
def test_term_checks(draft, company_staff, terms, code, field):
    with pytest.raises(ServiceError) as refused:
        services.agreement_update_terms(agreement=draft, actor=company_staff, **terms)
    assert (refused.value.code, refused.value.field) == (code, field)


def test_unknown_term_refused(draft, company_staff):
    with pytest.raises(ServiceError) as refused:
        services.agreement_update_terms(agreement=draft, actor=company_staff, number="PP/1")
    assert refused.value.code == "unknown_term"


def test_other_company_cannot_edit(draft, other_company_staff, officer):
    for actor in (other_company_staff, officer):
        with pytest.raises(PermissionDenied):
            services.agreement_update_terms(agreement=draft, actor=actor, salary="1")


def test_submitted_agreement_is_not_editable(submitted, company_staff):
    with pytest.raises(ServiceError) as refused:
        services.agreement_update_terms(agreement=submitted, actor=company_staff, salary="1000")
    assert refused.value.code == "not_editable"


# --- submit ------------------------------------------------------------------------------------------------


def test_submit_notifies_cpmi_and_office_staff(
    draft, company_staff, cpmi, officer, office_head, other_office_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        agreement = services.agreement_submit(agreement=draft, actor=company_staff)

    assert agreement.status == AgreementStatus.SUBMITTED
    assert agreement.get_status_display() == "Menunggu Verifikasi PP"
    assert agreement.submitted_at is not None and agreement.version == 1
    assert Notification.objects.filter(user=cpmi.user, title="PP menunggu verifikasi").exists()
    assert Notification.objects.filter(user=officer).exists() and Notification.objects.filter(user=office_head).exists()
    assert not Notification.objects.filter(user=other_office_officer).exists()
    assert audit_actions(agreement) == ["agreement.create", "agreement.submit"]


def test_submit_twice_refused(submitted, company_staff):
    with pytest.raises(ServiceError) as refused:
        services.agreement_submit(agreement=submitted, actor=company_staff)
    assert refused.value.code == "transition_not_allowed"


def test_other_company_cannot_submit(draft, other_company_staff):
    with pytest.raises(PermissionDenied):
        services.agreement_submit(agreement=draft, actor=other_company_staff)
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.DRAFT


# --- return ------------------------------------------------------------------------------------------------


def test_officer_returns_with_reason_and_company_resubmits(
    submitted, officer, company_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_return(agreement=submitted, actor=officer, reason=" Gaji tidak sesuai SPR. ")

    submitted.refresh_from_db()
    assert submitted.status == AgreementStatus.RETURNED and submitted.return_reason == "Gaji tidak sesuai SPR."
    event = AuditEvent.objects.get(action="agreement.return")
    assert event.actor == officer and event.reason == "Gaji tidak sesuai SPR."
    notice = Notification.objects.get(user=company_staff)
    assert "Gaji tidak sesuai SPR." in notice.body

    services.agreement_update_terms(agreement=submitted, actor=company_staff, salary="22000")
    again = services.agreement_submit(agreement=submitted, actor=company_staff)
    assert again.status == AgreementStatus.SUBMITTED and again.version == 2


def test_return_needs_reason(submitted, officer):
    with pytest.raises(ServiceError) as refused:
        services.agreement_return(agreement=submitted, actor=officer, reason="   ")
    assert refused.value.code == "reason_required" and refused.value.field == "reason"


def test_other_office_cannot_return(submitted, other_office_officer, company_staff):
    for actor in (other_office_officer, company_staff):
        with pytest.raises(PermissionDenied):
            services.agreement_return(agreement=submitted, actor=actor, reason="Tidak sesuai")
    submitted.refresh_from_db()
    assert submitted.status == AgreementStatus.SUBMITTED


def test_draft_cannot_be_returned(draft, officer):
    with pytest.raises(ServiceError) as refused:
        services.agreement_return(agreement=draft, actor=officer, reason="Tidak sesuai")
    assert refused.value.code == "transition_not_allowed"


# --- sign --------------------------------------------------------------------------------------------------


def test_head_signs(submitted, office_head, cpmi, company_staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        agreement = services.agreement_sign(agreement=submitted, actor=office_head)

    agreement = PlacementAgreement.objects.get(pk=agreement.pk)
    assert agreement.status == AgreementStatus.VERIFIED
    assert agreement.get_status_display() == "PP Telah Diverifikasi"
    assert agreement.number == f"PP/3276/{year()}/000001"
    assert (agreement.signed_by, agreement.signer_name, agreement.signer_position) == (
        office_head,
        "Eko Kadis",
        "Kepala Dinas",
    )
    assert agreement.signing_authority == "Kepala Dinas Tenaga Kerja Kota Depok"
    assert agreement.delegation is None and agreement.signed_at is not None
    assert agreement.signature.startswith("ed25519:") and signature_is_valid(agreement)
    with agreement.pdf.open("rb") as handle:
        assert handle.read(4) == b"%PDF"
    assert agreement.pdf.name.startswith(f"agreements/{agreement.pk}/")
    event = AuditEvent.objects.get(action="agreement.sign")
    assert event.actor == office_head and event.data["number"] == agreement.number
    assert event.data["delegation"] is None and event.data["signature"] == agreement.signature
    assert Notification.objects.filter(user=cpmi.user, title="PP telah diverifikasi").exists()
    assert Notification.objects.filter(user=company_staff, title="PP telah diverifikasi").exists()


def test_secretary_with_valid_delegation_signs(submitted, secretary, secretary_delegation):
    agreement = services.agreement_sign(agreement=submitted, actor=secretary)

    assert agreement.delegation == secretary_delegation
    assert agreement.signer_position == "Sekretaris Dinas"
    assert agreement.signing_authority == (
        "a.n. Kepala Dinas Tenaga Kerja Kota Depok, Sekretaris Dinas berdasarkan SK Nomor 800/123/Disnaker/2026 "
        f"tanggal {date_id(secretary_delegation.decree_date)}"
    )
    assert signature_is_valid(PlacementAgreement.objects.get(pk=agreement.pk))
    assert AuditEvent.objects.get(action="agreement.sign").data["delegation"] == secretary_delegation.pk


def test_division_head_with_valid_delegation_signs(submitted, office_head, division_head):
    delegation = make_delegation(office_head, division_head)

    agreement = services.agreement_sign(agreement=submitted, actor=division_head)

    assert agreement.delegation == delegation and agreement.signer_position == "Kepala Bidang PTK"


def _refused_to_sign(agreement, actor) -> PermissionDenied:
    with pytest.raises(PermissionDenied) as refused:
        services.agreement_sign(agreement=agreement, actor=actor)
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SUBMITTED and agreement.number is None and not agreement.signature
    assert not AuditEvent.objects.filter(action="agreement.sign").exists()
    return refused.value


def test_secretary_without_delegation_cannot_sign(submitted, secretary):
    assert SIGNER_RULE in str(_refused_to_sign(submitted, secretary).message)


def test_officer_cannot_sign(submitted, officer):
    assert SIGNER_RULE in str(_refused_to_sign(submitted, officer).message)


def test_expired_delegation_cannot_sign(submitted, office_head, secretary):
    make_delegation(office_head, secretary, days_from=-60, days_until=-1)

    assert SIGNER_RULE in str(_refused_to_sign(submitted, secretary).message)


def test_revoked_delegation_cannot_sign(submitted, office_head, secretary, secretary_delegation):
    services.delegation_revoke(delegation=secretary_delegation, actor=office_head)

    assert SIGNER_RULE in str(_refused_to_sign(submitted, secretary).message)


def test_officer_of_another_office_cannot_verify(submitted, other_office_officer):
    bogor_head = factories.staff(position="office_head", regency_code="32.71")

    # An officer never signs, whichever office: told who signs. The head of another office: told whose PP it is.
    assert SIGNER_RULE in str(_refused_to_sign(submitted, other_office_officer).message)
    assert "daerah asal CPMI" in str(_refused_to_sign(submitted, bogor_head).message)


def test_company_and_cpmi_cannot_sign(submitted, company_staff, cpmi):
    for actor in (company_staff, cpmi.user):
        _refused_to_sign(submitted, actor)


def test_sign_only_once(signed, office_head):
    with pytest.raises(ServiceError) as refused:
        services.agreement_sign(agreement=signed, actor=office_head)
    assert refused.value.code == "already_signed"


def test_draft_cannot_be_signed(draft, office_head):
    with pytest.raises(ServiceError) as refused:
        services.agreement_sign(agreement=draft, actor=office_head)
    assert refused.value.code == "transition_not_allowed"


def test_signed_agreement_cannot_be_returned_or_edited(signed, officer, company_staff):
    with pytest.raises(ServiceError) as refused:
        services.agreement_return(agreement=signed, actor=officer, reason="Terlambat")
    assert refused.value.code == "already_signed"
    with pytest.raises(ServiceError) as refused:
        services.agreement_update_terms(agreement=signed, actor=company_staff, salary="1")
    assert refused.value.code == "not_editable"


def _submitted_agreement(company, company_staff, regency_code=factories.DEMO_REGENCY):
    application = builders.accepted_application(company, builders.candidate(regency_code=regency_code))
    agreement = services.agreement_create_draft(application=application, actor=company_staff)
    return services.agreement_submit(agreement=agreement, actor=company_staff)


def test_numbers_are_gap_free_per_office(company, company_staff, office_head, secretary):
    bogor_head = factories.staff(position="office_head", regency_code="32.71")
    depok = [_submitted_agreement(company, company_staff) for _ in range(3)]
    bogor = _submitted_agreement(company, company_staff, regency_code="32.71")

    _refused_to_sign(depok[0], secretary)  # a refusal consumes no number
    numbers = [services.agreement_sign(agreement=a, actor=office_head).number for a in depok]
    bogor_number = services.agreement_sign(agreement=bogor, actor=bogor_head).number

    assert numbers == [f"PP/3276/{year()}/{n:06d}" for n in (1, 2, 3)]
    assert bogor_number == f"PP/3271/{year()}/000001"


def test_pdf_failure_rolls_back_everything(submitted, office_head, monkeypatch, media_root):
    def broken(agreement, **kwargs):
        raise RuntimeError("font missing")

    monkeypatch.setattr(pdf, "render_agreement_pdf", broken)

    with pytest.raises(ServiceError) as refused:
        services.agreement_sign(agreement=submitted, actor=office_head)

    assert refused.value.code == "pdf_failed"
    submitted.refresh_from_db()
    assert submitted.status == AgreementStatus.SUBMITTED
    assert submitted.number is None and submitted.signature == "" and submitted.signed_by is None
    assert not submitted.pdf
    assert not AuditEvent.objects.filter(action="agreement.sign").exists()
    assert not list(media_root.rglob("*.pdf"))

    monkeypatch.undo()
    assert services.agreement_sign(agreement=submitted, actor=office_head).number == f"PP/3276/{year()}/000001"


def test_storage_failure_after_pdf_rolls_back(submitted, office_head, monkeypatch, media_root):
    """A failure after the file was written (here: the audit entry) removes the file and the signature."""
    from apps.agreements import services as module

    def broken_audit(**kwargs):
        if kwargs.get("action") == "agreement.sign":
            raise RuntimeError("database gone")

    monkeypatch.setattr(module, "audit_record", broken_audit)

    with pytest.raises(RuntimeError):
        services.agreement_sign(agreement=submitted, actor=office_head)

    submitted.refresh_from_db()
    assert submitted.status == AgreementStatus.SUBMITTED and submitted.number is None
    assert not list(media_root.rglob("*.pdf"))


def test_a_company_that_is_not_a_p3mi_cannot_submit_a_pp(application, draft, company, company_staff):
    PlacementAgency.objects.filter(pk=company.pk).update(kind="domestic", sip2mi_number=None, sip2mi_valid_until=None)
    application.vacancy.agency.refresh_from_db()
    draft.agency.refresh_from_db()
    with pytest.raises(ServiceError) as refused:
        services.agreement_submit(agreement=draft, actor=company_staff)
    assert refused.value.code == "not_p3mi"
    assert "P3MI" in refused.value.message
    draft.refresh_from_db()
    assert draft.status == AgreementStatus.DRAFT
