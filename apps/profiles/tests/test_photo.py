import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from apps.audit.models import AuditEvent
from apps.core.errors import ServiceError
from apps.core.uploads import MB
from apps.profiles import services
from apps.profiles.models import JobSeekerProfile
from apps.profiles.tests.helpers import image_bytes, upload

pytestmark = pytest.mark.django_db


def stored_image(profile) -> Image.Image:
    with default_storage.open(profile.photo.name) as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    return image


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


def test_png_photo_is_shrunk_and_stored_as_jpeg(job_seeker):
    profile = services.profile_save_photo(
        user=job_seeker, uploaded=upload("wajah.png", image_bytes("PNG", size=(1200, 1600)), "image/png")
    )

    profile.refresh_from_db()
    assert profile.photo.name.startswith("profile-photos/")
    assert profile.photo.name.endswith(".jpg")
    assert "wajah" not in profile.photo.name
    image = stored_image(profile)
    assert image.format == "JPEG"
    assert image.width <= 600 and image.height <= 800
    assert image.size == (600, 800)  # 3:4 kept
    event = AuditEvent.objects.get(action="profile.photo_save")
    assert event.actor == job_seeker


def test_jpeg_photo_loses_its_exif_and_is_turned_upright(job_seeker):
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "KameraRahasia"  # camera make
    raw = image_bytes("JPEG", size=(1600, 1200), exif=exif.tobytes())

    profile = services.profile_save_photo(user=job_seeker, uploaded=upload("foto.jpg", raw, "image/jpeg"))

    image = stored_image(profile)
    assert image.size == (600, 800)  # landscape pixels shown as portrait
    assert not image.getexif()
    with default_storage.open(profile.photo.name) as handle:
        assert b"KameraRahasia" not in handle.read()


def test_transparent_png_gets_a_white_background(job_seeker):
    raw = image_bytes("PNG", size=(300, 400), color=(0, 0, 0, 0), mode="RGBA")
    profile = services.profile_save_photo(user=job_seeker, uploaded=upload("a.png", raw, "image/png"))
    red, green, blue = stored_image(profile).getpixel((150, 200))
    assert min(red, green, blue) > 240


def test_text_file_named_png_is_refused_and_nothing_saved(job_seeker, media_root):
    with pytest.raises(ServiceError) as caught:
        services.profile_save_photo(user=job_seeker, uploaded=upload("foto.png", b"ini bukan gambar\n" * 20))

    assert caught.value.code == "file_type"
    assert caught.value.field == "photo"
    assert "Isi berkas bukan tipe yang diizinkan" in str(caught.value.message)
    assert not JobSeekerProfile.objects.filter(user=job_seeker).exclude(photo="").exists()
    assert stored_files(media_root) == []
    assert not AuditEvent.objects.filter(action="profile.photo_save").exists()


def test_photo_over_two_megabytes_is_refused(job_seeker, media_root):
    raw = image_bytes("PNG", size=(10, 10))
    oversize = raw + b"\x00" * (2 * MB + 1 - len(raw))
    assert len(oversize) == 2 * MB + 1

    with pytest.raises(ServiceError) as caught:
        services.profile_save_photo(user=job_seeker, uploaded=upload("besar.png", oversize, "image/png"))

    assert caught.value.code == "file_too_large"
    assert "maksimal 2 MB" in str(caught.value.message)
    assert stored_files(media_root) == []


def test_decompression_bomb_is_refused(job_seeker, media_root):
    raw = image_bytes("PNG", size=(8000, 6000), color=0, mode="1")  # 48 megapixels in a few kB
    assert len(raw) < 2 * MB

    with pytest.raises(ServiceError) as caught:
        services.profile_save_photo(user=job_seeker, uploaded=upload("bom.png", raw, "image/png"))

    assert caught.value.code == "image_too_many_pixels"
    assert stored_files(media_root) == []


def test_truncated_image_is_refused_as_unreadable(job_seeker, media_root):
    raw = image_bytes("PNG", size=(400, 400))[:200]

    with pytest.raises(ServiceError) as caught:
        services.profile_save_photo(user=job_seeker, uploaded=upload("rusak.png", raw, "image/png"))

    assert caught.value.code == "photo_unreadable"
    assert "Foto tidak dapat dibaca" in str(caught.value.message)
    assert stored_files(media_root) == []


def test_new_photo_keeps_the_previous_file(job_seeker):
    first = services.profile_save_photo(user=job_seeker, uploaded=upload("a.png", image_bytes()))
    first_name = first.photo.name

    second = services.profile_save_photo(user=job_seeker, uploaded=upload("b.png", image_bytes(color=(0, 0, 255))))

    assert second.photo.name != first_name
    assert default_storage.exists(first_name)
    assert JobSeekerProfile.objects.get(user=job_seeker).photo.name == second.photo.name
