"""Recruitment permits (SPR): recorded by a labour office with regions and a quota, checked when a vacancy is
opened or an application accepted, and used one unit per accepted placement, never above the quota.

One function per change: lock, check, change, audit. Refusals raise `ServiceError`.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access.office_staff import OFFICE_STAFF_POLICY
from apps.agencies.models import PlacementAgency
from apps.agencies.services import agency_require_p3mi, is_central_admin
from apps.audit.services import audit_record
from apps.core import dates
from apps.core.countries import country_code, country_name
from apps.core.errors import PermissionDenied, ServiceError
from apps.core.locking import lock
from apps.offices.selectors import office_covers, office_of, staff_assignment_of
from apps.permits.models import RecruitmentPermit
from apps.regions.models import Region

# An SPR is one company's request for one destination; a quota above this is a typing error (an extra zero).
PERMIT_QUOTA_MAX = 1000


def permit_record(
    *,
    actor,
    agency: PlacementAgency,
    number: str,
    country: str,
    positions,
    regions,
    valid_from: datetime.date,
    valid_until: datetime.date,
    quota: int,
) -> RecruitmentPermit:
    """Labour-office staff record an SPR their office issued to a company, for regions within the office's
    jurisdiction; the central admin records one without an office, for any region. The issuing office is always
    the actor's own, never chosen by the caller."""
    office = office_of(actor)
    if office is None and not is_central_admin(actor):
        raise PermissionDenied(_("Hanya petugas dinas atau admin pusat yang dapat mencatat SPR."))
    if office is not None:  # which positions record SPRs: the office-staff table (access.office_staff)
        OFFICE_STAFF_POLICY.require(staff_assignment_of(actor), actor, "record_permit")
    agency_require_p3mi(agency, field="agency")  # an SPR is for overseas placement
    number, country = number.strip(), country.strip()
    if not isinstance(positions, str):
        positions = "\n".join(positions)
    positions = "\n".join(line.strip() for line in positions.splitlines() if line.strip())
    regions = [r if isinstance(r, Region) else Region.objects.get(pk=r) for r in regions]
    if not number:
        raise ServiceError("number_missing", _("Nomor SPR wajib diisi."), field="number")
    if not country:
        raise ServiceError("country_missing", _("Negara tujuan wajib diisi."), field="country")
    code = country_code(country)
    if code is None:
        raise ServiceError("country_unknown", _("Pilih negara tujuan dari daftar."), field="country")
    country = code
    if not positions:
        raise ServiceError("positions_missing", _("Isi paling sedikit satu jabatan."), field="positions")
    if not regions:
        raise ServiceError("regions_missing", _("Pilih paling sedikit satu wilayah perekrutan."), field="regions")
    dates.VALID_FROM.require(valid_from, field="valid_from")  # the form's ranges: no year 1 or 9999
    dates.VALID_UNTIL.require(valid_until, field="valid_until")
    if valid_until < valid_from:
        raise ServiceError(
            "dates_invalid", _("Tanggal berlaku sampai tidak boleh sebelum tanggal berlaku dari."), field="valid_until"
        )
    if isinstance(quota, bool) or not isinstance(quota, int) or quota < 1:
        raise ServiceError("quota_invalid", _("Kuota paling sedikit 1."), field="quota")
    if quota > PERMIT_QUOTA_MAX:
        raise ServiceError(
            "quota_too_large", _("Kuota paling banyak %(max)s orang.") % {"max": PERMIT_QUOTA_MAX}, field="quota"
        )
    outside = [r for r in regions if office is not None and not office_covers(office, r)]
    if outside:
        raise ServiceError(
            "region_outside_jurisdiction",
            _("%(regions)s di luar wilayah kerja %(office)s.")
            % {"regions": ", ".join(r.name for r in outside), "office": office.name},
            field="regions",
        )
    if RecruitmentPermit.objects.filter(number__iexact=number).exists():
        raise ServiceError("number_taken", _("Nomor SPR ini sudah tercatat."), field="number")
    try:
        with transaction.atomic():
            permit = RecruitmentPermit.objects.create(
                agency=agency,
                number=number,
                country=country,
                positions=positions,
                valid_from=valid_from,
                valid_until=valid_until,
                quota=quota,
                issued_by_office=office,
                recorded_by=actor,
            )
            permit.regions.set(regions)
            audit_record(
                actor=actor,
                action="agency.permit_record",
                target=permit,
                data={
                    "agency": agency.pk,
                    "office": office.pk if office else None,
                    "quota": quota,
                    "regions": [r.pk for r in regions],
                },
            )
    except IntegrityError:
        raise ServiceError("number_taken", _("Nomor SPR ini sudah tercatat."), field="number") from None
    return permit


def _region_covered(permit_codes, region: Region) -> bool:
    return any(region.code == code or region.code.startswith(f"{code}.") for code in permit_codes)


def _check_time_and_quota(permit: RecruitmentPermit, on_date: datetime.date, units: int = 1) -> None:
    if on_date < permit.valid_from or on_date > permit.valid_until:
        raise ServiceError(
            "permit_expired",
            _("SPR sudah tidak berlaku (berlaku %(start)s s.d. %(end)s).")
            % {"start": permit.valid_from.strftime("%d-%m-%Y"), "end": permit.valid_until.strftime("%d-%m-%Y")},
        )
    if units and permit.used + units > permit.quota:
        if permit.used >= permit.quota:
            raise ServiceError(
                "permit_exhausted", _("Kuota SPR sudah habis (%(quota)s orang).") % {"quota": permit.quota}
            )
        raise ServiceError(
            "permit_exhausted",
            _("Sisa kuota SPR %(remaining)s orang, kurang dari %(units)s orang yang diajukan.")
            % {"remaining": permit.remaining, "units": units},
        )


def _same_country(one: str, other: str) -> bool:
    """Codes compared; a value no name matched (typed before the country list) compared as text, without case."""
    a, b = country_code(one), country_code(other)
    if a and b:
        return a == b
    return one.strip().casefold() == other.strip().casefold()


def permit_check(
    *,
    permit: RecruitmentPermit,
    agency: PlacementAgency,
    country: str | None = None,
    position: str | None = None,
    region: Region | None = None,
    on_date: datetime.date | None = None,
    units: int = 1,
) -> None:
    """Refuse an SPR that is another company's, not valid on `on_date`, without `units` places left (0: the places
    were already used elsewhere, only validity and match are checked), or does not match."""
    if permit.agency_id != agency.pk:
        raise ServiceError("permit_other_agency", _("SPR ini milik perusahaan lain."))
    _check_time_and_quota(permit, on_date or timezone.localdate(), units)
    if country is not None and _same_country(country, permit.country) is False:
        raise ServiceError(
            "permit_country_mismatch",
            _("SPR ini untuk negara %(permit)s, bukan %(country)s.")
            % {"permit": country_name(permit.country), "country": country_name(country)},
        )
    if position is not None and position.strip().casefold() not in {p.casefold() for p in permit.position_list()}:
        raise ServiceError(
            "permit_position_mismatch",
            _("Jabatan %(position)s tidak tercantum dalam SPR (%(positions)s).")
            % {"position": position, "positions": ", ".join(permit.position_list())},
        )
    if region is not None:
        codes = [r.code for r in permit.regions.all()]
        if not _region_covered(codes, region):
            raise ServiceError(
                "permit_region_mismatch",
                _("Wilayah %(region)s tidak termasuk wilayah perekrutan SPR ini.") % {"region": region.name},
            )


def permit_consume(*, permit: RecruitmentPermit, application, actor=None) -> RecruitmentPermit:
    """Use one unit of the SPR's quota for an accepted application. Call inside the caller's transaction.

    The permit row is locked, so concurrent acceptances never take more than the quota. The caller (the
    application pipeline) records which application used the unit; here only its key goes into the audit row.
    """
    with transaction.atomic():
        locked = lock(RecruitmentPermit, pk=permit.pk)
        _check_time_and_quota(locked, timezone.localdate())
        locked.used += 1
        locked.save(update_fields=["used"])
        audit_record(
            actor=actor,
            action="agency.permit_use",
            target=locked,
            data={"application": application.pk, "used": locked.used},
        )
    permit.used = locked.used
    return locked


def permit_consume_units(*, permit: RecruitmentPermit, units: int, actor, reference: str) -> RecruitmentPermit:
    """Use `units` places of the SPR outside an application (a labour-office service request names the CPMI it
    places, `reference`). Same lock and checks as `permit_consume`; call inside the caller's transaction."""
    if units < 1:
        raise ValueError("units must be positive")
    with transaction.atomic():
        locked = lock(RecruitmentPermit, pk=permit.pk)
        _check_time_and_quota(locked, timezone.localdate(), units)
        locked.used += units
        locked.save(update_fields=["used"])
        audit_record(
            actor=actor,
            action="agency.permit_use",
            target=locked,
            data={"reference": reference, "units": units, "used": locked.used},
        )
    permit.used = locked.used
    return locked


def permit_release_units(*, permit: RecruitmentPermit, units: int, actor, reference: str) -> RecruitmentPermit:
    """Give back `units` places used with `permit_consume_units` (the service request was cancelled, or a CPMI
    left it), under the same row lock, audited. Refused when fewer places are in use: the count never goes
    below 0. An expired SPR takes its places back too. Call inside the caller's transaction."""
    if units < 1:
        raise ValueError("units must be positive")
    with transaction.atomic():
        locked = lock(RecruitmentPermit, pk=permit.pk)
        if locked.used < units:
            raise ServiceError(
                "permit_release_too_many",
                _("SPR %(number)s hanya mencatat %(used)s tempat terpakai; %(units)s tempat tidak dapat dikembalikan.")
                % {"number": locked.number, "used": locked.used, "units": units},
            )
        locked.used -= units
        locked.save(update_fields=["used"])
        audit_record(
            actor=actor,
            action="agency.permit_release",
            target=locked,
            data={"reference": reference, "units": units, "used": locked.used},
        )
    permit.used = locked.used
    return locked
