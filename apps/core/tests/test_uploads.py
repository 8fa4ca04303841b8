"""Every image upload is refused above IMAGE_MAX_PIXELS, read from the header alone, with one clear message."""

import datetime
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.agencies import services as agency_services
from apps.core.errors import ServiceError
from apps.core.uploads import DOCUMENT_KINDS, IMAGE_KINDS, PNG, validate_upload
from apps.cpmi.models import CpmiDocument
from apps.cpmi.tests.builders import complete_profile, form_data, png_upload
from apps.profiles import services as profile_services
from testing import factories

MESSAGE = "Ukuran gambar terlalu besar (resolusi)"


def png_header_only(width: int, height: int) -> bytes:
    """A valid-looking PNG of any size in a few hundred bytes: a 1-bit IHDR and a small compressed IDAT."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 4096))
        + chunk(b"IEND", b"")
    )


def bomb(name="bom.png"):
    return SimpleUploadedFile(name, png_header_only(30000, 30000), content_type="image/png")


@pytest.mark.parametrize("allowed", [DOCUMENT_KINDS, IMAGE_KINDS], ids=["documents", "images"])
@pytest.mark.parametrize(
    "width, height",
    [(30000, 30000), (10000, 10000), (8000, 6000)],
    ids=["pillow-error", "pillow-warning", "over-our-limit"],
)
def test_an_image_with_too_many_pixels_is_refused(allowed, width, height):
    uploaded = SimpleUploadedFile("scan.png", png_header_only(width, height))

    with pytest.raises(ServiceError) as refused:
        validate_upload(uploaded, allowed=allowed, field="file")

    assert refused.value.code == "image_too_many_pixels"
    assert MESSAGE in str(refused.value.message)
    assert refused.value.field == "file"


def test_a_large_scan_below_the_limit_is_accepted():
    uploaded = SimpleUploadedFile("scan.png", png_header_only(4960, 7016))  # A4 at 600 dpi

    assert validate_upload(uploaded) == PNG
    assert uploaded.read(8) == b"\x89PNG\r\n\x1a\n"  # the file is rewound for whoever stores it


def test_a_png_whose_header_is_cut_off_is_refused_as_unreadable():
    with pytest.raises(ServiceError) as refused:
        validate_upload(SimpleUploadedFile("scan.png", png_header_only(100, 100)[:20]))

    assert refused.value.code == "image_unreadable"


def test_the_cpmi_form_refuses_the_image_beside_its_field(client, job_seeker):
    complete_profile(job_seeker)
    client.force_login(job_seeker)

    response = client.post(
        reverse("cpmi:form"), form_data(file_ktp=bomb("ktp.png"), file_bpjs_card=png_upload("bpjs.png"))
    )

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not CpmiDocument.objects.filter(kind="ktp").exists()
    assert CpmiDocument.objects.filter(kind="bpjs_card").exists()


def test_the_profile_photo_and_certificate_scan_refuse_it(job_seeker, media_root):
    with pytest.raises(ServiceError) as photo:
        profile_services.profile_save_photo(user=job_seeker, uploaded=bomb())
    with pytest.raises(ServiceError) as certificate:
        profile_services.certification_add(
            user=job_seeker, name="Las", issuer="BNSP", issued_on=datetime.date(2024, 1, 1), uploaded=bomb()
        )

    assert photo.value.code == certificate.value.code == "image_too_many_pixels"
    assert list(media_root.rglob("*.*")) == []


def test_a_company_document_refuses_it(db):
    company = factories.agency(name="PT Maju Sejahtera")
    owner = factories.agency_member(agency=company, role="owner", full_name="Indah Pemilik")

    with pytest.raises(ServiceError) as refused:
        agency_services.agency_document_upload(agency=company, actor=owner, kind="nib", uploaded=bomb())

    assert refused.value.code == "image_too_many_pixels"
