"""The job seeker's CPMI form: drafts, refused files that never lose the rest of the POST, and sending."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.errors import ServiceError
from apps.cpmi import services
from apps.cpmi.models import CpmiDocument, CpmiRegistration, DocumentKind, RegistrationStatus
from apps.cpmi.tests.builders import (
    EXE_BYTES,
    PNG_BYTES,
    filled_registration,
    form_data,
    pdf_upload,
    png_upload,
    review_all,
)
from apps.offices.models import StaffAssignment
from apps.profiles.models import JobSeekerProfile
from testing import factories

pytestmark = pytest.mark.django_db

FORM = reverse("cpmi:form")


def current(registration, kind):
    return list(services.current_documents(registration).filter(kind=kind))


def errors_of(response, field):
    return response.context["form"].errors.get(field, [])


def test_incomplete_profile_gets_a_link_to_the_profile(client, job_seeker):
    client.force_login(job_seeker)

    response = client.get(FORM)

    assert response.status_code == 200
    assert "Lengkapi profil pencari kerja" in response.content.decode()
    assert reverse("profiles:overview") in response.content.decode()
    assert not CpmiRegistration.objects.exists()


def test_first_visit_shows_every_section_and_creates_nothing(client, applicant):
    client.force_login(applicant)
    events = AuditEvent.objects.count()

    response = client.get(FORM)

    assert response.status_code == 200
    assert not CpmiRegistration.objects.exists()
    assert AuditEvent.objects.count() == events
    html = response.content.decode()
    for name in (
        "file_competency_certificate",
        "file_health_certificate",
        "file_bpjs_card",
        "file_ktp",
        "file_family_card",
        "file_birth_certificate",
        "file_ak1_card",
        "permission_letter_number",
    ):
        assert f'name="{name}"' in html
    assert 'name="file_marriage_certificate"' not in html  # Ani is not married
    assert "Simpan draf" in html and "Kirim" in html


def test_the_first_save_starts_the_draft(client, applicant):
    client.force_login(applicant)
    client.get(FORM)

    response = client.post(FORM, form_data())

    assert response.status_code == 302
    registration = CpmiRegistration.objects.get(applicant=applicant)
    assert registration.status == RegistrationStatus.DRAFT
    assert registration.health_clinic == "Puskesmas Pancoran Mas"
    assert AuditEvent.objects.filter(action="cpmi.start", object_id=str(registration.pk)).count() == 1


def test_married_applicant_is_asked_for_the_marriage_certificate(client, applicant):
    # Marital status as stated in the profile (step 2), which is newer than the sign-up form's.
    JobSeekerProfile.objects.filter(user=applicant).update(marital_status="married")
    client.force_login(applicant)

    assert 'name="file_marriage_certificate"' in client.get(FORM).content.decode()


def test_save_draft_stores_text_and_files(client, applicant):
    client.force_login(applicant)
    data = form_data(
        permission_letter_number="140/12/2026",
        guardian_nik="3276015403950009",
        guardian_name="Siti",
        certificate_number="BNSP-77",
        certificate_scheme="Pengasuh",
        file_competency_certificate=pdf_upload("sertifikat.pdf"),
        file_ktp=png_upload("ktp.png"),
    )

    response = client.post(FORM, data)

    assert response.status_code == 302 and response.url == FORM
    registration = CpmiRegistration.objects.get(applicant=applicant)
    assert registration.status == RegistrationStatus.DRAFT
    assert registration.permission_letter_number == "140/12/2026"
    assert registration.health_clinic == "Puskesmas Pancoran Mas"
    [certificate] = current(registration, DocumentKind.COMPETENCY_CERTIFICATE)
    assert (certificate.certificate_number, certificate.certificate_scheme) == ("BNSP-77", "Pengasuh")
    [ktp] = current(registration, DocumentKind.KTP)
    assert ktp.original_name == "ktp.png" and ktp.content_type == "image/png"
    page = client.get(FORM).content.decode()
    assert "ktp.png" in page and reverse("cpmi:document_file", args=[ktp.pk]) in page


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("ktp.png", b"just some text, not an image"), "bukan tipe yang diizinkan"),
        (SimpleUploadedFile("ktp.pdf", EXE_BYTES), "bukan tipe yang diizinkan"),
        (SimpleUploadedFile("ktp.png", PNG_BYTES + b"\0" * (5 * 1024 * 1024 + 1 - len(PNG_BYTES))), "maksimal 5 MB"),
        (SimpleUploadedFile("ktp.png", b""), "Berkas kosong"),
        (SimpleUploadedFile("ktp.pdf", PNG_BYTES), "berakhiran .pdf"),
    ],
    ids=["text-as-png", "exe-as-pdf", "too-large", "empty", "wrong-extension"],
)
def test_a_refused_file_shows_beside_its_field_and_keeps_the_rest(client, applicant, upload, message):
    client.force_login(applicant)
    data = form_data(health_clinic="Klinik Sehat", file_ktp=upload, file_bpjs_card=png_upload("bpjs.png"))

    response = client.post(FORM, data)

    assert response.status_code == 200
    assert any(message in error for error in errors_of(response, "file_ktp"))
    html = response.content.decode()
    assert 'id="file_ktp-error"' in html
    assert 'value="Klinik Sehat"' in html  # what was typed is still in the form
    registration = CpmiRegistration.objects.get(applicant=applicant)
    assert registration.health_clinic == "Klinik Sehat"  # ... and saved
    assert len(current(registration, DocumentKind.BPJS_CARD)) == 1  # the good file of the same POST is stored
    assert current(registration, DocumentKind.KTP) == []
    assert "bpjs.png" in html


def test_a_file_name_with_path_parts_is_stored_under_a_random_name(client, applicant, media_root):
    client.force_login(applicant)

    client.post(FORM, form_data(file_ktp=png_upload("../../etc/passwd.png")))

    [document] = CpmiDocument.objects.filter(kind=DocumentKind.KTP)
    assert document.original_name == "passwd.png"
    assert "passwd" not in document.file.name and ".." not in document.file.name
    assert document.file.name.startswith(f"cpmi/{document.registration_id}/")
    assert (media_root / document.file.name).is_file()
    html = client.get(FORM).content.decode()
    assert "passwd.png" in html and "../" not in html.split('data-testid="cpmi-form"')[1].split("passwd.png")[0][-80:]


def test_a_certificate_without_number_is_refused_and_the_rest_is_saved(client, applicant):
    client.force_login(applicant)

    response = client.post(FORM, form_data(file_competency_certificate=pdf_upload(), file_ktp=png_upload("ktp.png")))

    assert response.status_code == 200
    assert any("nomor sertifikat BNSP" in e for e in errors_of(response, "certificate_number"))
    registration = CpmiRegistration.objects.get(applicant=applicant)
    assert current(registration, DocumentKind.COMPETENCY_CERTIFICATE) == []
    assert len(current(registration, DocumentKind.KTP)) == 1


def test_a_certificate_number_without_a_file_is_pointed_out(client, applicant):
    client.force_login(applicant)

    response = client.post(FORM, form_data(certificate_number="BNSP-1"))

    assert response.status_code == 200
    assert errors_of(response, "file_competency_certificate")
    assert 'value="BNSP-1"' in response.content.decode()


def test_a_health_certificate_dated_in_the_future_is_refused_and_the_rest_is_saved(client, applicant):
    client.force_login(applicant)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client.post(
        FORM,
        form_data(
            health_certificate_date=tomorrow.isoformat(), health_doctor="dr. Budi", file_ktp=png_upload("ktp.png")
        ),
    )

    assert response.status_code == 200
    assert any("masa depan" in e for e in errors_of(response, "health_certificate_date"))
    assert f'value="{tomorrow.isoformat()}"' in response.content.decode()
    registration = CpmiRegistration.objects.get(applicant=applicant)
    assert registration.health_certificate_date is None
    assert registration.health_doctor == "dr. Budi"
    assert len(current(registration, DocumentKind.KTP)) == 1


def test_two_refused_details_are_both_reported(client, applicant):
    client.force_login(applicant)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    response = client.post(
        FORM, form_data(health_certificate_date=tomorrow, permission_letter_date=tomorrow, guardian_nik="123")
    )

    for field in ("health_certificate_date", "permission_letter_date", "guardian_nik"):
        assert errors_of(response, field), field
    assert CpmiRegistration.objects.get(applicant=applicant).health_clinic == "Puskesmas Pancoran Mas"


def test_submit_with_a_missing_document_is_refused_beside_the_field(client, applicant):
    filled_registration(applicant, skip=(DocumentKind.BPJS_CARD,))
    client.force_login(applicant)

    response = client.post(FORM, form_data(action="submit", file_ktp=png_upload("ktp-baru.png")))

    assert response.status_code == 200
    assert errors_of(response, "file_bpjs_card")
    assert "BPJS" in response.content.decode()
    registration = CpmiRegistration.objects.get(applicant=applicant)
    assert registration.status == RegistrationStatus.DRAFT
    assert current(registration, DocumentKind.KTP)[0].original_name == "ktp-baru.png"  # still saved


def test_submit_routes_to_the_regency_office_when_it_has_staff(client, applicant, officer):
    filled_registration(applicant)
    client.force_login(applicant)

    response = client.post(FORM, form_data(action="submit"), follow=True)

    registration = CpmiRegistration.objects.get(applicant=applicant)
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.office.region_id == "32.76" and not registration.routed_to_province
    html = response.content.decode()
    assert registration.office.name in html
    assert 'data-testid="routed-to-province"' not in html


def test_submit_goes_to_the_province_office_when_the_regency_has_no_staff(client, applicant):
    assert not StaffAssignment.objects.filter(office__region_id="32.76").exists()
    factories.staff(regency_code="32")  # the Jawa Barat province office has an officer
    filled_registration(applicant)
    client.force_login(applicant)

    response = client.post(FORM, form_data(action="submit"), follow=True)

    registration = CpmiRegistration.objects.get(applicant=applicant)
    assert registration.office.region_id == "32" and registration.routed_to_province
    html = response.content.decode()
    assert registration.office.name in html
    assert 'data-testid="routed-to-province"' in html
    assert "belum memiliki petugas" in html


def test_a_sent_registration_cannot_be_edited_through_the_form(client, submitted):
    client.force_login(submitted.applicant)

    assert client.get(FORM).url == reverse("cpmi:status")
    response = client.post(FORM, form_data(health_clinic="Ubah", file_ktp=png_upload()))

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.health_clinic == "Puskesmas Pancoran Mas"
    assert len(current(submitted, DocumentKind.KTP)) == 1


def test_a_draft_certificate_can_be_removed_and_several_added(client, applicant):
    registration = filled_registration(applicant)
    client.force_login(applicant)
    client.post(FORM, form_data(certificate_number="BNSP-2", file_competency_certificate=pdf_upload("kedua.pdf")))
    first, second = current(registration, DocumentKind.COMPETENCY_CERTIFICATE)

    response = client.post(FORM, form_data(withdraw=str(first.pk)))

    assert response.status_code == 302
    assert current(registration, DocumentKind.COMPETENCY_CERTIFICATE) == [second]
    first.refresh_from_db()
    assert first.withdrawn_at is not None


def test_revision_locks_accepted_documents_and_replaces_only_rejected_ones(client, submitted, officer):
    documents = list(services.current_documents(submitted))
    ktp = next(d for d in documents if d.kind == DocumentKind.KTP)
    certificate = next(d for d in documents if d.kind == DocumentKind.COMPETENCY_CERTIFICATE)
    for document in documents:
        rejected = document in (ktp, certificate)
        services.document_review(document=document, actor=officer, accepted=not rejected, reason="Buram")
    services.registration_reject(registration=submitted, actor=officer)
    services.registration_revise(registration=submitted, actor=submitted.applicant)
    client.force_login(submitted.applicant)

    html = client.get(FORM).content.decode()
    assert 'name="file_ktp"' in html
    assert 'name="file_bpjs_card"' not in html  # accepted: locked
    assert f'name="replace_{certificate.pk}"' in html
    assert "Buram" in html
    assert 'value="Puskesmas Pancoran Mas"' in html  # the stored text is pre-filled

    response = client.post(
        FORM,
        form_data(
            action="submit", file_ktp=png_upload("ktp2.png"), **{f"replace_{certificate.pk}": pdf_upload("sert2.pdf")}
        ),
    )

    assert response.status_code == 302, response.context["form"].errors
    submitted.refresh_from_db()
    assert submitted.status == RegistrationStatus.SUBMITTED and submitted.round == 2
    ktp.refresh_from_db()
    certificate.refresh_from_db()
    assert ktp.replaced_by.original_name == "ktp2.png"
    assert certificate.replaced_by.certificate_number == "BNSP-001"


def _revision_with_health_accepted_and_ktp_rejected(submitted, officer):
    review_all(submitted, officer, reject={DocumentKind.KTP: "Buram"})
    services.registration_reject(registration=submitted, actor=officer)
    return services.registration_revise(registration=submitted, actor=submitted.applicant)


def test_in_a_revision_an_accepted_documents_fields_are_read_only(client, submitted, officer):
    _revision_with_health_accepted_and_ktp_rejected(submitted, officer)
    client.force_login(submitted.applicant)

    form = client.get(FORM).context["form"]

    for name in services.HEALTH_FIELDS:
        assert form.fields[name].disabled, name
    assert not form.fields["certificate_number"].disabled
    html = client.get(FORM).content.decode()
    assert "datanya tidak dapat diubah" in html


def test_a_revision_cannot_change_an_accepted_health_certificate_number(client, submitted, officer):
    registration = _revision_with_health_accepted_and_ktp_rejected(submitted, officer)
    number = registration.health_certificate_number
    client.force_login(submitted.applicant)

    client.post(FORM, form_data(health_certificate_number="SKS-PALSU-999", health_clinic="Klinik Lain"))

    registration.refresh_from_db()
    assert registration.health_certificate_number == number
    assert registration.health_clinic == "Puskesmas Pancoran Mas"


def test_the_service_refuses_a_change_to_an_accepted_documents_fields(submitted, officer):
    registration = _revision_with_health_accepted_and_ktp_rejected(submitted, officer)
    details = services.RegistrationDetails(
        **{name: getattr(registration, name) for name in vars(services.RegistrationDetails())}
    )
    details.health_doctor = "dr. Lain"

    with pytest.raises(ServiceError) as refused:
        services.registration_save_details(registration=registration, actor=registration.applicant, details=details)

    assert refused.value.code == "document_accepted_fields"
    assert refused.value.field == "health_doctor"
    assert "Surat keterangan sehat sudah diterima petugas" in refused.value.message
    result = services.registration_form_save(actor=registration.applicant, details=details)
    assert [error.field for error in result.refusals] == ["health_doctor"]
    registration.refresh_from_db()
    assert registration.health_doctor != "dr. Lain"


def test_a_rejected_documents_fields_can_still_be_corrected(submitted, officer):
    review_all(submitted, officer, reject={DocumentKind.HEALTH_CERTIFICATE: "Tanggal salah"})
    services.registration_reject(registration=submitted, actor=officer)
    registration = services.registration_revise(registration=submitted, actor=submitted.applicant)
    details = services.RegistrationDetails(
        **{name: getattr(registration, name) for name in vars(services.RegistrationDetails())}
    )
    details.health_certificate_number = "SKS-BARU-1"

    services.registration_save_details(registration=registration, actor=registration.applicant, details=details)

    registration.refresh_from_db()
    assert registration.health_certificate_number == "SKS-BARU-1"


def test_submit_with_an_expired_ak1_card_marks_its_date_and_a_rejected_document_its_file(client, submitted, officer):
    # Given a revision whose KTP the office rejected, and an AK/1 card that expired since it was sent
    review_all(submitted, officer, reject={DocumentKind.KTP: "Foto buram"})
    services.registration_reject(registration=submitted, actor=officer)
    services.registration_revise(registration=submitted, actor=submitted.applicant)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    CpmiRegistration.objects.filter(pk=submitted.pk).update(ak1_valid_until=yesterday)
    client.force_login(submitted.applicant)

    # When the applicant presses "Kirim" without changing them
    data = form_data(action="submit", ak1_valid_until=yesterday.isoformat())
    response = client.post(FORM, data)

    # Then each thing that stops the sending stands beside its own field: the policy's list, not a second copy
    assert "Kartu AK/1 sudah tidak berlaku" in " ".join(errors_of(response, "ak1_valid_until"))
    assert "Ganti dokumen yang ditolak: KTP." in errors_of(response, "file_ktp")
    assert CpmiRegistration.objects.get(pk=submitted.pk).status == RegistrationStatus.REVISING
