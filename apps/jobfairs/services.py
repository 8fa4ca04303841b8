"""Job fair workflow. One function per state change: lock, ask the policy (`policy.POLICY`: the FAIRS table,
ownership, the fair's facts), change, audit, notify on commit.

draft ──submit──▶ submitted ──verify──▶ verified ──publish──▶ published (upcoming → running → finished by the clock)
  ▲                   │
  └── returned ◀──return (reason)
      returned ──submit──▶ submitted …
Any of draft/submitted/returned/verified/published ──cancel──▶ cancelled (by the organiser).
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access.roles import Role
from apps.accounts.models import AccountType, User
from apps.audit.services import audit_record
from apps.core import dates
from apps.core.errors import PermissionDenied, ServiceError
from apps.core.locking import lock
from apps.core.uploads import IMAGE_KINDS, MB, random_name, validate_upload
from apps.jobfairs import notices
from apps.jobfairs.models import FairMode, FairStatus, FairTimeZone, JobFair, OrganiserKind, OrganiserProfile
from apps.jobfairs.permissions import FAIRS
from apps.jobfairs.policy import POLICY
from apps.messaging.notices import BoundNotice
from apps.messaging.services import notify_user
from apps.regions.models import Region, RegionLevel
from apps.vacancies.models import Sector

IMAGE_MAX_BYTES = 2 * MB
PROFILE_FIELDS = ("institution", "kind", "address", "region", "phone", "email")
FAIR_FIELDS = ("name", "description", "starts_at", "ends_at", "time_zone", "mode", "venue", "sectors", "max_companies")
MAX_COMPANIES_LIMIT = 1000


def _is_organiser(actor) -> bool:
    return getattr(actor, "is_authenticated", False) and actor.role == Role.JOBFAIR_ORGANISER


def _notify(users, notice: BoundNotice, url: str) -> None:
    """After commit and robust: a failing notification never turns a saved action into an error. Each user reads
    the notice in their own language."""
    users = list(users)

    def send():
        for user in users:
            notify_user(user=user, notice=notice, url=url)

    transaction.on_commit(send, robust=True)


def _store_image(uploaded, *, prefix: str, field: str) -> str:
    kind = validate_upload(uploaded, allowed=IMAGE_KINDS, max_bytes=IMAGE_MAX_BYTES, field=field)
    return random_name(prefix, kind)


def local_to_aware(value: datetime.datetime, time_zone: str) -> datetime.datetime:
    """A date-time typed in the fair's zone (WIB/WITA/WIT) as an aware moment."""
    import zoneinfo

    if timezone.is_aware(value):
        value = timezone.make_naive(value, zoneinfo.ZoneInfo(time_zone))
    return value.replace(tzinfo=zoneinfo.ZoneInfo(time_zone))


# --- organiser profile ---------------------------------------------------------------------------------------


@transaction.atomic
def organiser_profile_save(*, actor, logo=None, **fields) -> OrganiserProfile:
    """Create or update the organiser's own profile. Every field is required; the logo is optional."""
    if not _is_organiser(actor):
        raise PermissionDenied(_("Hanya akun penyelenggara job fair yang memiliki profil penyelenggara."))
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    for name in PROFILE_FIELDS:
        value = fields.get(name)
        if value in (None, "") or (isinstance(value, str) and not value.strip()):
            raise ServiceError("required", _("Kolom ini wajib diisi."), field=name)
    if fields["kind"] not in OrganiserKind.values:
        raise ServiceError("invalid_kind", _("Pilih jenis institusi dari daftar."), field="kind")
    region = fields["region"]
    if not isinstance(region, Region):
        region = Region.objects.filter(pk=region).first()
    if region is None or region.level != RegionLevel.REGENCY:
        raise ServiceError("invalid_region", _("Pilih kabupaten/kota dari daftar."), field="region")
    fields["region"] = region
    profile = _locked_profile(actor)
    created = profile is None
    if created:
        profile = OrganiserProfile(user=actor)
    for name, value in fields.items():
        setattr(profile, name, value.strip() if isinstance(value, str) else value)
    if logo:
        # The earlier logo file stays in storage; the profile points to the new one.
        name = _store_image(logo, prefix=f"jobfairs/logos/{actor.pk}", field="logo")
        profile.logo.save(name, logo, save=False)
    profile.save()
    audit_record(
        actor=actor,
        action="jobfair.organiser_profile_create" if created else "jobfair.organiser_profile_update",
        target=profile,
        data={"institution": profile.institution, "logo": bool(logo)},
    )
    return profile


def _locked_profile(user) -> OrganiserProfile | None:
    try:
        return lock(OrganiserProfile, user=user)
    except OrganiserProfile.DoesNotExist:
        return None


def organiser_profile_of(user) -> OrganiserProfile | None:
    return OrganiserProfile.objects.filter(user=user).first()


# --- fairs ----------------------------------------------------------------------------------------------------


def _clean_fair_fields(fields: dict, *, partial: bool = False) -> dict:
    unknown = set(fields) - set(FAIR_FIELDS) - {"regions"}
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    cleaned = dict(fields)
    for name in ("name", "description"):
        if name in cleaned or not partial:
            value = (cleaned.get(name) or "").strip()
            if not value:
                raise ServiceError("required", _("Kolom ini wajib diisi."), field=name)
            cleaned[name] = value
    for name in ("starts_at", "ends_at"):
        if (name in cleaned or not partial) and cleaned.get(name) is None:
            raise ServiceError("required", _("Isi tanggal dan jam."), field=name)
        if cleaned.get(name) is not None and timezone.is_naive(cleaned[name]):
            raise ValueError(f"{name} must be an aware datetime")
    if "time_zone" in cleaned and cleaned["time_zone"] not in FairTimeZone.values:
        raise ServiceError("invalid_time_zone", _("Pilih zona waktu WIB, WITA atau WIT."), field="time_zone")
    if "mode" in cleaned and cleaned["mode"] not in FairMode.values:
        raise ServiceError("invalid_mode", _("Pilih daring atau luring."), field="mode")
    if "sectors" in cleaned:
        sectors = list(dict.fromkeys(cleaned["sectors"] or []))
        if any(value not in Sector.values for value in sectors):
            raise ServiceError("invalid_sector", _("Pilih sektor dari daftar."), field="sectors")
        cleaned["sectors"] = sectors
    if "max_companies" in cleaned:
        value = cleaned["max_companies"]
        if value is None or not (1 <= int(value) <= MAX_COMPANIES_LIMIT):
            raise ServiceError(
                "invalid_max_companies",
                _("Jumlah perusahaan maksimal antara 1 dan %(limit)s.") % {"limit": MAX_COMPANIES_LIMIT},
                field="max_companies",
            )
    if "venue" in cleaned:
        cleaned["venue"] = (cleaned["venue"] or "").strip()
    if "regions" in cleaned:
        regions = list(cleaned["regions"] or [])
        codes = [r.pk if isinstance(r, Region) else r for r in regions]
        found = list(Region.objects.filter(pk__in=codes, level__in=(RegionLevel.PROVINCE, RegionLevel.REGENCY)))
        if len(found) != len(set(codes)):
            raise ServiceError("invalid_region", _("Pilih wilayah dari daftar."), field="regions")
        cleaned["regions"] = found
    return cleaned


def _check_fair_facts(fair: JobFair, changed=()) -> None:
    """What must hold for any fair being saved: its period (FAIR_PERIOD, as the form: each of the `changed` bounds
    within its range, a bound already stored is not judged again; the end after the start), a venue when held on
    site."""
    with timezone.override(fair.time_zone or FairTimeZone.WIB):  # each day as typed, in the fair's zone
        refusal = dates.FAIR_PERIOD.refusal(
            fair.starts_at,
            fair.ends_at,
            start_field="starts_at",
            end_field="ends_at",
            order_code="invalid_dates",
            check_start="starts_at" in changed,
            check_end="ends_at" in changed,
        )
    if refusal is not None:
        raise refusal
    if fair.mode == FairMode.VENUE and not fair.venue:
        raise ServiceError("venue_required", _("Isi tempat pelaksanaan untuk job fair luring."), field="venue")


@transaction.atomic
def fair_create(*, actor, banner=None, **fields) -> JobFair:
    """A new fair in draft. The organiser must have completed their profile first."""
    if not _is_organiser(actor):
        raise PermissionDenied(_("Hanya penyelenggara job fair yang dapat membuat job fair."))
    profile = organiser_profile_of(actor)
    if profile is None or not profile.is_complete:
        raise ServiceError(
            "profile_incomplete", _("Lengkapi profil penyelenggara terlebih dahulu sebelum membuat job fair.")
        )
    cleaned = _clean_fair_fields(fields)
    regions = cleaned.pop("regions", [])
    fair = JobFair(organiser=actor, **cleaned)
    _check_fair_facts(fair, changed={"starts_at", "ends_at"})
    if banner:
        fair.banner.save(_store_image(banner, prefix="jobfairs/banners", field="banner"), banner, save=False)
    fair.save()
    fair.regions.set(regions)
    audit_record(actor=actor, action="jobfair.create", target=fair, data={"name": fair.name})
    return fair


@transaction.atomic
def fair_update(*, fair: JobFair, actor, banner=None, **fields) -> JobFair:
    """Change a draft or returned fair of the actor's own."""
    fair = lock(JobFair, pk=fair.pk)
    POLICY.require(fair, actor, "edit")
    cleaned = _clean_fair_fields(fields, partial=True)
    regions = cleaned.pop("regions", None)
    changed = sorted(name for name, value in cleaned.items() if getattr(fair, name) != value)
    for name, value in cleaned.items():
        setattr(fair, name, value)
    _check_fair_facts(fair, changed=changed)
    if banner:
        # The earlier banner file stays in storage; the fair points to the new one.
        fair.banner.save(_store_image(banner, prefix="jobfairs/banners", field="banner"), banner, save=False)
        changed.append("banner")
    fair.save()
    if regions is not None:
        before = set(fair.regions.values_list("pk", flat=True))
        fair.regions.set(regions)
        if before != {r.pk for r in regions}:
            changed.append("regions")
    audit_record(actor=actor, action="jobfair.update", target=fair, data={"changed": changed})
    return fair


def _central_admins():
    return User.objects.filter(account_type=AccountType.CENTRAL_ADMIN, is_active=True)


@transaction.atomic
def fair_submit(*, fair: JobFair, actor) -> JobFair:
    """Send the fair to the central admin for verification."""
    fair = lock(JobFair, pk=fair.pk)
    POLICY.require(fair, actor, "submit")
    profile = organiser_profile_of(actor)
    _check_fair_facts(fair)
    fair.status = FAIRS.target("submit")
    fair.submitted_at = timezone.now()
    fair.save(update_fields=["status", "submitted_at"])
    audit_record(actor=actor, action="jobfair.submit", target=fair)
    _notify(
        _central_admins(),
        notices.FAIR_SUBMITTED(name=fair.name, org=profile.institution),
        reverse("jobfairs:admin_fair", args=[fair.pk]),
    )
    return fair


@transaction.atomic
def fair_verify(*, fair: JobFair, actor) -> JobFair:
    fair = lock(JobFair, pk=fair.pk)
    POLICY.require(fair, actor, "verify")
    fair.status = FAIRS.target("verify")
    fair.verified_by = actor
    fair.verified_at = timezone.now()
    fair.return_reason = ""
    fair.save(update_fields=["status", "verified_by", "verified_at", "return_reason"])
    audit_record(actor=actor, action="jobfair.verify", target=fair)
    _notify(
        [fair.organiser],
        notices.FAIR_VERIFIED(name=fair.name),
        reverse("jobfairs:fair_manage", args=[fair.pk]),
    )
    return fair


@transaction.atomic
def fair_return(*, fair: JobFair, actor, reason: str) -> JobFair:
    fair = lock(JobFair, pk=fair.pk)
    POLICY.require(fair, actor, "return")
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("reason_required", _("Tuliskan alasan pengembalian."), field="reason")
    fair.status = FAIRS.target("return")
    fair.return_reason = reason
    fair.save(update_fields=["status", "return_reason"])
    audit_record(actor=actor, action="jobfair.return", target=fair, reason=reason)
    _notify(
        [fair.organiser],
        notices.FAIR_RETURNED(name=fair.name, reason=reason),
        reverse("jobfairs:fair_manage", args=[fair.pk]),
    )
    return fair


@transaction.atomic
def fair_publish(*, fair: JobFair, actor) -> JobFair:
    fair = lock(JobFair, pk=fair.pk)
    POLICY.require(fair, actor, "publish")
    fair.status = FAIRS.target("publish")
    fair.published_at = timezone.now()
    fair.save(update_fields=["status", "published_at"])
    audit_record(actor=actor, action="jobfair.publish", target=fair)
    return fair


@transaction.atomic
def fair_cancel(*, fair: JobFair, actor, reason: str = "") -> JobFair:
    fair = lock(JobFair, pk=fair.pk)
    POLICY.require(fair, actor, "cancel")
    fair.status = FAIRS.target("cancel")
    fair.save(update_fields=["status"])
    audit_record(actor=actor, action="jobfair.cancel", target=fair, reason=(reason or "").strip())
    return fair


# --- notices sent by the worker ---------------------------------------------------------------------------------


def fair_send_phase_notices(*, now=None) -> int:
    """Tell organisers their published fair has started / finished. The phase shown never depends on this."""
    now = now or timezone.now()
    sent = 0
    started = JobFair.objects.filter(status=FairStatus.PUBLISHED, starts_at__lte=now, start_notified_at=None)
    for pk in started.values_list("pk", flat=True):
        sent += _notice(pk, now, field="start_notified_at")
    finished = JobFair.objects.filter(status=FairStatus.PUBLISHED, ends_at__lte=now, end_notified_at=None)
    for pk in finished.values_list("pk", flat=True):
        sent += _notice(pk, now, field="end_notified_at")
    return sent


@transaction.atomic
def _notice(pk: int, now, *, field: str) -> int:
    fair = lock(JobFair, pk=pk)
    if getattr(fair, field) is not None:  # another worker got here first
        return 0
    setattr(fair, field, now)
    fair.save(update_fields=[field])
    if field == "start_notified_at":
        if fair.ends_at <= now:  # both at once: only the "finished" notice is worth sending
            return 0
        notice = notices.FAIR_STARTED(name=fair.name)
    else:
        notice = notices.FAIR_FINISHED(name=fair.name)
    audit_record(actor=None, action=f"jobfair.notice_{field.split('_')[0]}", target=fair)
    _notify([fair.organiser], notice, reverse("jobfairs:fair_manage", args=[fair.pk]))
    return 1
