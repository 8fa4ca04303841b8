"""Demo data for every role: an office with staff, registry persons, and one account per role.

Idempotent: running it again changes nothing that exists.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import AccountType, User
from apps.demo import jobfairs as demo_jobfairs
from apps.demo import officeservices as demo_officeservices
from apps.demo import placement as demo_placement
from apps.offices.models import LabourOffice, StaffAssignment
from apps.regions.loader import load_regions
from apps.regions.models import Region
from apps.registry.models import DemoRegistryPerson

DEMO_PASSWORD = "sipmi-demo-2026"
DEMO_REGENCIES = ["32.76", "32.71"]  # Kota Depok, Kota Bogor

# NIK: district 32.76.01 (Pancoran Mas, Kota Depok), birth date DDMMYY (+40 for women), serial.
REGISTRY_PERSONS = [
    ("3276015403950001", "Ani Lestari", "Siti Aminah", datetime.date(1995, 3, 14), "P"),
    ("3276010208920002", "Budi Santoso", "Sri Wahyuni", datetime.date(1992, 8, 2), "L"),
    ("3276015711980003", "Dewi Kartika", "Nur Hidayah", datetime.date(1998, 11, 17), "P"),
    ("3276012005000004", "Rudi Hartono", "Kartini", datetime.date(2000, 5, 20), "L"),
    ("3276016109970005", "Sari Wulandari", "Endang Suryani", datetime.date(1997, 9, 21), "P"),
    ("3276016506960006", "Siti Nurhaliza", "Aisyah", datetime.date(1996, 6, 25), "P"),
]

# e-mail, name, position, NIP and rank as printed under the signature of official documents.
STAFF = [
    ("petugas@depok.demo", "Citra Pengantar Kerja", "officer", "199203152015032001", "Penata Muda Tk. I / III b"),
    ("kabid@depok.demo", "Joko Kabid PTK", "division_head", "197805102003121002", "Pembina / IV a"),
    ("sekretaris@depok.demo", "Maya Sekretaris", "secretary", "198001222005012003", "Pembina / IV a"),
    ("kadis@depok.demo", "Eko Kepala Dinas", "office_head", "197607171995111001", "Pembina Tk. I / IV b"),
]
OTHER_ROLES = [
    ("p3mi@perusahaan.demo", "Fajar Pemilik P3MI", AccountType.AGENCY_STAFF),
    ("penyelenggara@jobfair.demo", "Gita Penyelenggara", AccountType.JOBFAIR_ORGANISER),
    ("admin@sipmi.demo", "Hadi Admin Pusat", AccountType.CENTRAL_ADMIN),
]


class Command(BaseCommand):
    help = "Create demo office staff, registry persons and one user per role; print the logins."

    @transaction.atomic
    def handle(self, *args, **options):
        load_regions(Region, village_parents=DEMO_REGENCIES)
        now = timezone.now()
        persons = []
        for nik, name, mother, birth_date, sex in REGISTRY_PERSONS:
            person, _ = DemoRegistryPerson.objects.get_or_create(
                nik=nik,
                defaults={
                    "full_name": name,
                    "mother_maiden_name": mother,
                    "birth_date": birth_date,
                    "sex": sex,
                    "birth_place": "Depok",
                },
            )
            persons.append(person)

        depok = LabourOffice.objects.get(region_id="32.76")
        # The letterhead of the demo office's documents (offices are created nationally with their names only).
        if not depok.address:
            depok.address = "Jl. Margonda Raya No. 54, Depok 16431"
            depok.phone = "(021) 29402251"
            depok.email = "disnaker@depok.go.id"
            depok.website = "https://disnaker.depok.go.id"
            depok.save(update_fields=["address", "phone", "email", "website"])
        logins = []
        for email, name, position, nip, rank in STAFF:
            user = self._user(email, name, AccountType.OFFICE_STAFF, now)
            StaffAssignment.objects.get_or_create(
                user=user, defaults={"office": depok, "position": position, "nip": nip, "rank": rank}
            )
            logins.append((email, f"{name} — {depok.name}"))
        for email, name, account_type in OTHER_ROLES:
            self._user(email, name, account_type, now, is_staff=account_type == AccountType.CENTRAL_ADMIN)
            logins.append((email, name))

        # The first registry person has an activated job-seeker account; the last one is a verified CPMI.
        ani = self._job_seeker(persons[0], "pencaker@sipmi.demo", "+6281200000001", "Jl. Margonda Raya No. 10", now)
        siti = persons[-1]
        cpmi_user = self._job_seeker(siti, "cpmi@sipmi.demo", "+6281200000002", "Jl. Kenanga No. 7", now)
        logins.insert(0, ("pencaker@sipmi.demo", f"{ani.full_name} — pencari kerja (NIK {ani.nik})"))

        # A company with an approved recruiter, an SPR and a published vacancy.
        officer = User.objects.get(email="petugas@depok.demo")
        demo_placement.seed_verified_cpmi(user=cpmi_user, officer=officer)
        demo_placement.seed_company(
            admin=User.objects.get(email="admin@sipmi.demo"),
            owner=User.objects.get(email="p3mi@perusahaan.demo"),
            officer=officer,
        )
        logins.insert(1, ("cpmi@sipmi.demo", f"{siti.full_name} — CPMI terverifikasi (sertifikat Perawat lansia)"))

        # Office services: passport-recommendation requests at Kota Depok, one waiting for the division head.
        dewi = self._job_seeker(persons[2], "dewi@sipmi.demo", "+6281200000003", "Jl. Melati No. 3", now)
        rudi = self._job_seeker(persons[3], "rudi@sipmi.demo", "+6281200000004", "Jl. Mawar No. 9", now)
        demo_officeservices.seed_service_requests(
            owner=User.objects.get(email="p3mi@perusahaan.demo"), officer=officer, users=[cpmi_user, dewi, rudi]
        )

        # Job fairs: the organiser's profile, a fair running now and one waiting for the central admin.
        demo_jobfairs.seed_job_fairs(
            organiser=User.objects.get(email="penyelenggara@jobfair.demo"),
            admin=User.objects.get(email="admin@sipmi.demo"),
        )

        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD}):"))
        for email, who in logins:
            self.stdout.write(f"  {email:32} {who}")
        self.stdout.write("Registry persons free to register (NIK / mother's maiden name / birth date / sex):")
        for person in persons[1:-1]:
            if not User.objects.filter(nik=person.nik).exists():
                self.stdout.write(
                    f"  {person.nik}  {person.mother_maiden_name:16} {person.birth_date:%d-%m-%Y}  {person.sex}"
                    f"  {person.full_name}"
                )

    def _job_seeker(self, person, email, phone, street, now):
        """An activated account for a registry person, with a KTP address in Pancoran Mas, Kota Depok."""
        user = User.objects.filter(nik=person.nik).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                full_name=person.full_name,
                nik=person.nik,
                phone=phone,
                birth_place=person.birth_place,
                birth_date=person.birth_date,
                sex=person.sex,
                marital_status="single",
                address_village=Region.objects.filter(parent_id="32.76.01").order_by("code").first(),
                address_street=street,
                registry_verified_at=now,
                activated_at=now,
            )
        return user

    def _user(self, email, name, account_type, now, is_staff=False):
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD,
                full_name=name,
                account_type=account_type,
                activated_at=now,
                is_staff=is_staff,
                is_superuser=is_staff,
            )
        return user
