import datetime

import pytest
from django.core.files.storage import default_storage

from apps.audit.models import AuditEvent
from apps.core.errors import ServiceError
from apps.profiles import services
from apps.profiles.models import Certification, Education, JobSeekerProfile, Skill, Training, WorkExperience
from apps.profiles.tests.helpers import EXE_BYTES, PDF_BYTES, image_bytes, upload
from testing import factories

pytestmark = pytest.mark.django_db


def audit_actions(user):
    return list(AuditEvent.objects.filter(actor=user).values_list("action", flat=True))


def personal_data(**overrides):
    values = {
        "description": "Pekerja keras dan jujur.",
        "marital_status": "single",
        "domicile_village": factories.village(),
        "domicile_street": "Jl. Kenanga No. 5 RT 01/RW 02",
        "looking_for_training": True,
        "wanted_jobs": "Perawat lansia, juru masak",
    }
    values.update(overrides)
    return services.PersonalData(**values)


# --- personal data -------------------------------------------------------------------------------------


def test_save_personal_creates_profile_and_audits(job_seeker):
    profile = services.profile_save_personal(user=job_seeker, data=personal_data())

    profile.refresh_from_db()
    assert profile.user == job_seeker
    assert profile.marital_status == "single"
    assert profile.domicile_street == "Jl. Kenanga No. 5 RT 01/RW 02"
    assert profile.looking_for_training is True
    assert profile.personal_saved_at is not None
    event = AuditEvent.objects.get(action="profile.personal_save")
    assert event.actor == job_seeker
    assert event.object_id == str(profile.pk)


def test_save_personal_refuses_domicile_above_village_level(job_seeker):
    district = factories.village().parent

    with pytest.raises(ServiceError) as caught:
        services.profile_save_personal(user=job_seeker, data=personal_data(domicile_village=district))

    assert caught.value.code == "domicile_incomplete"
    assert caught.value.field == "domicile_village"
    assert not JobSeekerProfile.objects.filter(user=job_seeker, personal_saved_at__isnull=False).exists()
    assert "profile.personal_save" not in audit_actions(job_seeker)


def test_save_personal_requires_wanted_jobs(job_seeker):
    with pytest.raises(ServiceError) as caught:
        services.profile_save_personal(user=job_seeker, data=personal_data(wanted_jobs="   "))
    assert caught.value.field == "wanted_jobs"


def test_new_profile_takes_marital_status_from_account(db):
    user = factories.user(marital_status="married")
    services.skill_add(user=user, name="Memasak")
    assert JobSeekerProfile.objects.get(user=user).marital_status == "married"


# --- work experience ----------------------------------------------------------------------------------


def test_experience_add_and_delete(job_seeker):
    item = services.experience_add(
        user=job_seeker,
        company="PT Maju",
        position="Operator",
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2022, 6, 30),
        description="Mengoperasikan mesin",
    )
    assert WorkExperience.objects.filter(profile__user=job_seeker, company="PT Maju").count() == 1

    services.experience_delete(user=job_seeker, item_id=item.pk)

    assert not WorkExperience.objects.filter(pk=item.pk).exists()
    assert audit_actions(job_seeker) == ["profile.experience_add", "profile.experience_delete"]


def test_experience_end_before_start_is_refused(job_seeker):
    with pytest.raises(ServiceError) as caught:
        services.experience_add(
            user=job_seeker,
            company="PT Maju",
            position="Operator",
            start_date=datetime.date(2022, 1, 1),
            end_date=datetime.date(2021, 1, 1),
        )
    assert caught.value.code == "end_before_start"
    assert caught.value.field == "end_date"
    assert not WorkExperience.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("start_date", datetime.date(1900, 1, 1)), ("end_date", datetime.date(9999, 12, 31))],
    ids=["start-1900", "end-9999"],
)
def test_the_service_bounds_history_dates_as_the_form_does(job_seeker, field, value):
    """Called directly (the API, seed_demo), a date outside PERSONAL_HISTORY (a working life, not later) is refused
    beside its field and nothing is stored."""
    dates = {"start_date": datetime.date(2020, 1, 1), "end_date": None, field: value}
    with pytest.raises(ServiceError) as caught:
        services.experience_add(user=job_seeker, company="PT Maju", position="Operator", **dates)
    assert caught.value.field == field
    assert not WorkExperience.objects.exists()


def test_a_certificate_issued_in_the_future_is_refused_by_the_service(job_seeker):
    with pytest.raises(ServiceError) as caught:
        services.certification_add(user=job_seeker, name="K3", issuer="BNSP", issued_on=datetime.date(9999, 1, 1))
    assert caught.value.field == "issued_on"
    assert not Certification.objects.exists()


def test_cannot_delete_another_persons_experience(job_seeker, other_job_seeker):
    item = services.experience_add(
        user=other_job_seeker, company="PT Lain", position="Staf", start_date=datetime.date(2019, 1, 1)
    )

    with pytest.raises(ServiceError) as caught:
        services.experience_delete(user=job_seeker, item_id=item.pk)

    assert caught.value.code == "not_found"
    assert WorkExperience.objects.filter(pk=item.pk).exists()
    assert "profile.experience_delete" not in audit_actions(job_seeker)


# --- training and education ---------------------------------------------------------------------------


def test_training_add_and_delete(job_seeker):
    item = services.training_add(user=job_seeker, name="Bahasa Jepang N4", institution="LPK Sakura", year=2023)
    assert Training.objects.get(pk=item.pk).institution == "LPK Sakura"

    services.training_delete(user=job_seeker, item_id=item.pk)

    assert not Training.objects.exists()
    assert audit_actions(job_seeker) == ["profile.training_add", "profile.training_delete"]


def test_training_in_a_future_year_is_refused(job_seeker):
    with pytest.raises(ServiceError) as caught:
        services.training_add(user=job_seeker, name="Las", institution="BLK", year=datetime.date.today().year + 2)
    assert caught.value.field == "year"
    assert not Training.objects.exists()


def test_education_add_and_delete(job_seeker):
    item = services.education_add(
        user=job_seeker, level="SMK", institution="SMK Negeri 1 Depok", major="Tata Boga", graduation_year=2014
    )
    assert Education.objects.get(pk=item.pk).get_level_display() == "SMK"

    services.education_delete(user=job_seeker, item_id=item.pk)

    assert not Education.objects.exists()
    assert audit_actions(job_seeker) == ["profile.education_add", "profile.education_delete"]


def test_education_with_unknown_level_is_refused(job_seeker):
    with pytest.raises(ServiceError) as caught:
        services.education_add(user=job_seeker, level="TK", institution="TK Ceria", graduation_year=2000)
    assert caught.value.field == "level"


# --- certification ------------------------------------------------------------------------------------


def test_certification_with_pdf_is_stored_under_a_random_name(job_seeker, media_root):
    item = services.certification_add(
        user=job_seeker,
        name="Juru Masak",
        issuer="LSP Pariwisata",
        issued_on=datetime.date(2023, 5, 2),
        bnsp_number="BNSP-123",
        uploaded=upload("../Sertifikat Ani.pdf", PDF_BYTES, "application/pdf"),
    )

    item.refresh_from_db()
    assert item.original_name == "Sertifikat Ani.pdf"
    assert item.file.name.startswith("certificates/")
    assert item.file.name.endswith(".pdf")
    assert "Ani" not in item.file.name
    with default_storage.open(item.file.name) as stored:
        assert stored.read() == PDF_BYTES
    assert audit_actions(job_seeker) == ["profile.certification_add"]


def test_certification_with_executable_renamed_pdf_is_refused(job_seeker, media_root):
    with pytest.raises(ServiceError) as caught:
        services.certification_add(
            user=job_seeker,
            name="Palsu",
            issuer="Entah",
            issued_on=datetime.date(2023, 5, 2),
            uploaded=upload("sertifikat.pdf", EXE_BYTES, "application/pdf"),
        )

    assert caught.value.code == "file_type"
    assert caught.value.field == "file"
    assert "Isi berkas bukan tipe yang diizinkan" in str(caught.value.message)
    assert not Certification.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.*"))


def test_certification_delete_removes_row_and_file(job_seeker, django_capture_on_commit_callbacks):
    item = services.certification_add(
        user=job_seeker,
        name="Juru Masak",
        issuer="LSP",
        issued_on=datetime.date(2023, 5, 2),
        uploaded=upload("s.pdf", PDF_BYTES),
    )
    stored = item.file.name

    with django_capture_on_commit_callbacks(execute=True):
        services.certification_delete(user=job_seeker, item_id=item.pk)

    assert not Certification.objects.exists()
    assert not default_storage.exists(stored)
    assert audit_actions(job_seeker)[-1] == "profile.certification_delete"


# --- skills -------------------------------------------------------------------------------------------


def test_skill_add_and_delete(job_seeker):
    item = services.skill_add(user=job_seeker, name="  Merawat   lansia ")
    assert item.name == "Merawat lansia"

    services.skill_delete(user=job_seeker, item_id=item.pk)

    assert not Skill.objects.exists()
    assert audit_actions(job_seeker) == ["profile.skill_add", "profile.skill_delete"]


def test_same_skill_twice_is_refused_whatever_the_case(job_seeker):
    services.skill_add(user=job_seeker, name="Memasak")

    with pytest.raises(ServiceError) as caught:
        services.skill_add(user=job_seeker, name="memasak")

    assert caught.value.code == "skill_duplicate"
    assert Skill.objects.count() == 1


def test_two_people_may_have_the_same_skill(job_seeker, other_job_seeker):
    services.skill_add(user=job_seeker, name="Memasak")
    services.skill_add(user=other_job_seeker, name="Memasak")
    assert Skill.objects.count() == 2


# --- completing and skipping steps --------------------------------------------------------------------


@pytest.mark.parametrize("step", ["experience", "training", "education", "certification"])
def test_optional_steps_can_be_skipped(job_seeker, step):
    profile = services.profile_step_skip(user=job_seeker, step=step)

    profile.refresh_from_db()
    assert profile.skipped_steps == [step]
    event = AuditEvent.objects.get(action="profile.step_skip")
    assert event.data == {"step": step}


@pytest.mark.parametrize("step", ["photo", "personal", "skills"])
def test_required_steps_cannot_be_skipped(job_seeker, step):
    with pytest.raises(ServiceError) as caught:
        services.profile_step_skip(user=job_seeker, step=step)

    assert caught.value.code == "step_not_skippable"
    assert "tidak bisa dilewati" in str(caught.value.message)
    profile = JobSeekerProfile.objects.filter(user=job_seeker).first()
    assert profile is None or step not in profile.skipped_steps
    assert "profile.step_skip" not in audit_actions(job_seeker)


def test_completing_skills_without_a_skill_is_refused(job_seeker):
    with pytest.raises(ServiceError) as caught:
        services.profile_step_complete(user=job_seeker, step="skills")
    assert caught.value.code == "skills_missing"
    assert "minimal satu keahlian" in str(caught.value.message)
    assert "profile.step_complete" not in audit_actions(job_seeker)


def test_completing_skills_with_a_skill(job_seeker):
    services.skill_add(user=job_seeker, name="Memasak")

    profile = services.profile_step_complete(user=job_seeker, step="skills")

    assert profile.completed_steps == ["skills"]
    assert AuditEvent.objects.get(action="profile.step_complete").data == {"step": "skills"}


@pytest.mark.parametrize(("step", "code"), [("photo", "photo_missing"), ("personal", "personal_missing")])
def test_completing_photo_or_personal_needs_their_data(job_seeker, step, code):
    with pytest.raises(ServiceError) as caught:
        services.profile_step_complete(user=job_seeker, step=step)
    assert caught.value.code == code


def test_completing_a_list_step_without_items_asks_to_skip_instead(job_seeker):
    with pytest.raises(ServiceError) as caught:
        services.profile_step_complete(user=job_seeker, step="training")
    assert caught.value.code == "step_empty"


def test_completing_a_skipped_step_moves_it_to_completed(job_seeker):
    services.profile_step_skip(user=job_seeker, step="training")
    services.training_add(user=job_seeker, name="Las", institution="BLK Depok", year=2022)

    profile = services.profile_step_complete(user=job_seeker, step="training")

    assert profile.completed_steps == ["training"]
    assert profile.skipped_steps == []


def test_completed_steps_keep_step_order(job_seeker):
    services.skill_add(user=job_seeker, name="Memasak")
    services.profile_step_complete(user=job_seeker, step="skills")
    services.profile_save_photo(user=job_seeker, uploaded=upload("a.png", image_bytes()))
    profile = services.profile_step_complete(user=job_seeker, step="photo")
    assert profile.completed_steps == ["photo", "skills"]


def test_unknown_step_is_refused(job_seeker):
    with pytest.raises(ServiceError) as caught:
        services.profile_step_complete(user=job_seeker, step="hobby")
    assert caught.value.code == "step_unknown"
