"""Type once: a certificate entered in profile step 6 is offered in the CPMI form and taken in with a copy of its
file, instead of being typed and uploaded again."""

import datetime

import pytest
from django.urls import reverse

from apps.core.errors import ServiceError
from apps.cpmi import services
from apps.cpmi.models import CpmiDocument, DocumentKind
from apps.cpmi.tests.builders import PNG_BYTES, filled_registration, form_data, png_upload
from apps.profiles import services as profile_services
from testing import factories

pytestmark = pytest.mark.django_db
FORM = reverse("cpmi:form")


def add_certificate(user, *, number="BNSP-PROFIL-9", file=True):
    return profile_services.certification_add(
        user=user,
        name="Perawat lansia madya",
        issuer="LSP Kesehatan",
        issued_on=datetime.date(2024, 2, 1),
        bnsp_number=number,
        uploaded=png_upload("sertifikat-profil.png") if file else None,
    )


def test_the_form_offers_the_profiles_certificate_and_takes_it_in(client, applicant):
    item = add_certificate(applicant)
    client.force_login(applicant)

    html = client.get(FORM).content.decode()
    assert 'data-testid="profile-certificates"' in html
    assert "Perawat lansia madya · BNSP-PROFIL-9" in html

    response = client.post(FORM, form_data(profile_certificates=[item.pk]))

    assert response.status_code == 302
    document = CpmiDocument.objects.get(certificate_number="BNSP-PROFIL-9")
    assert document.kind == DocumentKind.COMPETENCY_CERTIFICATE
    assert document.certificate_scheme == "Perawat lansia madya"
    assert document.uploaded_by == applicant
    assert document.file.name != item.file.name  # a copy owned by the registration
    with document.file.open("rb") as copy:
        assert copy.read() == PNG_BYTES
    item.refresh_from_db()
    assert item.file  # the profile keeps its own file
    assert 'data-testid="profile-certificates"' not in client.get(FORM).content.decode()  # taken in: not offered again


def test_a_certificate_without_file_or_number_is_not_offered(client, applicant):
    add_certificate(applicant, number="")
    add_certificate(applicant, number="BNSP-TANPA-BERKAS", file=False)
    client.force_login(applicant)

    html = client.get(FORM).content.decode()

    assert 'data-testid="profile-certificates"' not in html


def test_another_persons_certificate_cannot_be_taken_in(applicant):
    stranger = factories.user(full_name="Orang Lain")
    item = add_certificate(stranger)
    registration = filled_registration(applicant)

    with pytest.raises(ServiceError) as refused:
        services.certificate_from_profile(registration=registration, actor=applicant, certification_id=item.pk)

    assert refused.value.code == "certificate_unknown"
    assert not CpmiDocument.objects.filter(certificate_number="BNSP-PROFIL-9").exists()
