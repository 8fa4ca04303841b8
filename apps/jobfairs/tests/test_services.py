import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from apps.jobfairs import services
from apps.jobfairs.models import FairStatus, JobFair, OrganiserProfile
from apps.messaging.models import Notification
from testing import factories

pytestmark = pytest.mark.django_db


def png(name="logo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


PROFILE = {
    "institution": "Universitas Indonesia",
    "kind": "education",
    "address": "Kampus UI Depok",
    "region": "32.76",
    "phone": "0217867222",
    "email": "karier@ui.ac.id",
}


# --- organiser profile ---------------------------------------------------------------------------------------


def test_organiser_saves_a_complete_profile_with_logo(organiser):
    profile = services.organiser_profile_save(actor=organiser, logo=png(), **PROFILE)
    assert profile.is_complete
    assert profile.logo.name.startswith(f"jobfairs/logos/{organiser.pk}/")
    assert profile.logo.name.endswith(".png")
    assert AuditEvent.objects.filter(action="jobfair.organiser_profile_create", object_id=str(profile.pk)).exists()


def test_a_new_logo_keeps_the_earlier_file(organiser):
    first = services.organiser_profile_save(actor=organiser, logo=png(), **PROFILE).logo.name
    second = services.organiser_profile_save(actor=organiser, logo=png(), **PROFILE).logo.name
    assert first != second
    storage = OrganiserProfile._meta.get_field("logo").storage
    assert storage.exists(first) and storage.exists(second)


def test_a_logo_that_is_not_an_image_is_refused(organiser):
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image" * 10)
    with pytest.raises(ServiceError) as refused:
        services.organiser_profile_save(actor=organiser, logo=fake, **PROFILE)
    assert refused.value.field == "logo"


def test_profile_fields_are_required_and_the_region_is_a_regency(organiser):
    with pytest.raises(ServiceError) as refused:
        services.organiser_profile_save(actor=organiser, **{**PROFILE, "address": "  "})
    assert refused.value.field == "address"
    with pytest.raises(ServiceError) as refused:
        services.organiser_profile_save(actor=organiser, **{**PROFILE, "region": "32"})
    assert "kabupaten/kota" in str(refused.value.message)


def test_only_an_organiser_has_an_organiser_profile(job_seeker):
    with pytest.raises(PermissionDenied):
        services.organiser_profile_save(actor=job_seeker, **PROFILE)


# --- create / update --------------------------------------------------------------------------------------------


def test_organiser_creates_a_draft_fair(organiser, profile, fair_fields):
    fair = services.fair_create(actor=organiser, banner=png("banner.png"), **fair_fields)
    assert fair.status == FairStatus.DRAFT
    assert fair.phase() == "draft"
    assert [r.pk for r in fair.regions.all()] == ["32.76"]
    assert fair.banner.name.startswith("jobfairs/banners/")
    assert AuditEvent.objects.filter(action="jobfair.create", object_id=str(fair.pk)).exists()


def test_creating_a_fair_needs_a_complete_profile(organiser, fair_fields):
    with pytest.raises(ServiceError) as refused:
        services.fair_create(actor=organiser, **fair_fields)
    assert refused.value.code == "profile_incomplete"
    assert "Lengkapi profil penyelenggara" in str(refused.value.message)


def test_end_must_be_after_start(organiser, profile, fair_fields):
    fair_fields["ends_at"] = fair_fields["starts_at"]
    with pytest.raises(ServiceError) as refused:
        services.fair_create(actor=organiser, **fair_fields)
    assert refused.value.code == "invalid_dates"
    assert refused.value.field == "ends_at"


def test_a_venue_fair_needs_a_venue_an_online_one_does_not(organiser, profile, fair_fields):
    with pytest.raises(ServiceError) as refused:
        services.fair_create(actor=organiser, **{**fair_fields, "venue": ""})
    assert refused.value.code == "venue_required"
    assert services.fair_create(actor=organiser, **{**fair_fields, "venue": "", "mode": "online"}).pk


def test_unknown_sector_and_bad_max_companies_are_refused(organiser, profile, fair_fields):
    with pytest.raises(ServiceError) as refused:
        services.fair_create(actor=organiser, **{**fair_fields, "sectors": ["mining"]})
    assert refused.value.field == "sectors"
    with pytest.raises(ServiceError) as refused:
        services.fair_create(actor=organiser, **{**fair_fields, "max_companies": 0})
    assert refused.value.field == "max_companies"


def test_other_roles_cannot_create_fairs(job_seeker, agency_staff, fair_fields):
    for actor in (job_seeker, agency_staff):
        with pytest.raises(PermissionDenied):
            services.fair_create(actor=actor, **fair_fields)


def test_organiser_edits_own_draft(draft, organiser):
    fair = services.fair_update(fair=draft, actor=organiser, name="Job Fair Baru", regions=["32", "32.76"])
    assert fair.name == "Job Fair Baru"
    assert set(fair.regions.values_list("pk", flat=True)) == {"32", "32.76"}
    event = AuditEvent.objects.get(action="jobfair.update", object_id=str(fair.pk))
    assert event.data["changed"] == ["name", "regions"]


def test_organiser_cannot_edit_another_organisers_fair(draft, other_organiser):
    with pytest.raises(PermissionDenied) as refused:
        services.fair_update(fair=draft, actor=other_organiser, name="Dibajak")
    assert "penyelenggara lain" in str(refused.value.message)
    draft.refresh_from_db()
    assert draft.name != "Dibajak"


def test_a_submitted_fair_cannot_be_edited(submitted, organiser):
    with pytest.raises(ServiceError) as refused:
        services.fair_update(fair=submitted, actor=organiser, name="Ubah")
    assert refused.value.code == "not_editable"


def test_an_edit_cannot_make_the_end_precede_the_start(draft, organiser):
    with pytest.raises(ServiceError) as refused:
        services.fair_update(fair=draft, actor=organiser, ends_at=draft.starts_at - datetime.timedelta(hours=1))
    assert refused.value.code == "invalid_dates"


@pytest.mark.parametrize(
    ("field", "moment"),
    [
        ("starts_at", datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)),
        ("starts_at", datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)),
        ("ends_at", datetime.datetime(9999, 12, 31, 23, 59, tzinfo=datetime.UTC)),
    ],
    ids=["year-1", "1900", "9999"],
)
def test_the_service_bounds_the_period_as_the_form_does(organiser, profile, fair_fields, field, moment):
    """Called directly (the API, seed_demo), a fair outside FAIR_PERIOD is refused beside the field; none stored."""
    with pytest.raises(ServiceError) as refused:
        services.fair_create(actor=organiser, **{**fair_fields, field: moment})
    assert refused.value.field == field
    assert not JobFair.objects.exists()


def test_an_edit_judges_only_the_bound_it_changes(draft, organiser):
    """A draft whose stored start is now more than 30 days ago keeps it through an edit of its name; moving its
    end to year 9999 is refused and nothing changes."""
    started = timezone.now() - datetime.timedelta(days=40)
    JobFair.objects.filter(pk=draft.pk).update(starts_at=started, ends_at=started + datetime.timedelta(days=60))

    assert services.fair_update(fair=draft, actor=organiser, name="Nama baru").name == "Nama baru"
    with pytest.raises(ServiceError) as refused:
        services.fair_update(fair=draft, actor=organiser, ends_at=datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC))
    assert refused.value.field == "ends_at"
    draft.refresh_from_db()
    assert draft.ends_at == started + datetime.timedelta(days=60)


# --- submit / verify / return / publish -----------------------------------------------------------------------


def test_submit_goes_to_the_central_admin(draft, organiser, central_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fair = services.fair_submit(fair=draft, actor=organiser)
    assert fair.status == FairStatus.SUBMITTED and fair.submitted_at
    assert Notification.objects.filter(user=central_admin, title="Job fair menunggu verifikasi").exists()
    assert AuditEvent.objects.filter(action="jobfair.submit", object_id=str(fair.pk)).exists()


def test_submit_needs_a_complete_profile(draft, organiser):
    OrganiserProfile.objects.filter(user=organiser).update(phone="")
    with pytest.raises(ServiceError) as refused:
        services.fair_submit(fair=draft, actor=organiser)
    assert refused.value.code == "profile_incomplete"


def test_a_fair_already_over_cannot_be_submitted(organiser, profile):
    past = timezone.now() - datetime.timedelta(days=2)
    fair = factories.job_fair(organiser=organiser, starts_at=past, ends_at=past + datetime.timedelta(hours=3))
    with pytest.raises(ServiceError) as refused:
        services.fair_submit(fair=fair, actor=organiser)
    assert refused.value.code == "already_over"


def test_another_organiser_cannot_submit(draft, other_organiser):
    with pytest.raises(PermissionDenied):
        services.fair_submit(fair=draft, actor=other_organiser)


def test_submitting_twice_is_refused(submitted, organiser):
    with pytest.raises(ServiceError) as refused:
        services.fair_submit(fair=submitted, actor=organiser)
    assert refused.value.code == "not_submittable"


def test_admin_verifies(submitted, central_admin, organiser, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        fair = services.fair_verify(fair=submitted, actor=central_admin)
    assert fair.status == FairStatus.VERIFIED and fair.verified_by == central_admin
    assert fair.phase_label() == "Terverifikasi"
    assert Notification.objects.filter(user=organiser, title="Job fair terverifikasi").exists()


def test_admin_returns_with_a_reason_and_the_organiser_resubmits(submitted, central_admin, organiser):
    with pytest.raises(ServiceError) as refused:
        services.fair_return(fair=submitted, actor=central_admin, reason="  ")
    assert refused.value.field == "reason"
    fair = services.fair_return(fair=submitted, actor=central_admin, reason="Lengkapi alamat tempat.")
    assert fair.status == FairStatus.RETURNED and fair.return_reason == "Lengkapi alamat tempat."
    assert AuditEvent.objects.get(action="jobfair.return").reason == "Lengkapi alamat tempat."
    fair = services.fair_update(fair=fair, actor=organiser, venue="Gedung Serbaguna, Jl. Margonda 1")
    assert services.fair_submit(fair=fair, actor=organiser).status == FairStatus.SUBMITTED


def test_only_the_central_admin_verifies(submitted, organiser, officer):
    for actor in (organiser, officer):
        with pytest.raises(PermissionDenied) as refused:
            services.fair_verify(fair=submitted, actor=actor)
        assert "admin pusat" in str(refused.value.message)


def test_a_draft_cannot_be_verified(draft, central_admin):
    with pytest.raises(ServiceError) as refused:
        services.fair_verify(fair=draft, actor=central_admin)
    assert refused.value.code == "not_submitted"


def test_publish_only_a_verified_fair(submitted, organiser, central_admin):
    with pytest.raises(ServiceError) as refused:
        services.fair_publish(fair=submitted, actor=organiser)
    assert refused.value.code == "not_verified"
    assert "diverifikasi" in str(refused.value.message)
    services.fair_verify(fair=submitted, actor=central_admin)
    fair = services.fair_publish(fair=submitted, actor=organiser)
    assert fair.status == FairStatus.PUBLISHED and fair.published_at
    assert fair.phase() == "upcoming"


def test_another_organiser_cannot_publish(organiser, profile, other_organiser):
    fair = factories.job_fair(organiser=organiser, status="verified")
    with pytest.raises(PermissionDenied):
        services.fair_publish(fair=fair, actor=other_organiser)


def test_cancel(draft, organiser):
    assert services.fair_cancel(fair=draft, actor=organiser, reason="Batal").status == FairStatus.CANCELLED
    with pytest.raises(ServiceError):
        services.fair_submit(fair=draft, actor=organiser)


# --- notices ----------------------------------------------------------------------------------------------------


def test_phase_notices_are_sent_once(organiser, profile, django_capture_on_commit_callbacks):
    fair = factories.running_fair(organiser=organiser)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.fair_send_phase_notices() == 1
        assert services.fair_send_phase_notices() == 0
    assert Notification.objects.filter(user=organiser, title="Job fair dimulai").count() == 1
    later = fair.ends_at + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.fair_send_phase_notices(now=later) == 1
    assert Notification.objects.filter(user=organiser, title="Job fair selesai").count() == 1


def test_the_periodic_task_sends_the_notices(organiser, profile, django_capture_on_commit_callbacks):
    from apps.jobfairs import tasks

    factories.running_fair(organiser=organiser)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.fair_phase_notices.call_local()
    assert Notification.objects.filter(user=organiser, title="Job fair dimulai").exists()
