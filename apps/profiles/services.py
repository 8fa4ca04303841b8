"""Every write to the job-seeker profile.

Each function runs in one transaction, writes the audit log in it, and raises ServiceError with a translated
message (and the form field it belongs to) when it refuses.
"""

import datetime
import io
import warnings
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from apps.accounts.models import MaritalStatus
from apps.audit.services import audit_record
from apps.core import dates
from apps.core.errors import ServiceError
from apps.core.locking import for_update
from apps.core.uploads import DOCUMENT_KINDS, IMAGE_KINDS, JPEG, MB, random_name, safe_display_name, validate_upload
from apps.profiles.models import (
    Certification,
    Education,
    EducationLevel,
    JobSeekerProfile,
    Skill,
    Training,
    WorkExperience,
)
from apps.profiles.steps import STEP_KEYS, STEPS_BY_KEY
from apps.regions.models import Region, RegionLevel

PHOTO_MAX_BYTES = 2 * MB
PHOTO_BOX = (600, 800)
PHOTO_QUALITY = 85
CERTIFICATE_MAX_BYTES = 5 * MB
EARLIEST_YEAR = 1950


@dataclass
class PersonalData:
    description: str
    marital_status: str
    domicile_village: Region | None
    domicile_street: str
    looking_for_training: bool
    wanted_jobs: str


# --- helpers ------------------------------------------------------------------------------------------


def _profile_for_update(user) -> JobSeekerProfile:
    """The user's profile, created on first write, locked for the rest of the transaction."""
    profile, _created = for_update(JobSeekerProfile).get_or_create(
        user=user, defaults={"marital_status": user.marital_status or ""}
    )
    return profile


def _required_text(value, *, field: str, message) -> str:
    value = (value or "").strip()
    if not value:
        raise ServiceError("required", message, field=field)
    return value


def _check_year(year, *, field: str) -> int:
    this_year = timezone.localdate().year
    if year is None or not EARLIEST_YEAR <= int(year) <= this_year:
        raise ServiceError(
            "year_invalid",
            _("Isi tahun antara %(first)s dan %(last)s.") % {"first": EARLIEST_YEAR, "last": this_year},
            field=field,
        )
    return int(year)


def _check_history_date(value: datetime.date | None, *, field: str) -> None:
    """A date of the person's history, bounded as its form field (PERSONAL_HISTORY: a working life, not later)."""
    dates.PERSONAL_HISTORY.require(value, field=field)


def _item_for_delete(model, *, user, item_id):
    item = for_update(model, no_key=False).filter(pk=item_id, profile__user=user).first()  # about to be deleted
    if item is None:
        raise ServiceError("not_found", _("Data tidak ditemukan. Mungkin sudah dihapus."))
    return item


def _item_delete(model, *, user, item_id, action: str) -> None:
    """Remove one of the user's own list entries (experience, training, education, skill), with its audit entry."""
    with transaction.atomic():
        item = _item_for_delete(model, user=user, item_id=item_id)
        audit_record(actor=user, action=action, target=item)
        item.delete()


# --- step 1: photo ------------------------------------------------------------------------------------


def _photo_reencode(data: bytes) -> bytes:
    """Check the image really decodes, then rotate, shrink and re-encode it as JPEG (this drops EXIF)."""
    unreadable = ServiceError(
        "photo_unreadable",
        _("Foto tidak dapat dibaca. Pastikan berkas adalah foto JPG, PNG atau WEBP yang utuh."),
        field="photo",
    )
    too_large = ServiceError(
        "photo_too_many_pixels",
        _("Ukuran gambar terlalu besar (resolusi). Perkecil foto, lalu unggah lagi."),
        field="photo",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:  # the pixel count was checked by validate_upload
                probe.verify()
            with Image.open(io.BytesIO(data)) as original:
                image = ImageOps.exif_transpose(original)
                if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
                    rgba = image.convert("RGBA")
                    image = Image.new("RGB", rgba.size, (255, 255, 255))
                    image.paste(rgba, mask=rgba.getchannel("A"))
                else:
                    image = image.convert("RGB")
                image.thumbnail(PHOTO_BOX)
                output = io.BytesIO()
                image.save(output, "JPEG", quality=PHOTO_QUALITY, optimize=True)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_large
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise unreadable
    return output.getvalue()


def profile_save_photo(*, user, uploaded) -> JobSeekerProfile:
    """Store the user's new profile photo. The previous photo file is kept; the profile points to the new one."""
    validate_upload(uploaded, allowed=IMAGE_KINDS, max_bytes=PHOTO_MAX_BYTES, field="photo")
    uploaded.seek(0)
    jpeg = _photo_reencode(uploaded.read())
    with transaction.atomic():
        profile = _profile_for_update(user)
        previous = profile.photo.name
        stored = default_storage.save(random_name("profile-photos", JPEG), ContentFile(jpeg))
        profile.photo.name = stored
        profile.save(update_fields=["photo", "updated_at"])
        audit_record(
            actor=user,
            action="profile.photo_save",
            target=profile,
            data={"stored": stored, "previous": previous, "bytes": len(jpeg)},
        )
    return profile


# --- step 2: personal data ----------------------------------------------------------------------------


def profile_save_personal(*, user, data: PersonalData) -> JobSeekerProfile:
    if data.marital_status not in MaritalStatus.values:
        raise ServiceError("marital_status_required", _("Pilih status perkawinan."), field="marital_status")
    village = data.domicile_village
    if village is None or village.level != RegionLevel.VILLAGE:
        raise ServiceError(
            "domicile_incomplete",
            _("Pilih alamat domisili sampai kelurahan/desa."),
            field="domicile_village",
        )
    street = _required_text(
        data.domicile_street, field="domicile_street", message=_("Isi alamat domisili (jalan, RT/RW).")
    )
    wanted_jobs = _required_text(
        data.wanted_jobs, field="wanted_jobs", message=_("Isi minimal satu pekerjaan yang Anda inginkan.")
    )
    with transaction.atomic():
        profile = _profile_for_update(user)
        profile.description = (data.description or "").strip()
        profile.marital_status = data.marital_status
        profile.domicile_village = village
        profile.domicile_street = street
        profile.looking_for_training = bool(data.looking_for_training)
        profile.wanted_jobs = wanted_jobs
        profile.personal_saved_at = timezone.now()
        profile.save()
        audit_record(actor=user, action="profile.personal_save", target=profile)
    return profile


# --- steps 3-7: lists ---------------------------------------------------------------------------------


def experience_add(
    *,
    user,
    company: str,
    position: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    description: str = "",
) -> WorkExperience:
    company = _required_text(company, field="company", message=_("Isi nama perusahaan."))
    position = _required_text(position, field="position", message=_("Isi jabatan Anda."))
    if start_date is None:
        raise ServiceError("required", _("Isi tanggal mulai bekerja."), field="start_date")
    _check_history_date(start_date, field="start_date")
    _check_history_date(end_date, field="end_date")
    if end_date is not None and end_date < start_date:
        raise ServiceError(
            "end_before_start", _("Tanggal selesai tidak boleh sebelum tanggal mulai."), field="end_date"
        )
    with transaction.atomic():
        profile = _profile_for_update(user)
        item = WorkExperience.objects.create(
            profile=profile,
            company=company,
            position=position,
            start_date=start_date,
            end_date=end_date,
            description=(description or "").strip(),
        )
        audit_record(actor=user, action="profile.experience_add", target=item)
    return item


def experience_delete(*, user, item_id: int) -> None:
    _item_delete(WorkExperience, user=user, item_id=item_id, action="profile.experience_delete")


def training_add(*, user, name: str, institution: str, year: int) -> Training:
    name = _required_text(name, field="name", message=_("Isi nama pelatihan."))
    institution = _required_text(institution, field="institution", message=_("Isi lembaga penyelenggara."))
    year = _check_year(year, field="year")
    with transaction.atomic():
        profile = _profile_for_update(user)
        item = Training.objects.create(profile=profile, name=name, institution=institution, year=year)
        audit_record(actor=user, action="profile.training_add", target=item)
    return item


def training_delete(*, user, item_id: int) -> None:
    _item_delete(Training, user=user, item_id=item_id, action="profile.training_delete")


def education_add(*, user, level: str, institution: str, graduation_year: int, major: str = "") -> Education:
    if level not in EducationLevel.values:
        raise ServiceError("level_invalid", _("Pilih jenjang pendidikan."), field="level")
    institution = _required_text(institution, field="institution", message=_("Isi nama sekolah atau perguruan tinggi."))
    graduation_year = _check_year(graduation_year, field="graduation_year")
    with transaction.atomic():
        profile = _profile_for_update(user)
        item = Education.objects.create(
            profile=profile,
            level=level,
            institution=institution,
            major=(major or "").strip(),
            graduation_year=graduation_year,
        )
        audit_record(actor=user, action="profile.education_add", target=item)
    return item


def education_delete(*, user, item_id: int) -> None:
    _item_delete(Education, user=user, item_id=item_id, action="profile.education_delete")


def certification_add(
    *,
    user,
    name: str,
    issuer: str,
    issued_on: datetime.date,
    bnsp_number: str = "",
    uploaded=None,
) -> Certification:
    """Add a certificate; the optional scan (JPG, PNG or PDF, up to 5 MB) is stored under a random name."""
    name = _required_text(name, field="name", message=_("Isi nama sertifikat."))
    issuer = _required_text(issuer, field="issuer", message=_("Isi nama penerbit sertifikat."))
    if issued_on is None:
        raise ServiceError("required", _("Isi tanggal terbit sertifikat."), field="issued_on")
    _check_history_date(issued_on, field="issued_on")
    kind = None
    if uploaded is not None:
        kind = validate_upload(uploaded, allowed=DOCUMENT_KINDS, max_bytes=CERTIFICATE_MAX_BYTES, field="file")
    with transaction.atomic():
        profile = _profile_for_update(user)
        item = Certification(
            profile=profile,
            name=name,
            issuer=issuer,
            issued_on=issued_on,
            bnsp_number=(bnsp_number or "").strip(),
        )
        if kind is not None:
            uploaded.seek(0)
            item.file.name = default_storage.save(random_name("certificates", kind), uploaded)
            item.original_name = safe_display_name(uploaded.name)
        item.save()
        audit_record(
            actor=user,
            action="profile.certification_add",
            target=item,
            data={"stored": item.file.name, "original_name": item.original_name},
        )
    return item


def certification_delete(*, user, item_id: int) -> None:
    """Remove the certificate and, once the deletion is committed, its stored file."""
    with transaction.atomic():
        item = _item_for_delete(Certification, user=user, item_id=item_id)
        stored = item.file.name
        audit_record(actor=user, action="profile.certification_delete", target=item, data={"stored": stored})
        item.delete()
        if stored:
            transaction.on_commit(lambda: default_storage.delete(stored))


def skill_add(*, user, name: str) -> Skill:
    name = " ".join(_required_text(name, field="name", message=_("Isi nama keahlian.")).split())
    with transaction.atomic():
        profile = _profile_for_update(user)
        if profile.skills.filter(name__iexact=name).exists():
            raise ServiceError(
                "skill_duplicate", _('Keahlian "%(name)s" sudah ada di daftar Anda.') % {"name": name}, field="name"
            )
        item = Skill.objects.create(profile=profile, name=name)
        audit_record(actor=user, action="profile.skill_add", target=item)
    return item


def skill_delete(*, user, item_id: int) -> None:
    _item_delete(Skill, user=user, item_id=item_id, action="profile.skill_delete")


# --- step status --------------------------------------------------------------------------------------


def _check_step(step: str) -> None:
    if step not in STEPS_BY_KEY:
        raise ServiceError("step_unknown", _("Langkah profil tidak dikenal."))


def _ordered(keys) -> list[str]:
    return [key for key in STEP_KEYS if key in set(keys)]


def step_requirement_met(profile: JobSeekerProfile, step: str) -> bool:
    """Whether the data a step needs is there (a completed step whose data was removed is not done)."""
    if step == "photo":
        return bool(profile.photo)
    if step == "personal":
        return profile.personal_saved_at is not None
    related = {
        "experience": "experiences",
        "training": "trainings",
        "education": "educations",
        "certification": "certifications",
        "skills": "skills",
    }[step]
    return getattr(profile, related).exists()


STEP_MISSING_MESSAGES = {
    "photo": ("photo_missing", "photo", gettext_lazy("Unggah foto profil terlebih dahulu.")),
    "personal": ("personal_missing", None, gettext_lazy("Simpan data diri terlebih dahulu.")),
    "skills": ("skills_missing", "name", gettext_lazy("Tambahkan minimal satu keahlian sebelum menyelesaikan profil.")),
}


def profile_step_complete(*, user, step: str) -> JobSeekerProfile:
    """Mark a step done. It needs its data: a photo, saved personal data, or at least one item in the list."""
    _check_step(step)
    with transaction.atomic():
        profile = _profile_for_update(user)
        if not step_requirement_met(profile, step):
            if step in STEP_MISSING_MESSAGES:
                code, field, message = STEP_MISSING_MESSAGES[step]
                raise ServiceError(code, message, field=field)
            raise ServiceError(
                "step_empty",
                _('Belum ada data yang ditambahkan. Tambahkan data, atau pilih "Lewati".'),
            )
        profile.completed_steps = _ordered([*profile.completed_steps, step])
        profile.skipped_steps = [key for key in profile.skipped_steps if key != step]
        profile.save(update_fields=["completed_steps", "skipped_steps", "updated_at"])
        audit_record(actor=user, action="profile.step_complete", target=profile, data={"step": step})
    return profile


def profile_step_skip(*, user, step: str) -> JobSeekerProfile:
    """Skip an optional step (experience, training, education, certification). Data already added is kept."""
    _check_step(step)
    if not STEPS_BY_KEY[step].skippable:
        raise ServiceError(
            "step_not_skippable",
            _('Langkah "%(step)s" wajib diisi dan tidak bisa dilewati.') % {"step": STEPS_BY_KEY[step].label},
        )
    with transaction.atomic():
        profile = _profile_for_update(user)
        profile.skipped_steps = _ordered([*profile.skipped_steps, step])
        profile.completed_steps = [key for key in profile.completed_steps if key != step]
        profile.save(update_fields=["completed_steps", "skipped_steps", "updated_at"])
        audit_record(actor=user, action="profile.step_skip", target=profile, data={"step": step})
    return profile
