"""The register book and issued documents: numbering, cancelling, issuing, revoking, and who may."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from apps.documents import services, signing
from apps.documents.models import DocumentType, IssuedDocument, RegisterEntry, RegisterStatus
from apps.documents.tests.conftest import BODY, issue
from apps.offices.models import StaffAssignment
from testing import factories

pytestmark = pytest.mark.django_db
T = DocumentType
ON = datetime.date(2026, 11, 12)


def allocate(office, actor, document_type=T.PASSPORT_RECOMMENDATION, on_date=ON, subject="Ani — Taiwan"):
    return services.register_allocate(
        office=office, document_type=document_type, actor=actor, subject=subject, on_date=on_date
    )


# --- numbering ----------------------------------------------------------------------------------------------


def test_numbers_follow_each_other_without_gaps_per_type_and_year(office, officer):
    first = allocate(office, officer)
    second = allocate(office, officer)
    minutes = allocate(office, officer, T.SELECTION_MINUTES)
    next_year = allocate(office, officer, on_date=datetime.date(2027, 1, 2))

    assert (first.sequence, second.sequence, minutes.sequence, next_year.sequence) == (1, 2, 1, 1)
    assert first.number == "562/0001/REK-PASPOR/XI/2026"
    assert second.number == "562/0002/REK-PASPOR/XI/2026"
    assert minutes.number == "562/0001/BA-SELEKSI/XI/2026"
    assert next_year.number == "562/0001/REK-PASPOR/I/2027"
    assert first.status == RegisterStatus.ALLOCATED and first.created_by == officer


def test_the_office_format_is_used(office, officer, office_head):
    services.register_format_set(
        office=office,
        document_type=T.PASSPORT_RECOMMENDATION,
        pattern="562/{seq:04d}/PTK/{month_roman}/{year}",
        actor=office_head,
    )
    for _ in range(123):
        entry = allocate(office, officer)
    assert entry.number == "562/0123/PTK/XI/2026"


def test_each_office_numbers_on_its_own(office, officer, other_office_officer):
    depok = allocate(office, officer)
    bogor = allocate(factories.office("32.71"), other_office_officer)
    assert depok.number == bogor.number == "562/0001/REK-PASPOR/XI/2026"  # the same text in two offices' books


def test_a_cancelled_number_stays_in_the_book_and_is_never_given_again(office, officer):
    first = allocate(office, officer)
    cancelled = services.register_cancel(entry=first, actor=officer, reason="Salah ketik nama CPMI.")
    following = allocate(office, officer)

    cancelled.refresh_from_db()
    assert cancelled.status == RegisterStatus.CANCELLED
    assert cancelled.cancel_reason == "Salah ketik nama CPMI." and cancelled.cancelled_by == officer
    assert following.sequence == 2 and following.number != first.number
    assert list(RegisterEntry.objects.order_by("sequence").values_list("sequence", "status")) == [
        (1, "cancelled"),
        (2, "allocated"),
    ]
    assert AuditEvent.objects.filter(action="document.register_cancel", object_id=str(first.pk)).exists()


def test_a_number_is_given_back_when_the_caller_rolls_back(office, officer):
    with pytest.raises(RuntimeError), transaction.atomic():
        allocate(office, officer)
        raise RuntimeError("the document could not be made")
    assert allocate(office, officer).sequence == 1


def test_cancel_needs_a_reason(office, officer):
    entry = allocate(office, officer)
    with pytest.raises(ServiceError) as refused:
        services.register_cancel(entry=entry, actor=officer, reason="  ")
    assert refused.value.field == "reason"
    entry.refresh_from_db()
    assert entry.status == RegisterStatus.ALLOCATED


def test_an_issued_number_cannot_be_cancelled(office, officer, office_head):
    document = issue(office, officer, office_head)
    with pytest.raises(ServiceError) as refused:
        services.register_cancel(entry=document.entry, actor=officer, reason="Batal")
    assert refused.value.code == "entry_issued"


def test_a_cancelled_number_cannot_be_issued(office, officer, office_head):
    entry = allocate(office, officer)
    services.register_cancel(entry=entry, actor=officer, reason="Tidak jadi")
    with pytest.raises(ServiceError) as refused:
        services.document_issue(entry=entry, body={}, signer=office_head, authority="Kepala Dinas", actor=officer)
    assert refused.value.code == "entry_cancelled"
    assert not IssuedDocument.objects.exists()


def test_allocation_is_audited(office, officer):
    entry = allocate(office, officer)
    event = AuditEvent.objects.get(action="document.register_allocate")
    assert event.object_id == str(entry.pk) and event.data["number"] == entry.number


@pytest.mark.parametrize("subject", ["", " ", "x" * 301])
def test_allocation_needs_a_subject(office, officer, subject):
    with pytest.raises(ServiceError) as refused:
        allocate(office, officer, subject=subject)
    assert refused.value.field == "subject"
    assert not RegisterEntry.objects.exists()


# --- who may -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["job_seeker", "agency_staff", "central_admin", "other_office_officer"])
def test_only_staff_of_the_office_take_numbers(request, office, persona):
    with pytest.raises(PermissionDenied):
        allocate(office, request.getfixturevalue(persona))
    assert not RegisterEntry.objects.exists()


def test_staff_of_another_office_cannot_cancel_or_revoke(office, officer, office_head, other_office_officer):
    entry = allocate(office, officer)
    with pytest.raises(PermissionDenied):
        services.register_cancel(entry=entry, actor=other_office_officer, reason="x")
    bogor_head = factories.staff(position="office_head", regency_code="32.71")
    document = issue(office, officer, office_head)
    with pytest.raises(PermissionDenied):
        services.document_revoke(document=document, actor=bogor_head, reason="x")


@pytest.mark.parametrize("persona", ["officer", "secretary"])
def test_an_officer_or_secretary_cannot_revoke(request, office, office_head, persona):
    actor = request.getfixturevalue(persona)
    document = issue(office, actor, office_head)
    with pytest.raises(PermissionDenied) as refused:
        services.document_revoke(document=document, actor=actor, reason="Data salah")
    assert "Kepala Dinas" in str(refused.value.message)
    document.refresh_from_db()
    assert document.revoked_at is None


def test_only_the_office_head_sets_the_number_format(office, division_head):
    with pytest.raises(PermissionDenied):
        services.register_format_set(
            office=office, document_type=T.ID_CPMI, pattern="ID/{seq}/{year}", actor=division_head
        )


def test_the_signer_must_be_staff_of_the_issuing_office(office, officer):
    bogor_head = factories.staff(position="office_head", regency_code="32.71")
    entry = allocate(office, officer)
    with pytest.raises(ServiceError) as refused:
        services.document_issue(entry=entry, body={}, signer=bogor_head, authority="Kepala Dinas", actor=officer)
    assert refused.value.code == "signer_invalid"
    entry.refresh_from_db()
    assert entry.status == RegisterStatus.ALLOCATED


# --- number formats ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("562/PTK/{year}", "pattern_without_seq"),
        ("562/{nomor}/{seq}", "pattern_unknown_placeholder"),
        ("562/{seq/{year}", "pattern_invalid"),
        ("562/{seq:zz}/{year}", "pattern_invalid"),
        ("", "pattern_required"),
        ("562/{seq:04d}/BA-SELEKSI/{month_roman}/{year}", "pattern_shared"),  # the selection minutes' default
    ],
)
def test_a_bad_number_format_is_refused(office, office_head, pattern, code):
    with pytest.raises(ServiceError) as refused:
        services.register_format_set(
            office=office, document_type=T.PASSPORT_RECOMMENDATION, pattern=pattern, actor=office_head
        )
    assert refused.value.code == code and refused.value.field == "pattern"


def test_a_format_change_is_audited_and_old_numbers_keep_their_form(office, officer, office_head):
    old = allocate(office, officer)
    services.register_format_set(
        office=office,
        document_type=T.PASSPORT_RECOMMENDATION,
        pattern="REK/{office_code}/{seq:03d}/{year}",
        actor=office_head,
    )
    new = allocate(office, officer)
    old.refresh_from_db()
    assert old.number == "562/0001/REK-PASPOR/XI/2026"
    assert new.number == "REK/3276/002/2026"
    assert AuditEvent.objects.filter(action="document.register_format").exists()


# --- issuing -----------------------------------------------------------------------------------------------


def test_issuing_signs_a_full_snapshot(office, officer, office_head):
    StaffAssignment.objects.filter(user=office_head).update(nip="197607171995111001", rank="Pembina Tk. I / IV b")
    office_head.refresh_from_db()
    document = issue(office, officer, office_head)

    snapshot = document.snapshot
    assert snapshot["type"] == "passport_rec" and snapshot["number"] == document.entry.number
    assert snapshot["verification_code"] == document.verification_code
    assert snapshot["office"]["name"] == office.name
    assert snapshot["office"]["government"] == "PEMERINTAH KOTA DEPOK"
    assert snapshot["signer"] == {
        "id": office_head.pk,
        "name": "Eko Kadis",
        "position": "Kepala Dinas",
        "nip": "197607171995111001",
        "rank": "Pembina Tk. I / IV b",
        "authority": "Kepala Dinas",
    }
    assert snapshot["body"] == BODY
    assert document.signature.startswith("ed25519:")
    assert signing.verify(document)
    document.entry.refresh_from_db()
    assert document.entry.status == RegisterStatus.ISSUED
    assert (document.country, document.sex, document.sector, document.agency_id) == ("Taiwan", "P", "care", 7)
    assert document.month == timezone.localtime(document.signed_at).date().replace(day=1)  # the month in WIB
    assert AuditEvent.objects.filter(action="document.issue", object_id=str(document.pk)).exists()


def test_a_number_is_issued_once(office, officer, office_head):
    document = issue(office, officer, office_head)
    with pytest.raises(ServiceError) as refused:
        services.document_issue(
            entry=document.entry, body={}, signer=office_head, authority="Kepala Dinas", actor=officer
        )
    assert refused.value.code == "entry_issued"
    assert IssuedDocument.objects.count() == 1


def test_a_snapshot_takes_dates_and_amounts(office, officer, office_head):
    from decimal import Decimal

    entry = allocate(office, officer)
    document = services.document_issue(
        entry=entry,
        body={"on": datetime.date(2026, 11, 3), "salary": Decimal("20000.00")},
        signer=office_head,
        authority="Kepala Dinas",
        actor=officer,
    )
    document.refresh_from_db()
    assert document.snapshot["body"] == {"on": "2026-11-03", "salary": "20000.00"}
    assert signing.verify(document)


def test_renaming_the_office_or_the_signer_later_keeps_the_document_valid(office, officer, office_head):
    document = issue(office, officer, office_head)
    office.name = "Dinas Tenaga Kerja dan Transmigrasi Kota Depok"
    office.save()
    office_head.full_name = "Eko Prasetyo"
    office_head.save()

    document = IssuedDocument.objects.get(pk=document.pk)
    assert signing.verify(document)
    assert document.snapshot["office"]["name"] == "Dinas Tenaga Kerja Kota Depok"
    assert document.snapshot["signer"]["name"] == "Eko Kadis"


def test_verification_url_is_absolute(office, officer, office_head, settings):
    settings.SITE_URL = "https://sipmi.example.id/"
    document = issue(office, officer, office_head)
    assert services.verification_url(document) == (
        f"https://sipmi.example.id/verifikasi/dokumen/{document.verification_code}/"
    )


# --- revoking ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["office_head", "division_head"])
def test_the_head_or_division_head_revokes_with_a_reason(request, office, officer, office_head, persona):
    actor = request.getfixturevalue(persona)
    document = issue(office, officer, office_head)
    services.document_revoke(document=document, actor=actor, reason="Data paspor salah.")
    document.refresh_from_db()
    assert document.revoked_at is not None and document.revoked_by == actor
    assert document.revoke_reason == "Data paspor salah."
    assert document.entry.status == RegisterStatus.ISSUED  # the line stays in the book
    assert AuditEvent.objects.filter(action="document.revoke", object_id=str(document.pk)).exists()


def test_revoking_twice_or_without_a_reason_is_refused(office, officer, office_head):
    document = issue(office, officer, office_head)
    with pytest.raises(ServiceError) as refused:
        services.document_revoke(document=document, actor=office_head, reason="")
    assert refused.value.field == "reason"
    services.document_revoke(document=document, actor=office_head, reason="Salah")
    with pytest.raises(ServiceError) as refused:
        services.document_revoke(document=document, actor=office_head, reason="Lagi")
    assert refused.value.code == "already_revoked"
