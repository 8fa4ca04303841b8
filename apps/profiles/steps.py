"""The seven steps of the job-seeker profile, in the order the user fills them in."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    skippable: bool
    title: str  # the heading on the step's page
    hint: str = ""


STEPS: tuple[Step, ...] = (
    Step(
        "photo",
        _("Foto"),
        False,
        _("Foto profil"),
        _("Unggah foto resmi yang didominasi oleh wajah, misalnya pas foto berlatar polos."),
    ),
    Step(
        "personal",
        _("Data diri"),
        False,
        _("Data diri"),
        _("Ceritakan diri Anda, alamat domisili dan pekerjaan yang Anda cari."),
    ),
    Step(
        "experience",
        _("Pengalaman"),
        True,
        _("Pengalaman kerja"),
        _("Tambahkan pekerjaan yang pernah Anda jalani. Langkah ini bisa Anda lewati."),
    ),
    Step(
        "training",
        _("Pelatihan"),
        True,
        _("Pelatihan yang pernah diikuti"),
        _("Tambahkan pelatihan atau kursus yang pernah Anda ikuti. Langkah ini bisa Anda lewati."),
    ),
    Step(
        "education",
        _("Pendidikan"),
        True,
        _("Riwayat pendidikan"),
        _("Tambahkan pendidikan formal Anda. Langkah ini bisa Anda lewati."),
    ),
    Step(
        "certification",
        _("Sertifikasi"),
        True,
        _("Sertifikasi"),
        _("Tambahkan sertifikat kompetensi, misalnya dari BNSP. Langkah ini bisa Anda lewati."),
    ),
    Step("skills", _("Keahlian"), False, _("Keahlian"), _("Tambahkan minimal satu keahlian. Langkah ini wajib diisi.")),
)

STEP_KEYS: tuple[str, ...] = tuple(step.key for step in STEPS)
# The steps' addresses in Indonesian (`/profil/langkah/foto/`); code keeps the English keys (see `urls.StepConverter`).
STEP_SLUGS: dict[str, str] = {
    "photo": "foto",
    "personal": "data-diri",
    "experience": "pengalaman",
    "training": "pelatihan",
    "education": "pendidikan",
    "certification": "sertifikasi",
    "skills": "keahlian",
}
STEP_KEYS_BY_SLUG: dict[str, str] = {slug: key for key, slug in STEP_SLUGS.items()}
STEPS_BY_KEY: dict[str, Step] = {step.key: step for step in STEPS}


def step_get(key: str) -> Step | None:
    return STEPS_BY_KEY.get(key)


def step_after(key: str) -> Step | None:
    """The step that follows `key`, or None after the last one."""
    index = STEP_KEYS.index(key)
    return STEPS[index + 1] if index + 1 < len(STEPS) else None
