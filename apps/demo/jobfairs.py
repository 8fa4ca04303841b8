"""Demo data for job fairs: the demo organiser (penyelenggara@jobfair.demo) with a completed profile, one fair
published and running now, and one submitted and waiting for the central admin (admin@sipmi.demo). Built
through the services a user's clicks call; running the seed again changes nothing."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from apps.accounts.models import User
from apps.jobfairs import services
from apps.jobfairs.models import JobFair

RUNNING_NAME = "Job Fair Virtual Pekerja Migran 2026"
WAITING_NAME = "Job Fair Kota Depok Awal Tahun"


def _image(name: str, size: tuple[int, int], colours: tuple[str, str], text: str) -> SimpleUploadedFile:
    """A plain two-colour image with a caption, standing in for an uploaded banner or logo."""
    image = Image.new("RGB", size, colours[0])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, size[1] * 2 // 3, size[0], size[1]), fill=colours[1])
    font = ImageFont.load_default(size=max(16, size[1] // 8))
    draw.text((size[0] // 20, size[1] // 4), text, fill="white", font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def seed_job_fairs(*, organiser: User, admin: User) -> None:
    if not hasattr(organiser, "organiser_profile"):
        services.organiser_profile_save(
            actor=organiser,
            logo=_image("logo.png", (200, 200), ("#0b5394", "#f1c232"), "DISNAKER"),
            institution="Bidang Penempatan Tenaga Kerja, Disnaker Kota Depok",
            kind="government",
            address="Jl. Margonda Raya No. 54, Depok 16431",
            region="32.76",
            phone="02129402251",
            email="jobfair@depok.go.id",
        )
    now = timezone.localtime(timezone.now())
    if not JobFair.objects.filter(organiser=organiser, name=RUNNING_NAME).exists():
        # Started yesterday at 08:00 WIB, ends in two weeks: running whenever the demo is opened soon after seeding.
        start = (now - datetime.timedelta(days=1)).replace(hour=8, minute=0, second=0, microsecond=0)
        fair = services.fair_create(
            actor=organiser,
            banner=_image("banner.png", (1200, 400), ("#0b5394", "#38761d"), RUNNING_NAME),
            name=RUNNING_NAME,
            description=(
                "Bursa kerja daring untuk calon pekerja migran: perusahaan penempatan resmi (P3MI) dan pemberi kerja "
                "dalam negeri membuka lowongan, pencari kerja melamar dan diwawancarai secara daring."
            ),
            starts_at=start,
            ends_at=start + datetime.timedelta(days=15, hours=8),
            time_zone="Asia/Jakarta",
            mode="online",
            venue="",
            regions=["32", "31", "36"],
            sectors=["care", "manufacturing", "hospitality"],
            max_companies=100,
        )
        fair = services.fair_submit(fair=fair, actor=organiser)
        fair = services.fair_verify(fair=fair, actor=admin)
        services.fair_publish(fair=fair, actor=organiser)
    if not JobFair.objects.filter(organiser=organiser, name=WAITING_NAME).exists():
        start = (now + datetime.timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0)
        fair = services.fair_create(
            actor=organiser,
            banner=_image("banner.png", (1200, 400), ("#741b47", "#0b5394"), WAITING_NAME),
            name=WAITING_NAME,
            description="Job fair luring di Balai Kota Depok untuk lulusan SMA/SMK dan perguruan tinggi.",
            starts_at=start,
            ends_at=start + datetime.timedelta(days=1, hours=7),
            time_zone="Asia/Jakarta",
            mode="venue",
            venue="Balai Kota Depok, Jl. Margonda Raya No. 54",
            regions=["32.76"],
            sectors=["manufacturing", "construction", "other"],
            max_companies=40,
        )
        services.fair_submit(fair=fair, actor=organiser)
