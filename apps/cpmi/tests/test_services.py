"""CPMI services: what each one does for the right person, what it refuses and why, and what it records."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from apps.core.uploads import MB
from apps.cpmi import services
from apps.cpmi.models import (
    CpmiDecision,
    CpmiDocument,
    CpmiRegistration,
    DocumentKind,
    MigrantCandidate,
    RegistrationStatus,
    ReviewStatus,
)
from apps.cpmi.tests.builders import (
    PDF_BYTES,
    complete_details,
    complete_profile,
    pdf_upload,
    png_upload,
    ready_registration,
    review_all,
)
from apps.messaging.models import Channel, Notification
from testing import factories
from testing.outbox import received

pytestmark = pytest.mark.django_db

EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00" + b"\x00" * 200
OUTSIDERS = ["other_job_seeker", "officer", "agency_staff", "central_admin"]
NON_REVIEWERS = ["job_seeker", "other_job_seeker", "other_office_officer", "agency_staff", "central_admin"]


def actions(**filters) -> list[str]:
    return list(AuditEvent.objects.filter(**filters).values_list("action", flat=True))


def document(registration, kind) -> CpmiDocument:
    return services.current_documents(registration).get(kind=kind)


def submitted(applicant) -> CpmiRegistration:
    registration = ready_registration(applicant)
    return services.registration_submit(registration=registration, actor=applicant)


def rejected(applicant, officer, reasons=None) -> CpmiRegistration:
    registration = submitted(applicant)
    review_all(registration, officer, reject=reasons or {DocumentKind.KTP: "KTP tidak terbaca"})
    services.registration_reject(registration=registration, actor=officer)
    registration.refresh_from_db()
    return registration


def this_year() -> int:
    return timezone.localdate().year


# --- registration_start --------------------------------------------------------------------------------


def test_job_seeker_with_complete_profile_starts_a_draft(job_seeker):
    complete_profile(job_seeker)

    registration = services.registration_start(actor=job_seeker)

    assert registration.applicant == job_seeker
    assert registration.status == RegistrationStatus.DRAFT
    assert registration.round == 1
    assert actions(actor=job_seeker, action="cpmi.start") == ["cpmi.start"]
    # Starting again opens the same registration, without a second audit row.
    assert services.registration_start(actor=job_seeker) == registration
    assert CpmiRegistration.objects.filter(applicant=job_seeker).count() == 1
    assert actions(action="cpmi.start") == ["cpmi.start"]


def test_start_refuses_a_job_seeker_whose_profile_is_incomplete(job_seeker):
    with pytest.raises(ServiceError) as caught:
        services.registration_start(actor=job_seeker)

    assert caught.value.code == "profile_incomplete"
    assert "profil" in str(caught.value.message)
    assert not CpmiRegistration.objects.exists()
    assert actions(action="cpmi.start") == []


def test_a_job_seeker_under_18_cannot_register_as_cpmi_until_the_18th_birthday(job_seeker):
    # UU 18/2017 Pasal 5: a migrant worker is at least 18, even where job-seeker sign-up allows younger people.
    complete_profile(job_seeker)
    today = timezone.localdate()
    job_seeker.birth_date = today.replace(year=today.year - 18) + datetime.timedelta(days=1)
    job_seeker.save(update_fields=["birth_date"])
    with pytest.raises(ServiceError) as caught:
        services.registration_start(actor=job_seeker)
    assert caught.value.code == "too_young" and "18 tahun" in str(caught.value.message)
    assert not CpmiRegistration.objects.exists()

    job_seeker.birth_date = today.replace(year=today.year - 18) - datetime.timedelta(days=1)
    job_seeker.save(update_fields=["birth_date"])
    assert services.registration_start(actor=job_seeker).applicant == job_seeker


@pytest.mark.parametrize("persona", ["officer", "agency_staff", "central_admin"])
def test_start_refuses_people_who_are_not_job_seekers(request, persona):
    actor = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied) as caught:
        services.registration_start(actor=actor)

    assert caught.value.code == "permission_denied"
    assert not CpmiRegistration.objects.exists()


# --- registration_save_details -------------------------------------------------------------------------


def test_applicant_saves_the_form_fields_and_the_change_is_audited(job_seeker):
    complete_profile(job_seeker)
    registration = services.registration_start(actor=job_seeker)

    services.registration_save_details(
        registration=registration, actor=job_seeker, details=complete_details(guardian_nik=" 3276014403950001 ")
    )

    registration.refresh_from_db()
    assert registration.health_clinic == "Puskesmas Pancoran Mas"
    assert registration.guardian_nik == "3276014403950001"
    event = AuditEvent.objects.get(action="cpmi.save_details")
    assert event.actor == job_seeker
    assert "health_certificate_number" in event.data["fields"]


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"health_certificate_date": "tomorrow"}, "health_date_future", "health_certificate_date"),
        ({"permission_letter_date": "tomorrow"}, "letter_date_future", "permission_letter_date"),
        # Bypassing the form, the service bounds a letter as the form's LETTER_DATE: within the last year.
        ({"health_certificate_date": "two years ago"}, "health_date_future", "health_certificate_date"),
        ({"permission_letter_date": "two years ago"}, "letter_date_future", "permission_letter_date"),
        ({"ak1_valid_until": "year 9999"}, "ak1_date_invalid", "ak1_valid_until"),
        ({"guardian_nik": "12345"}, "guardian_nik", "guardian_nik"),
    ],
)
def test_save_details_refuses_impossible_values(job_seeker, overrides, code, field):
    complete_profile(job_seeker)
    registration = services.registration_start(actor=job_seeker)
    today = timezone.localdate()
    named = {
        "tomorrow": today + datetime.timedelta(days=1),
        "two years ago": today - datetime.timedelta(days=730),
        "year 9999": datetime.date(9999, 12, 31),
    }
    overrides = {key: named.get(value, value) for key, value in overrides.items()}

    with pytest.raises(ServiceError) as caught:
        services.registration_save_details(
            registration=registration, actor=job_seeker, details=complete_details(**overrides)
        )

    assert (caught.value.code, caught.value.field) == (code, field)
    registration.refresh_from_db()
    assert registration.health_certificate_number == ""
    assert actions(action="cpmi.save_details") == []


def test_a_stored_letter_date_is_not_judged_again_only_a_changed_one(job_seeker):
    """A letter dated within the range when it was typed may be older than a year by now: saving the form again
    keeps it; changing it to another date out of range is refused and the stored date stays."""
    complete_profile(job_seeker)
    registration = services.registration_start(actor=job_seeker)
    old = timezone.localdate() - datetime.timedelta(days=400)
    CpmiRegistration.objects.filter(pk=registration.pk).update(health_certificate_date=old)
    registration.refresh_from_db()

    services.registration_save_details(
        registration=registration, actor=job_seeker, details=complete_details(health_certificate_date=old)
    )
    with pytest.raises(ServiceError) as caught:
        services.registration_save_details(
            registration=registration,
            actor=job_seeker,
            details=complete_details(health_certificate_date=old - datetime.timedelta(days=1)),
        )

    assert caught.value.field == "health_certificate_date"
    registration.refresh_from_db()
    assert registration.health_certificate_date == old


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_only_the_applicant_may_fill_in_the_form(request, job_seeker, persona):
    registration = ready_registration(job_seeker)
    actor = request.getfixturevalue(persona)

    with pytest.raises(PermissionDenied):
        services.registration_save_details(
            registration=registration, actor=actor, details=complete_details(health_clinic="Klinik Palsu")
        )

    registration.refresh_from_db()
    assert registration.health_clinic == "Puskesmas Pancoran Mas"


def test_the_form_cannot_change_while_the_office_reviews_it(job_seeker, officer):
    registration = submitted(job_seeker)

    with pytest.raises(ServiceError) as caught:
        services.registration_save_details(
            registration=registration, actor=job_seeker, details=complete_details(health_clinic="Klinik Lain")
        )

    assert caught.value.code == "not_editable"
    registration.refresh_from_db()
    assert registration.health_clinic == "Puskesmas Pancoran Mas"


# --- document_upload ------------------------------------------------------------------------------------


def test_applicant_uploads_a_pdf_and_a_png_detected_by_content(job_seeker):
    complete_profile(job_seeker)
    registration = services.registration_start(actor=job_seeker)

    pdf = services.document_upload(
        registration=registration, actor=job_seeker, kind=DocumentKind.KTP, uploaded=pdf_upload("../ktp saya.pdf")
    )
    png = services.document_upload(
        registration=registration, actor=job_seeker, kind=DocumentKind.FAMILY_CARD, uploaded=png_upload("kk.png")
    )

    assert (pdf.content_type, pdf.original_name, pdf.round) == ("application/pdf", "ktp saya.pdf", 1)
    assert png.content_type == "image/png" and png.is_image
    assert pdf.review_status == ReviewStatus.PENDING
    assert default_storage.exists(pdf.file.name) and default_storage.exists(png.file.name)
    assert "ktp saya" not in pdf.file.name  # the stored name reveals nothing
    event = AuditEvent.objects.get(action="cpmi.document_upload", object_id=str(pdf.pk))
    assert event.actor == job_seeker
    assert event.data == {"kind": DocumentKind.KTP, "replaces": None}


def test_a_new_upload_in_a_draft_replaces_the_old_one_and_keeps_it(job_seeker):
    registration = ready_registration(job_seeker)
    old = document(registration, DocumentKind.KTP)

    new = services.document_upload(
        registration=registration, actor=job_seeker, kind=DocumentKind.KTP, uploaded=png_upload("ktp-baru.png")
    )

    old.refresh_from_db()
    assert old.replaced_by == new
    assert default_storage.exists(old.file.name)
    assert list(services.current_documents(registration).filter(kind=DocumentKind.KTP)) == [new]
    assert AuditEvent.objects.get(action="cpmi.document_upload", object_id=str(new.pk)).data["replaces"] == old.pk


def test_several_competency_certificates_may_be_current_at_once(job_seeker):
    registration = ready_registration(job_seeker)

    services.document_upload(
        registration=registration,
        actor=job_seeker,
        kind=DocumentKind.COMPETENCY_CERTIFICATE,
        uploaded=pdf_upload("bnsp2.pdf"),
        certificate_number="BNSP-002",
        certificate_scheme="Juru masak",
    )

    numbers = services.current_documents(registration).filter(kind=DocumentKind.COMPETENCY_CERTIFICATE)
    assert sorted(numbers.values_list("certificate_number", flat=True)) == ["BNSP-001", "BNSP-002"]


def test_a_competency_certificate_needs_its_number(job_seeker):
    registration = ready_registration(job_seeker)
    before = CpmiDocument.objects.count()

    with pytest.raises(ServiceError) as caught:
        services.document_upload(
            registration=registration,
            actor=job_seeker,
            kind=DocumentKind.COMPETENCY_CERTIFICATE,
            uploaded=pdf_upload(),
            certificate_number="   ",
        )

    assert (caught.value.code, caught.value.field) == ("certificate_number_missing", "certificate_number")
    assert CpmiDocument.objects.count() == before


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("ktp.pdf", EXE_BYTES, "file_type"),  # a program renamed to .pdf
        ("ktp.png", b"just some text, not an image", "file_type"),
        ("ktp.pdf", b"GIF89a" + b"\x00" * 64, "file_type"),  # an image type that is not allowed
        ("ktp.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "file_extension_mismatch"),  # a PNG named .pdf
        ("ktp.pdf", b"", "file_empty"),
        ("ktp.pdf", PDF_BYTES + b"0" * (5 * MB + 1 - len(PDF_BYTES)), "file_too_large"),
    ],
)
def test_uploads_are_refused_by_their_content_and_size(job_seeker, name, content, code):
    complete_profile(job_seeker)
    registration = services.registration_start(actor=job_seeker)

    with pytest.raises(ServiceError) as caught:
        services.document_upload(
            registration=registration,
            actor=job_seeker,
            kind=DocumentKind.KTP,
            uploaded=SimpleUploadedFile(name, content, content_type="application/pdf"),
        )

    assert caught.value.code == code
    assert caught.value.field == "file_ktp"
    assert not CpmiDocument.objects.exists()
    assert actions(action="cpmi.document_upload") == []


def test_a_file_of_exactly_5_mb_is_accepted(job_seeker):
    complete_profile(job_seeker)
    registration = services.registration_start(actor=job_seeker)
    content = PDF_BYTES + b"0" * (5 * MB - len(PDF_BYTES))

    uploaded = services.document_upload(
        registration=registration,
        actor=job_seeker,
        kind=DocumentKind.KTP,
        uploaded=SimpleUploadedFile("ktp.pdf", content, content_type="application/pdf"),
    )

    assert uploaded.size == 5 * MB


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_only_the_applicant_may_upload_documents(request, job_seeker, persona):
    registration = ready_registration(job_seeker)
    before = CpmiDocument.objects.count()

    with pytest.raises(PermissionDenied):
        services.document_upload(
            registration=registration,
            actor=request.getfixturevalue(persona),
            kind=DocumentKind.KTP,
            uploaded=pdf_upload(),
        )

    assert CpmiDocument.objects.count() == before


def test_no_upload_while_the_office_reviews_the_registration(job_seeker, officer):
    registration = submitted(job_seeker)

    with pytest.raises(ServiceError) as caught:
        services.document_upload(
            registration=registration, actor=job_seeker, kind=DocumentKind.KTP, uploaded=pdf_upload()
        )

    assert caught.value.code == "not_editable"
    assert document(registration, DocumentKind.KTP).original_name == "ktp.png"


# --- document_withdraw ----------------------------------------------------------------------------------


def test_a_withdrawn_document_leaves_the_form_but_stays_in_the_history(job_seeker):
    registration = ready_registration(job_seeker)
    ktp = document(registration, DocumentKind.KTP)

    services.document_withdraw(document=ktp, actor=job_seeker)

    ktp.refresh_from_db()
    assert ktp.withdrawn_at is not None and not ktp.is_current
    assert default_storage.exists(ktp.file.name)
    assert services.registration_missing(registration) == ["Dokumen belum diunggah: KTP."]
    assert actions(action="cpmi.document_withdraw", object_id=str(ktp.pk)) == ["cpmi.document_withdraw"]


def test_another_job_seeker_cannot_withdraw_a_document(job_seeker, other_job_seeker):
    registration = ready_registration(job_seeker)
    ktp = document(registration, DocumentKind.KTP)

    with pytest.raises(PermissionDenied):
        services.document_withdraw(document=ktp, actor=other_job_seeker)

    ktp.refresh_from_db()
    assert ktp.is_current


# --- registration_submit --------------------------------------------------------------------------------


def test_submit_goes_to_the_kota_depok_office_when_it_has_staff(job_seeker, officer):
    registration = ready_registration(job_seeker)

    services.registration_submit(registration=registration, actor=job_seeker)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.office == officer.staff_assignment.office
    assert registration.office.region_id == "32.76"
    assert registration.routed_to_province is False
    assert registration.submitted_at is not None
    event = AuditEvent.objects.get(action="cpmi.submit")
    assert event.actor == job_seeker
    assert event.data == {"round": 1, "office": registration.office_id}


def test_submit_goes_to_the_province_office_when_the_city_office_has_no_staff(job_seeker):
    registration = ready_registration(job_seeker)

    services.registration_submit(registration=registration, actor=job_seeker)

    registration.refresh_from_db()
    assert registration.office.region_id == "32"
    assert registration.routed_to_province is True


def test_submit_lists_every_missing_document_and_field(job_seeker):
    complete_profile(job_seeker)
    registration = services.registration_start(actor=job_seeker)
    services.document_upload(registration=registration, actor=job_seeker, kind=DocumentKind.KTP, uploaded=pdf_upload())

    with pytest.raises(ServiceError) as caught:
        services.registration_submit(registration=registration, actor=job_seeker)

    assert caught.value.code == "incomplete"
    message = str(caught.value.message)
    for label in (
        "Sertifikat kompetensi (BNSP)",
        "Surat keterangan sehat",
        "Kartu peserta BPJS Ketenagakerjaan",
        "Kartu Keluarga",
        "Akte kelahiran",
        "Kartu AK/1 (kartu kuning)",
    ):
        assert f"Dokumen belum diunggah: {label}." in message
    assert "Dokumen belum diunggah: KTP." not in message
    assert "Surat/buku nikah" not in message  # only for married applicants
    assert "surat keterangan sehat." in message  # the health certificate fields
    assert "masa berlaku kartu AK/1" in message
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.DRAFT
    assert registration.office is None
    assert actions(action="cpmi.submit") == []


def test_a_married_applicant_must_add_the_marriage_certificate(db):
    applicant = factories.user(marital_status="married")
    registration = ready_registration(applicant)
    document(registration, DocumentKind.MARRIAGE_CERTIFICATE)  # the builder added it
    services.document_withdraw(document=document(registration, DocumentKind.MARRIAGE_CERTIFICATE), actor=applicant)

    with pytest.raises(ServiceError) as caught:
        services.registration_submit(registration=registration, actor=applicant)

    assert caught.value.message == "Dokumen belum diunggah: Surat/buku nikah."


def test_an_expired_ak1_card_stops_the_submission(job_seeker):
    registration = ready_registration(job_seeker)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    services.registration_save_details(
        registration=registration, actor=job_seeker, details=complete_details(ak1_valid_until=yesterday)
    )

    with pytest.raises(ServiceError) as caught:
        services.registration_submit(registration=registration, actor=job_seeker)

    assert "Kartu AK/1 sudah tidak berlaku" in str(caught.value.message)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.DRAFT


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_only_the_applicant_may_submit(request, job_seeker, persona):
    registration = ready_registration(job_seeker)

    with pytest.raises(PermissionDenied):
        services.registration_submit(registration=registration, actor=request.getfixturevalue(persona))

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.DRAFT


# --- document_review ------------------------------------------------------------------------------------


def test_the_officer_accepts_and_rejects_documents_with_a_reason(job_seeker, officer):
    registration = submitted(job_seeker)
    ktp, kk = document(registration, DocumentKind.KTP), document(registration, DocumentKind.FAMILY_CARD)

    services.document_review(document=ktp, actor=officer, accepted=True)
    services.document_review(document=kk, actor=officer, accepted=False, reason="  Halaman terpotong ")

    ktp.refresh_from_db()
    kk.refresh_from_db()
    assert (ktp.review_status, ktp.reviewed_by) == (ReviewStatus.ACCEPTED, officer)
    assert (kk.review_status, kk.review_reason) == (ReviewStatus.REJECTED, "Halaman terpotong")
    assert actions(actor=officer) == ["cpmi.document_accept", "cpmi.document_reject"]
    assert AuditEvent.objects.get(action="cpmi.document_reject").reason == "Halaman terpotong"


def test_the_office_head_of_the_same_office_may_review(job_seeker, officer, office_head):
    registration = submitted(job_seeker)

    services.document_review(document=document(registration, DocumentKind.KTP), actor=office_head, accepted=True)

    assert document(registration, DocumentKind.KTP).review_status == ReviewStatus.ACCEPTED


def test_rejecting_a_document_needs_a_reason(job_seeker, officer):
    registration = submitted(job_seeker)
    ktp = document(registration, DocumentKind.KTP)

    with pytest.raises(ServiceError) as caught:
        services.document_review(document=ktp, actor=officer, accepted=False, reason="   ")

    assert (caught.value.code, caught.value.field) == ("reason_required", "reason")
    ktp.refresh_from_db()
    assert ktp.review_status == ReviewStatus.PENDING
    assert actions(action="cpmi.document_reject") == []


@pytest.mark.parametrize("persona", NON_REVIEWERS)
def test_only_staff_of_the_routed_office_may_review(request, job_seeker, officer, persona):
    registration = submitted(job_seeker)
    ktp = document(registration, DocumentKind.KTP)

    with pytest.raises(PermissionDenied):
        services.document_review(document=ktp, actor=request.getfixturevalue(persona), accepted=True)

    ktp.refresh_from_db()
    assert ktp.review_status == ReviewStatus.PENDING


def test_a_draft_cannot_be_reviewed(job_seeker, officer):
    registration = ready_registration(job_seeker)
    CpmiRegistration.objects.filter(pk=registration.pk).update(office=officer.staff_assignment.office)
    ktp = document(registration, DocumentKind.KTP)

    with pytest.raises(ServiceError):
        services.document_review(document=ktp, actor=officer, accepted=True)

    ktp.refresh_from_db()
    assert ktp.review_status == ReviewStatus.PENDING


# --- registration_verify --------------------------------------------------------------------------------


def test_verify_makes_the_applicant_a_cpmi_with_a_numbered_registration(job_seeker, officer):
    registration = submitted(job_seeker)
    review_all(registration, officer)

    candidate = services.registration_verify(registration=registration, actor=officer)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.VERIFIED
    assert (registration.decided_by, registration.decided_at is not None) == (officer, True)
    assert candidate.user == job_seeker
    assert candidate.office == officer.staff_assignment.office
    assert candidate.registration_number == f"CPMI-3276-{this_year()}-000001"
    decision = CpmiDecision.objects.get(registration=registration)
    assert (decision.outcome, decision.round, decision.decided_by) == (RegistrationStatus.VERIFIED, 1, officer)
    assert len(decision.items) == len(services.REQUIRED_KINDS)
    assert {item["status"] for item in decision.items} == {ReviewStatus.ACCEPTED}
    event = AuditEvent.objects.get(action="cpmi.verify")
    assert (event.actor, event.data) == (officer, {"number": candidate.registration_number})


def test_the_next_verify_in_the_same_office_gets_the_next_number(job_seeker, other_job_seeker, officer, office_head):
    first, second = submitted(job_seeker), submitted(other_job_seeker)
    review_all(first, officer)
    review_all(second, officer)

    services.registration_verify(registration=first, actor=officer)
    candidate = services.registration_verify(registration=second, actor=office_head)

    assert candidate.registration_number == f"CPMI-3276-{this_year()}-000002"


@pytest.mark.parametrize("left", [ReviewStatus.PENDING, ReviewStatus.REJECTED])
def test_verify_refuses_while_a_document_is_not_accepted(job_seeker, officer, left):
    registration = submitted(job_seeker)
    review_all(registration, officer)
    CpmiDocument.objects.filter(pk=document(registration, DocumentKind.KTP).pk).update(
        review_status=left, review_reason="Buram" if left == ReviewStatus.REJECTED else ""
    )

    with pytest.raises(ServiceError) as caught:
        services.registration_verify(registration=registration, actor=officer)

    assert caught.value.code == "items_not_accepted"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert not MigrantCandidate.objects.exists()
    assert not CpmiDecision.objects.exists()
    assert actions(action="cpmi.verify") == []


@pytest.mark.parametrize("persona", NON_REVIEWERS)
def test_only_staff_of_the_routed_office_may_verify(request, job_seeker, officer, persona):
    registration = submitted(job_seeker)
    review_all(registration, officer)

    with pytest.raises(PermissionDenied):
        services.registration_verify(registration=registration, actor=request.getfixturevalue(persona))

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert not MigrantCandidate.objects.exists()


# --- registration_reject --------------------------------------------------------------------------------


def test_reject_records_the_decision_with_every_item_and_reason(job_seeker, officer):
    registration = submitted(job_seeker)
    review_all(registration, officer, reject={DocumentKind.KTP: "KTP tidak terbaca"})

    decision = services.registration_reject(registration=registration, actor=officer, note=" Perbaiki KTP ")

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REJECTED
    assert registration.decided_by == officer
    assert (decision.outcome, decision.round, decision.note) == (RegistrationStatus.REJECTED, 1, "Perbaiki KTP")
    items = {item["kind"]: item for item in decision.items}
    assert items[DocumentKind.KTP]["status"] == ReviewStatus.REJECTED
    assert items[DocumentKind.KTP]["reason"] == "KTP tidak terbaca"
    assert items[DocumentKind.FAMILY_CARD]["status"] == ReviewStatus.ACCEPTED
    event = AuditEvent.objects.get(action="cpmi.reject")
    assert (event.actor, event.reason) == (officer, "Perbaiki KTP")
    assert not MigrantCandidate.objects.exists()


def test_reject_needs_at_least_one_rejected_document(job_seeker, officer):
    registration = submitted(job_seeker)
    review_all(registration, officer)

    with pytest.raises(ServiceError) as caught:
        services.registration_reject(registration=registration, actor=officer)

    assert caught.value.code == "no_rejected_item"
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert not CpmiDecision.objects.exists()
    assert actions(action="cpmi.reject") == []


@pytest.mark.parametrize("persona", NON_REVIEWERS)
def test_only_staff_of_the_routed_office_may_reject(request, job_seeker, officer, persona):
    registration = submitted(job_seeker)
    review_all(registration, officer, reject={DocumentKind.KTP: "KTP tidak terbaca"})

    with pytest.raises(PermissionDenied):
        services.registration_reject(registration=registration, actor=request.getfixturevalue(persona))

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


# --- registration_revise and the revision round ---------------------------------------------------------


def test_revise_reopens_a_rejected_registration_for_a_new_round(job_seeker, officer):
    registration = rejected(job_seeker, officer)

    services.registration_revise(registration=registration, actor=job_seeker)

    registration.refresh_from_db()
    assert (registration.status, registration.round) == (RegistrationStatus.REVISING, 2)
    event = AuditEvent.objects.get(action="cpmi.revise")
    assert (event.actor, event.data) == (job_seeker, {"round": 2})


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_only_the_applicant_may_revise(request, job_seeker, officer, persona):
    registration = rejected(job_seeker, officer)

    with pytest.raises(PermissionDenied):
        services.registration_revise(registration=registration, actor=request.getfixturevalue(persona))

    registration.refresh_from_db()
    assert (registration.status, registration.round) == (RegistrationStatus.REJECTED, 1)


def test_an_accepted_document_cannot_be_replaced_during_revision(job_seeker, officer):
    registration = rejected(job_seeker, officer)
    services.registration_revise(registration=registration, actor=job_seeker)
    accepted = document(registration, DocumentKind.FAMILY_CARD)

    with pytest.raises(ServiceError) as caught:
        services.document_upload(
            registration=registration, actor=job_seeker, kind=DocumentKind.FAMILY_CARD, uploaded=pdf_upload()
        )

    assert (caught.value.code, caught.value.field) == ("document_accepted", "file_family_card")
    assert document(registration, DocumentKind.FAMILY_CARD) == accepted
    with pytest.raises(ServiceError) as caught:
        services.document_withdraw(document=accepted, actor=job_seeker)
    assert caught.value.code == "document_accepted"


def test_a_rejected_document_must_be_replaced_before_sending_again(job_seeker, officer):
    registration = rejected(job_seeker, officer)
    services.registration_revise(registration=registration, actor=job_seeker)

    with pytest.raises(ServiceError) as caught:
        services.registration_submit(registration=registration, actor=job_seeker)

    assert caught.value.message == "Ganti dokumen yang ditolak: KTP."
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.REVISING


def test_a_revision_keeps_every_earlier_version_and_every_decision(job_seeker, officer):
    # Given a registration rejected in round 1 for its KTP and its health certificate
    registration = rejected(
        job_seeker,
        officer,
        reasons={DocumentKind.KTP: "KTP tidak terbaca", DocumentKind.HEALTH_CERTIFICATE: "Tanpa stempel"},
    )
    office = registration.office
    old_ktp = document(registration, DocumentKind.KTP)
    old_health = document(registration, DocumentKind.HEALTH_CERTIFICATE)

    # When the applicant revises, replaces both, sends again, and the office verifies round 2
    services.registration_revise(registration=registration, actor=job_seeker)
    new_ktp = services.document_upload(
        registration=registration, actor=job_seeker, kind=DocumentKind.KTP, uploaded=png_upload("ktp2.png")
    )
    new_health = services.document_upload(
        registration=registration,
        actor=job_seeker,
        kind=DocumentKind.HEALTH_CERTIFICATE,
        uploaded=pdf_upload("sehat2.pdf"),
        replaces=old_health,
    )
    services.registration_submit(registration=registration, actor=job_seeker)
    review_all(registration, officer)
    candidate = services.registration_verify(registration=registration, actor=officer)

    # Then the old versions are kept, linked to their successors, with their files
    for old, new in ((old_ktp, new_ktp), (old_health, new_health)):
        old.refresh_from_db()
        assert old.replaced_by == new
        assert (old.review_status, old.round, new.round) == (ReviewStatus.REJECTED, 1, 2)
        assert default_storage.exists(old.file.name)
    assert CpmiDocument.objects.filter(registration=registration).count() == len(services.REQUIRED_KINDS) + 2
    # And both decisions are kept with their items and reasons
    round_2, round_1 = CpmiDecision.objects.filter(registration=registration)
    assert (round_1.round, round_1.outcome) == (1, RegistrationStatus.REJECTED)
    reasons = {item["kind"]: item["reason"] for item in round_1.items if item["status"] == ReviewStatus.REJECTED}
    assert reasons == {DocumentKind.KTP: "KTP tidak terbaca", DocumentKind.HEALTH_CERTIFICATE: "Tanpa stempel"}
    assert (round_2.round, round_2.outcome) == (2, RegistrationStatus.VERIFIED)
    assert {item["document"] for item in round_2.items} >= {new_ktp.pk, new_health.pk}
    assert old_ktp.pk not in {item["document"] for item in round_2.items}
    # And round 2 stayed with the office that rejected round 1
    registration.refresh_from_db()
    assert registration.office == office
    assert candidate.registration_number == f"CPMI-3276-{this_year()}-000001"
    assert actions(action="cpmi.submit") == ["cpmi.submit", "cpmi.submit"]


# --- notifications --------------------------------------------------------------------------------------


def _news_for(user):
    titles = list(Notification.objects.filter(user=user).values_list("title", flat=True))
    channels = sorted(m.channel for m in received(user=user))
    return titles, channels


def test_each_status_change_notifies_the_applicant_in_app_by_sms_and_email(
    job_seeker, officer, django_capture_on_commit_callbacks
):
    registration = ready_registration(job_seeker)

    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_submit(registration=registration, actor=job_seeker)

    assert _news_for(job_seeker) == (["Pengajuan CPMI diajukan"], [Channel.EMAIL, Channel.SMS])
    notification = Notification.objects.get(user=job_seeker)
    assert officer.staff_assignment.office.name in notification.body
    [sms] = received(user=job_seeker, channel=Channel.SMS)
    [email] = received(user=job_seeker, channel=Channel.EMAIL)
    assert (sms.recipient, email.recipient) == (job_seeker.phone, job_seeker.email)

    review_all(registration, officer, reject={DocumentKind.KTP: "KTP tidak terbaca"})
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_reject(registration=registration, actor=officer)
    services.registration_revise(registration=registration, actor=job_seeker)
    services.document_upload(registration=registration, actor=job_seeker, kind=DocumentKind.KTP, uploaded=pdf_upload())
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_submit(registration=registration, actor=job_seeker)
    review_all(registration, officer)
    with django_capture_on_commit_callbacks(execute=True):
        candidate = services.registration_verify(registration=registration, actor=officer)

    titles, channels = _news_for(job_seeker)
    assert titles == [
        "Pengajuan CPMI terverifikasi",
        "Pengajuan CPMI diajukan",
        "Pengajuan CPMI ditolak",
        "Pengajuan CPMI diajukan",
    ]
    assert channels == [Channel.EMAIL] * 4 + [Channel.SMS] * 4
    assert candidate.registration_number in Notification.objects.filter(user=job_seeker).first().body
    assert not Notification.objects.exclude(user=job_seeker).exists()


def test_a_refused_change_sends_no_news(job_seeker, officer, django_capture_on_commit_callbacks):
    complete_profile(job_seeker)
    registration = services.registration_start(actor=job_seeker)

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ServiceError):
        services.registration_submit(registration=registration, actor=job_seeker)

    assert callbacks == []
    assert _news_for(job_seeker) == ([], [])
