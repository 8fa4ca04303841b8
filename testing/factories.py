"""Builders for test data. Demo regions come from the migration; villages are loaded on demand."""

import datetime
import itertools

from django.utils import timezone

from apps.accounts.models import AccountType, User
from apps.offices.models import LabourOffice, StaffAssignment
from apps.regions.loader import load_regions
from apps.regions.models import Region
from apps.registry.models import DemoRegistryPerson

PASSWORD = "Rahasia-Kuat-2026"
_serial = itertools.count(1)

# Kota Depok (32.76), Kecamatan Pancoran Mas (32.76.01).
DEMO_REGENCY = "32.76"
DEMO_DISTRICT = "32.76.01"


def reference_data() -> None:
    """Regions and labour offices as the migrations load them."""
    from apps.offices.loader import create_offices

    load_regions(Region)
    create_offices(LabourOffice, Region)


def village(district_code: str = DEMO_DISTRICT) -> Region:
    if not Region.objects.filter(parent_id=district_code).exists():
        load_regions(Region, village_parents=[district_code])
    return Region.objects.filter(parent_id=district_code).order_by("code").first()


def make_nik(*, district_code=DEMO_DISTRICT, birth_date=datetime.date(1995, 3, 14), sex="L", serial=None) -> str:
    day = birth_date.day + (40 if sex == "P" else 0)
    # A NIK's serial is four digits (0001-9999): one long test process makes more people than that, so it wraps
    # (a test never makes 9,999 people, and the database is emptied between tests).
    serial = ((serial if serial is not None else next(_serial)) - 1) % 9999 + 1
    return f"{district_code.replace('.', '')}{day:02d}{birth_date:%m%y}{serial:04d}"


def registry_person(
    *, sex="L", birth_date=datetime.date(1995, 3, 14), mother="Siti Aminah", father="Bambang Sutrisno", name=None, **kw
):
    nik = make_nik(sex=sex, birth_date=birth_date, **kw)
    return DemoRegistryPerson.objects.create(
        nik=nik,
        full_name=name or f"Warga {nik[-4:]}",
        mother_maiden_name=mother,
        father_name=father,
        birth_place="Depok",
        birth_date=birth_date,
        sex=sex,
    )


def user(*, account_type=AccountType.JOB_SEEKER, activated=True, email=None, with_nik=True, **fields) -> User:
    n = next(_serial)
    person = registry_person(serial=n + 5000) if with_nik and account_type == AccountType.JOB_SEEKER else None
    defaults = {
        "full_name": person.full_name if person else f"Pengguna {n}",
        "nik": person.nik if person else None,
        "phone": f"+62812{n:08d}" if person else None,
        "birth_date": person.birth_date if person else None,
        "sex": person.sex if person else "",
        "birth_place": "Depok" if person else "",
        "account_type": account_type,
        "activated_at": timezone.now() if activated else None,
    }
    if person:
        defaults["address_village"] = village()
        defaults["address_street"] = "Jl. Margonda No. 1"
    defaults.update(fields)
    return User.objects.create_user(email or f"user{n}@contoh.id", PASSWORD, **defaults)


def office(regency_code: str = DEMO_REGENCY) -> LabourOffice:
    return LabourOffice.objects.get(region_id=regency_code)


def staff(*, position="officer", regency_code: str = DEMO_REGENCY, **fields) -> User:
    member = user(account_type=AccountType.OFFICE_STAFF, **fields)
    StaffAssignment.objects.create(user=member, office=office(regency_code), position=position)
    return member


# --- Placement companies (P3MI) -------------------------------------------------------------------


def agency(*, name=None, sip2mi_valid_until=None, region_code: str | None = DEMO_REGENCY, **fields):
    """A placement company (P3MI); its SIP2MI is valid for a year unless `sip2mi_valid_until` says otherwise."""
    from apps.agencies.models import PlacementAgency

    n = next(_serial)
    defaults = {
        "name": name or f"PT Penempatan {n}",
        "nib": f"91{n:011d}",
        "sip2mi_number": f"SIP2MI/{n}/2026",
        "sip2mi_valid_until": sip2mi_valid_until or timezone.localdate() + datetime.timedelta(days=365),
        "address": "Jl. Raya Bogor No. 1",
        "region_id": region_code,
    }
    defaults.update(fields)
    return PlacementAgency.objects.create(**defaults)


_new_agency = agency
_office = office


def agency_member(*, agency=None, role="staff", email=None, **fields) -> User:
    """An activated agency_staff account with an ACTIVE membership (`role` "owner" or "staff") of `agency`."""
    from apps.agencies.models import AgencyMember, MemberStatus

    agency = agency or _new_agency()
    member_user = user(account_type=AccountType.AGENCY_STAFF, email=email, **fields)
    AgencyMember.objects.create(
        agency=agency,
        user=member_user,
        email=member_user.email,
        role=role,
        status=MemberStatus.ACTIVE,
        accepted_at=timezone.now(),
    )
    return member_user


def permit(
    *,
    agency=None,
    country="Taiwan",
    positions="Caregiver",
    regions=("32",),
    quota=5,
    valid_from=None,
    valid_until=None,
    used=0,
    number=None,
    issued_by_office=None,
    recorded_by=None,
):
    """An SPR of `agency` for `country`, `positions` (str, one per line, or a list) and `regions` (codes)."""
    from apps.permits.models import RecruitmentPermit

    agency = agency or _new_agency()
    today = timezone.localdate()
    if not isinstance(positions, str):
        positions = "\n".join(positions)
    spr = RecruitmentPermit.objects.create(
        agency=agency,
        number=number or f"SPR/{next(_serial)}/2026",
        country=country,
        positions=positions,
        valid_from=valid_from or today - datetime.timedelta(days=1),
        valid_until=valid_until or today + datetime.timedelta(days=180),
        quota=quota,
        used=used,
        issued_by_office=issued_by_office,
        recorded_by=recorded_by or user(account_type=AccountType.CENTRAL_ADMIN),
    )
    spr.regions.set(Region.objects.filter(code__in=list(regions)))
    return spr


def approved_officer(*, agency=None, office=None, full_name=None):
    """A recruiting officer of `agency` with an APPROVED approval at `office` (default: Kota Depok)."""
    from apps.agencies.models import AgencyOfficer, AgencyOfficerApproval, ApprovalStatus

    agency = agency or _new_agency()
    office = office or _office()
    n = next(_serial)
    officer = AgencyOfficer.objects.create(
        agency=agency,
        full_name=full_name or f"Petugas Rekrut {n}",
        nik=make_nik(serial=n % 10000),
        phone=f"+62813{n:08d}",
        assignment_letter_number=f"ST/{n}/2026",
    )
    AgencyOfficerApproval.objects.create(
        officer=officer, office=office, status=ApprovalStatus.APPROVED, decided_at=timezone.now(), reason=""
    )
    return officer


# --- job fairs (apps.jobfairs) ----------------------------------------------------------------------------------


def organiser_profile(user, **fields):
    """A complete organiser profile for `user` (a jobfair_organiser account)."""
    from apps.jobfairs.models import OrganiserKind, OrganiserProfile

    defaults = {
        "institution": "Dinas Tenaga Kerja Kota Depok",
        "kind": OrganiserKind.GOVERNMENT,
        "address": "Jl. Margonda Raya No. 54",
        "region_id": DEMO_REGENCY,
        "phone": "0217771234",
        "email": "jobfair@contoh.id",
    }
    defaults.update(fields)
    return OrganiserProfile.objects.update_or_create(user=user, defaults=defaults)[0]


def job_fair(*, organiser=None, status="draft", starts_at=None, ends_at=None, **fields):
    """A fair written straight to the database in `status` (no workflow). Default: from tomorrow, for 8 hours.

    `status="published"` with `starts_at` in the past and `ends_at` in the future gives a running fair.
    """
    from apps.jobfairs.models import FairMode, JobFair

    if organiser is None:
        organiser = user(account_type=AccountType.JOBFAIR_ORGANISER)
        organiser_profile(organiser)
    starts_at = starts_at or timezone.now() + datetime.timedelta(days=1)
    ends_at = ends_at or starts_at + datetime.timedelta(hours=8)
    now = timezone.now()
    defaults = {
        "name": f"Job Fair {next(_serial)}",
        "description": "Bursa kerja terbuka untuk umum.",
        "time_zone": "Asia/Jakarta",
        "mode": FairMode.VENUE,
        "venue": "Balai Kota Depok",
        "sectors": ["manufacturing", "care"],
        "max_companies": 20,
    }
    if status not in ("draft",):
        defaults["submitted_at"] = now
    if status in ("verified", "published"):
        defaults["verified_at"] = now
    if status == "published":
        defaults["published_at"] = now
    defaults.update(fields)
    return JobFair.objects.create(organiser=organiser, status=status, starts_at=starts_at, ends_at=ends_at, **defaults)


def running_fair(**fields):
    """A published fair that started an hour ago and ends in seven hours."""
    now = timezone.now()
    return job_fair(
        status="published",
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=7),
        **fields,
    )
