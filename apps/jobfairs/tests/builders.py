"""Job fair objects for tests outside this app (the authorisation sweep's scenario)."""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from apps.jobfairs import services
from testing import factories


def png_bytes(width=60, height=20, colour="navy") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


def png(name="gambar.png", **kw) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(**kw), content_type="image/png")


def sweep_objects(organiser) -> dict:
    """The organiser's complete profile with a logo, a draft fair, and a published fair running now with a banner."""
    profile = services.organiser_profile_save(
        actor=organiser,
        logo=png("logo.png"),
        institution="Dinas Tenaga Kerja Kota Depok",
        kind="government",
        address="Jl. Margonda Raya No. 54",
        region="32.76",
        phone="0217771234",
        email="jobfair@contoh.id",
    )
    starts = timezone.now() + datetime.timedelta(days=10)
    draft = services.fair_create(
        actor=organiser,
        name="Job Fair Depok Akhir Tahun",
        description="Bursa kerja untuk warga Depok.",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=8),
        time_zone="Asia/Jakarta",
        mode="venue",
        venue="Balai Kota Depok",
        regions=["32"],
        sectors=["manufacturing"],
        max_companies=30,
    )
    running = factories.running_fair(organiser=organiser, name="Job Fair Depok Berlangsung")
    running.banner.save("jobfairs/banners/sweep.png", ContentFile(png_bytes(300, 100)), save=True)
    return {"organiser_profile": profile, "draft_fair": draft, "running_fair": running}
