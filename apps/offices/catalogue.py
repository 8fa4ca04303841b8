"""The labour office's own services (workflow 4), as one national list in code: what each service needs (the SOP's
checklist, item by item), the steps it goes through, who does each step and the SOP's standard time.

Seed SOPs differ from office to office (Tabalong's ID CPMI SOP, Pasuruan's and Pekalongan's passport
recommendation SOPs); the lists here are their union, so the rules no longer depend on the office. An office
head may add local checklist items (`offices.models.OfficeChecklistItem`) without code, never remove these.

Read by the request workflow (`officeservices`), the public service-information page and the reports.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class Service:
    PASSPORT_RECOMMENDATION = "passport_recommendation"
    ID_CPMI = "id_cpmi"


class Party:
    COMPANY = "company"  # documents about the placement company and its recruiting officer
    CANDIDATE = "candidate"  # documents about each CPMI on the request


class Source:
    """Where an item comes from. Everything but UPLOAD is attached automatically from what the platform holds."""

    UPLOAD = "upload"  # uploaded with the request, under the upload rules of `core.uploads`
    CPMI_FILE = "cpmi_file"  # the CPMI's verified registration document of kind `key` (cpmi.DocumentKind)
    AGENCY_DOCUMENT = "agency_document"  # the company's document of kind `key` (agencies.AgencyDocumentKind)
    PERMIT = "permit"  # the SPR chosen for the request
    RECRUITING_OFFICER = "recruiting_officer"  # the recruiting officer's assignment letter and approval
    AGREEMENT = "agreement"  # the CPMI's placement agreement (PP)
    PROFILE_PHOTO = "profile_photo"  # the CPMI's photo from the 7-step profile
    GENERATED = "generated"  # produced by the platform from the request itself (e.g. the nominee list)


class Requirement:
    ALWAYS = "always"
    IF_MARRIED = "if_married"  # married, or divorced (seed 004: marriage *or divorce* certificate)


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    label: str
    party: str
    source: str
    key: str = ""  # the document kind for CPMI_FILE / AGENCY_DOCUMENT
    requirement: str = Requirement.ALWAYS


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    role: str  # access.Role value of who may do it; "agency_staff" for the company's own steps
    standard_minutes: int | None = None  # the SOP's standard time for the step (seed 004), when it gives one
    standard_working_days: int | None = None  # for steps the SOP times in working days (seed 001: 1 day)


@dataclass(frozen=True)
class ServiceDefinition:
    code: str
    name: str
    legal_basis: str
    output: str
    checklist: tuple[ChecklistItem, ...]
    steps: tuple[Step, ...]
    standard_working_days: int = 3  # both SOPs: finished within 3 working days
    fee: str = _("Tidak dipungut biaya")  # no fee exists anywhere in the platform: the service is free

    def step(self, code: str) -> Step:
        return next(step for step in self.steps if step.code == code)

    def next_step(self, code: str) -> Step | None:
        codes = [step.code for step in self.steps]
        index = codes.index(code) + 1
        return self.steps[index] if index < len(self.steps) else None

    def has_step(self, code: str) -> bool:
        return any(step.code == code for step in self.steps)


_COMPANY_LETTER = ChecklistItem("request_letter", _("Surat permohonan dari perusahaan"), Party.COMPANY, Source.UPLOAD)
_NOMINEES = ChecklistItem("nominee_list", _("Daftar nominasi CPMI yang lulus seleksi"), Party.COMPANY, Source.GENERATED)
_SPR = ChecklistItem("permit", _("Surat Permintaan Rekrut (SPR)"), Party.COMPANY, Source.PERMIT)
_ASSIGNMENT = ChecklistItem(
    "assignment_letter", _("Surat tugas petugas rekrut"), Party.COMPANY, Source.RECRUITING_OFFICER
)
_KTP = ChecklistItem("ktp", _("KTP CPMI"), Party.CANDIDATE, Source.CPMI_FILE, "ktp")
_FAMILY_CARD = ChecklistItem("family_card", _("Kartu Keluarga"), Party.CANDIDATE, Source.CPMI_FILE, "family_card")
_BIRTH = ChecklistItem("birth_certificate", _("Akte kelahiran"), Party.CANDIDATE, Source.CPMI_FILE, "birth_certificate")
_AK1 = ChecklistItem(
    "ak1", _("Kartu AK/1 (kartu kuning) yang masih berlaku"), Party.CANDIDATE, Source.CPMI_FILE, "ak1_card"
)
_PERMISSION = ChecklistItem(
    "permission_letter",
    _("Surat izin suami/istri/orang tua/wali, diketahui kepala desa/lurah"),
    Party.CANDIDATE,
    Source.CPMI_FILE,
    "permission_letter",
)
_MARRIAGE = ChecklistItem(
    "marriage_certificate",
    _("Surat/buku nikah atau akta cerai (bagi yang sudah menikah atau bercerai)"),
    Party.CANDIDATE,
    Source.CPMI_FILE,
    "marriage_certificate",
    Requirement.IF_MARRIED,
)

PASSPORT_RECOMMENDATION = ServiceDefinition(
    code=Service.PASSPORT_RECOMMENDATION,
    name=_("Rekomendasi Paspor CPMI"),
    legal_basis=_("UU Nomor 18 Tahun 2017 tentang Pelindungan Pekerja Migran Indonesia; PP Nomor 59 Tahun 2021"),
    output=_("Rekomendasi paspor, Berita Acara Seleksi, Berita Acara Serah Terima, KITKI"),
    checklist=(
        _COMPANY_LETTER,
        _NOMINEES,
        _SPR,
        _ASSIGNMENT,
        _AK1,
        ChecklistItem("photo", _("Pas foto 3x4"), Party.CANDIDATE, Source.PROFILE_PHOTO),
        _KTP,
        _FAMILY_CARD,
        _BIRTH,
        _PERMISSION,
        _MARRIAGE,
        ChecklistItem("diploma", _("Ijazah terakhir"), Party.CANDIDATE, Source.UPLOAD),
    ),
    # Seed 002's steps 1-9 merged with seed 004's table: the interview comes before the SPR is used, so a CPMI who
    # does not pass uses no quota; the company signs the hand-over minutes before the division head signs every
    # output (seed 004, steps 4-6).
    steps=(
        Step("receive", _("Menerima surat permohonan"), "officer", standard_minutes=5),
        Step("completeness", _("Memeriksa kelengkapan berkas (form checklist)"), "officer", standard_minutes=20),
        Step("recruiting_officer", _("Memeriksa persetujuan petugas rekrut P3MI"), "officer"),
        Step("interview", _("Wawancara petugas rekrut dan CPMI"), "officer", standard_minutes=30),
        Step("permit", _("Memilih SPR dan mencocokkan dengan salinannya"), "officer"),
        Step("candidate_data", _("Menginput data CPMI"), "officer", standard_minutes=20),
        Step("register", _("Mencatat nomor dalam buku register"), "officer", standard_minutes=5),
        Step("selection_minutes", _("Menyusun Berita Acara Seleksi"), "officer"),
        Step("draft", _("Menyiapkan draf rekomendasi paspor"), "officer"),
        Step(
            "handover",
            _("Penandatanganan Berita Acara Serah Terima oleh perusahaan"),
            "agency_staff",
            standard_minutes=5,
        ),
        Step("approval", _("Verifikasi dan persetujuan Kepala Bidang"), "division_head", standard_minutes=15),
        Step("archive", _("Mengarsipkan dan menyerahkan dokumen"), "officer", standard_minutes=5),
    ),
)

ID_CPMI = ServiceDefinition(
    code=Service.ID_CPMI,
    name=_("ID CPMI dan Pengesahan Perjanjian Penempatan"),
    legal_basis=_("UU Nomor 18 Tahun 2017; PP Nomor 59 Tahun 2021; Peraturan BP2MI Nomor 2 Tahun 2026"),
    output=_("ID CPMI dan Perjanjian Penempatan yang disahkan"),
    checklist=(
        _COMPANY_LETTER,
        ChecklistItem("nib", _("SIUP/OSS (NIB)"), Party.COMPANY, Source.AGENCY_DOCUMENT, "nib"),
        ChecklistItem("sip2mi", _("SIP2MI"), Party.COMPANY, Source.AGENCY_DOCUMENT, "sip2mi"),
        _ASSIGNMENT,
        ChecklistItem(
            "appointment_letter", _("Surat pengangkatan karyawan petugas rekrut"), Party.COMPANY, Source.UPLOAD
        ),
        ChecklistItem("pkwt", _("PKWT petugas rekrut"), Party.COMPANY, Source.UPLOAD),
        ChecklistItem("officer_ktp", _("KTP petugas rekrut"), Party.COMPANY, Source.UPLOAD),
        _MARRIAGE,
        _KTP,
        _BIRTH,
        _FAMILY_CARD,
        _AK1,
        _PERMISSION,
        ChecklistItem("agreement", _("Perjanjian Penempatan"), Party.CANDIDATE, Source.AGREEMENT),
    ),
    # Seed 001: the officer checks within 1 working day, then the admin verifies. The PP is signed through the
    # agreements workflow (head of office or delegate); the officer's ratification step only confirms that every
    # PP on the request is signed. The division head then signs the ID CPMI.
    steps=(
        Step("receive", _("Menerima permohonan"), "officer"),
        Step("officer_check", _("Memeriksa dokumen CPMI"), "officer", standard_working_days=1),
        Step("admin_verify", _("Verifikasi oleh admin Disnaker"), "officer"),
        Step("register", _("Mencatat nomor dalam buku register"), "officer", standard_minutes=5),
        Step(
            "ratification",
            _("Memastikan Perjanjian Penempatan telah disahkan Kepala Dinas atau pejabat yang didelegasikan"),
            "officer",
        ),
        Step("approval", _("Persetujuan dan penandatanganan ID CPMI oleh Kepala Bidang"), "division_head"),
        Step("archive", _("Mengarsipkan dan menyerahkan dokumen"), "officer", standard_minutes=5),
    ),
)

SERVICES: dict[str, ServiceDefinition] = {service.code: service for service in (PASSPORT_RECOMMENDATION, ID_CPMI)}
SERVICE_CHOICES = [(service.code, service.name) for service in SERVICES.values()]
