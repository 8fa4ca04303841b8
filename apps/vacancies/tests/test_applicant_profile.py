"""The company sees who applied: photo, age, education, experience, training, skills and certificates, on the
application page of its own vacancy only."""

import datetime

import pytest
from django.urls import reverse

from apps.profiles import services as profile_services
from apps.profiles.models import JobSeekerProfile
from apps.profiles.tests.helpers import image_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant_with_profile(application):
    user = application.candidate.user
    user.birth_date = datetime.date(1995, 3, 14)
    user.save(update_fields=["birth_date"])
    profile_services.profile_save_photo(user=user, uploaded=upload("foto.png", image_bytes(), "image/png"))
    profile_services.education_add(user=user, level="SMK", institution="SMK Negeri 1 Depok", graduation_year=2013)
    profile_services.experience_add(
        user=user, company="RS Sehat", position="Asisten perawat", start_date=datetime.date(2014, 1, 1)
    )
    profile_services.training_add(user=user, name="Perawatan lansia", institution="BLK Depok", year=2020)
    profile_services.skill_add(user=user, name="Bahasa Mandarin")
    profile_services.certification_add(
        user=user, name="Caregiver", issuer="LSP Kesehatan", issued_on=datetime.date(2021, 5, 1), bnsp_number="BN-77"
    )
    return application


def test_the_company_reads_the_applicants_profile(client, applicant_with_profile, company_staff):
    application = applicant_with_profile
    client.force_login(company_staff)

    html = client.get(reverse("vacancies:company_application", args=[application.pk])).content.decode()

    assert 'data-testid="applicant-profile"' in html
    for shown in ("SMK Negeri 1 Depok", "Asisten perawat", "Perawatan lansia", "Bahasa Mandarin", "BN-77", "tahun"):
        assert shown in html, shown
    photo = reverse("vacancies:company_applicant_photo", args=[application.pk])
    assert f'src="{photo}"' in html
    response = client.get(photo)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"


def test_another_company_sees_neither_the_page_nor_the_photo(client, applicant_with_profile, other_company_staff):
    application = applicant_with_profile
    client.force_login(other_company_staff)

    assert client.get(reverse("vacancies:company_application", args=[application.pk])).status_code == 404
    assert client.get(reverse("vacancies:company_applicant_photo", args=[application.pk])).status_code == 404


def test_the_applicant_and_other_job_seekers_cannot_open_the_company_photo_address(
    client, applicant_with_profile, other_job_seeker
):
    client.force_login(other_job_seeker)

    assert client.get(reverse("vacancies:company_applicant_photo", args=[applicant_with_profile.pk])).status_code == 403


def test_an_applicant_without_a_profile_photo_shows_an_initial(client, application, company_staff):
    JobSeekerProfile.objects.filter(user=application.candidate.user).update(photo="")
    client.force_login(company_staff)

    html = client.get(reverse("vacancies:company_application", args=[application.pk])).content.decode()

    assert "fair-applicant-initial" in html
    assert client.get(reverse("vacancies:company_applicant_photo", args=[application.pk])).status_code == 404
