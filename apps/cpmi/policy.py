"""The CPMI registration's policy: who may act on a registration (its applicant, or staff of the office it was
routed to), what each status allows (`permissions.REGISTRATIONS`), and what of the registration itself stands in
the way (`submit_blockers`: what still stops it being sent). Services start with `POLICY.require(...)`; pages show
`POLICY.available_actions(...)`; the form marks each blocker beside its field from the same list.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access.policy import Policy
from apps.access.roles import Role, role_of
from apps.core.errors import PermissionDenied, ServiceError
from apps.cpmi.models import CpmiRegistration, DocumentKind, ReviewStatus
from apps.cpmi.permissions import REGISTRATIONS, REVIEWER_ONLY
from apps.cpmi.selectors import applicant_marital_status, current_documents
from apps.offices.selectors import is_staff_of

REQUIRED_KINDS = (
    DocumentKind.COMPETENCY_CERTIFICATE,
    DocumentKind.HEALTH_CERTIFICATE,
    DocumentKind.BPJS_CARD,
    DocumentKind.KTP,
    DocumentKind.FAMILY_CARD,
    DocumentKind.BIRTH_CERTIFICATE,
    DocumentKind.AK1_CARD,
)

# Text fields that belong to a document and must be filled before sending.
HEALTH_FIELDS = ("health_certificate_number", "health_clinic", "health_doctor", "health_certificate_date")
AK1_FIELDS = ("ak1_number", "ak1_valid_until")


def is_applicant(actor, registration: CpmiRegistration) -> bool:
    return actor.is_authenticated and registration.applicant_id == actor.pk


def is_reviewer(actor, registration: CpmiRegistration) -> bool:
    """Staff of the office the registration was routed to, and nobody else."""
    return is_staff_of(actor, registration.office_id)


def required_kinds(registration: CpmiRegistration) -> list[str]:
    """The document kinds a registration must hold before it is sent."""
    required = list(REQUIRED_KINDS)
    if applicant_marital_status(registration.applicant) == "married":
        required.append(DocumentKind.MARRIAGE_CERTIFICATE)
    return required


def is_accepted(document) -> bool:
    """A document the office accepted stays as it is: it is neither replaced nor withdrawn (nor its fields changed)."""
    return document.review_status == ReviewStatus.ACCEPTED


@dataclass(frozen=True)
class Blocker:
    """One thing that stops the registration being sent: the sentence for the applicant, and what the form puts
    beside each field it concerns."""

    message: str
    fields: tuple[tuple[str, str], ...] = ()


def submit_blockers(registration: CpmiRegistration) -> list[Blocker]:
    """Everything that still stops the registration from being sent (empty: it can be sent)."""
    documents = list(current_documents(registration))
    kinds = {d.kind for d in documents}
    blockers = []
    upload_first = _("Dokumen ini wajib diunggah sebelum pengajuan dikirim.")
    fill_first = _("Wajib diisi sebelum pengajuan dikirim.")
    for kind in required_kinds(registration):
        if kind not in kinds:
            message = _("Dokumen belum diunggah: %(kind)s.") % {"kind": DocumentKind(kind).label}
            blockers.append(Blocker(message, ((f"file_{kind}", upload_first),)))
    empty_health = tuple((name, fill_first) for name in HEALTH_FIELDS if not getattr(registration, name))
    if empty_health:
        message = _("Lengkapi nomor, klinik/puskesmas, dokter dan tanggal surat keterangan sehat.")
        blockers.append(Blocker(message, empty_health))
    empty_ak1 = tuple((name, fill_first) for name in AK1_FIELDS if not getattr(registration, name))
    if empty_ak1:
        blockers.append(Blocker(_("Lengkapi nomor dan masa berlaku kartu AK/1."), empty_ak1))
    elif registration.ak1_valid_until < timezone.localdate():
        message = _("Kartu AK/1 sudah tidak berlaku. Perpanjang di dinas lalu unggah yang baru.")
        blockers.append(Blocker(message, (("ak1_valid_until", message),)))
    for document in documents:
        if document.review_status == ReviewStatus.REJECTED:
            message = _("Ganti dokumen yang ditolak: %(kind)s.") % {"kind": document.get_kind_display()}
            blockers.append(Blocker(message, ((f"file_{document.kind}", message),)))
    return blockers


def too_young(actor) -> ServiceError | None:
    """UU 18/2017 Pasal 5 huruf a: a migrant worker is at least 18 years old (CPMI_MIN_AGE_YEARS)."""
    from apps.accounts.identity import age_on

    if actor.birth_date is None or age_on(actor.birth_date, timezone.localdate()) < settings.CPMI_MIN_AGE_YEARS:
        return ServiceError(
            "too_young",
            _("Pendaftaran CPMI hanya untuk yang berusia paling rendah %(age)s tahun (UU 18/2017 Pasal 5).")
            % {"age": settings.CPMI_MIN_AGE_YEARS},
        )
    return None


def start_refusal(actor) -> ServiceError | None:
    """What stops `actor` from starting a registration (there is no registration yet to ask the table about): only
    a job seeker registers, with a complete profile, and old enough."""
    from apps.profiles.selectors import profile_progress

    if role_of(actor) != Role.JOB_SEEKER:
        return PermissionDenied(_("Hanya pencari kerja yang dapat mendaftar sebagai CPMI."))
    if not profile_progress(actor).is_complete:
        return ServiceError(
            "profile_incomplete", _("Lengkapi profil pencari kerja Anda terlebih dahulu sebelum mendaftar CPMI.")
        )
    return too_young(actor)


class RegistrationPolicy(Policy):
    """Whether the documents agree with a decision (all accepted to verify, one rejected to reject) is checked by
    the decision's command: the officer chooses between the two on the same page, so neither is "unavailable"."""

    table = REGISTRATIONS

    def relation(self, registration, actor, action):
        if actor.role == Role.JOB_SEEKER:
            return None if is_applicant(actor, registration) else PermissionDenied()
        return None if is_reviewer(actor, registration) else PermissionDenied(REVIEWER_ONLY)

    def facts(self, registration, actor, action):
        if action == "submit":
            refusal = too_young(actor)
            if refusal is not None:
                return refusal
            blockers = submit_blockers(registration)
            if blockers:
                return ServiceError("incomplete", " ".join(str(blocker.message) for blocker in blockers))
        return None

    def office_may_view(self, registration, actor) -> bool:
        """The office's review page: staff of the office it was routed to, while the policy lets them view it."""
        return is_reviewer(actor, registration) and self.allows(registration, actor, "view")


POLICY = RegistrationPolicy()
