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
    serial = serial if serial is not None else next(_serial)
    return f"{district_code.replace('.', '')}{day:02d}{birth_date:%m%y}{serial:04d}"


def registry_person(*, sex="L", birth_date=datetime.date(1995, 3, 14), mother="Siti Aminah", name=None, **kw):
    nik = make_nik(sex=sex, birth_date=birth_date, **kw)
    return DemoRegistryPerson.objects.create(
        nik=nik,
        full_name=name or f"Warga {nik[-4:]}",
        mother_maiden_name=mother,
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
