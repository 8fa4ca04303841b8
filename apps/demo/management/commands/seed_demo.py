"""Demo data for every role: an office with staff, registry persons, and one account per role.

Idempotent: running it again changes nothing that exists.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import AccountType, User
from apps.agencies.models import PlacementAgency
from apps.demo import domestic as demo_domestic
from apps.demo import jobfairs as demo_jobfairs
from apps.demo import officeservices as demo_officeservices
from apps.demo import placement as demo_placement
from apps.offices.models import LabourOffice, StaffAssignment
from apps.regions.loader import load_regions
from apps.regions.models import Region
from apps.registry.models import DemoRegistryPerson, DemoWlkpCompany

DEMO_PASSWORD = "sipmi-demo-2026"
DEMO_REGENCIES = ["32.76", "32.71"]  # Kota Depok, Kota Bogor

# NIK: district 32.76.01 (Pancoran Mas, Kota Depok), birth date DDMMYY (+40 for women), serial.
# The job-fair sign-up accepts the mother's or the father's name (seed 003).
REGISTRY_PERSONS = [
    ("3276015403950001", "Ani Lestari", "Siti Aminah", "Slamet Riyadi", datetime.date(1995, 3, 14), "P"),
    ("3276010208920002", "Budi Santoso", "Sri Wahyuni", "Agus Santoso", datetime.date(1992, 8, 2), "L"),
    ("3276015711980003", "Dewi Kartika", "Nur Hidayah", "Hendra Gunawan", datetime.date(1998, 11, 17), "P"),
    ("3276012005000004", "Rudi Hartono", "Kartini", "Suparman", datetime.date(2000, 5, 20), "L"),
    ("3276016109970005", "Sari Wulandari", "Endang Suryani", "Wahyudi", datetime.date(1997, 9, 21), "P"),
    # The owner of the demo domestic employer (CV Depok Boga Lestari); keep the CPMI persona last.
    ("3276011207870007", "Yanti Rahmawati", "Komariah", "Dedi Kurniawan", datetime.date(1987, 7, 12), "P"),
    ("3276016506960006", "Siti Nurhaliza", "Aisyah", "Bambang Hermawan", datetime.date(1996, 6, 25), "P"),
]

# Companies in the local WLKP register (Wajib Lapor Ketenagakerjaan), free to sign up with their code.
WLKP_COMPANIES = [
    (
        "WLKP-3276-0001",
        "PT Sinar Depok Garmen",
        "8120001000011",
        "Jl. Raya Sawangan No. 21, Depok",
        "32.76",
        "Industri pengolahan (garmen)",
        "(021) 7770001",
    ),
    (
        "WLKP-3271-0002",
        "CV Bogor Rasa Nusantara",
        "8120002000022",
        "Jl. Pajajaran No. 88, Bogor",
        "32.71",
        "Penyediaan makanan dan minuman",
        "(0251) 8330002",
    ),
    (
        "WLKP-3276-0003",
        "PT Margonda Logistik",
        "8120003000033",
        "Jl. Margonda Raya No. 300, Depok",
        "32.76",
        "Pergudangan dan logistik",
        "(021) 7770003",
    ),
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
        for nik, name, mother, father, birth_date, sex in REGISTRY_PERSONS:
            person, _ = DemoRegistryPerson.objects.get_or_create(
                nik=nik,
                defaults={
                    "full_name": name,
                    "mother_maiden_name": mother,
                    "father_name": father,
                    "birth_date": birth_date,
                    "sex": sex,
                    "birth_place": "Depok",
                },
            )
            if not person.father_name:  # a database seeded before fathers' names were kept
                person.father_name = father
                person.save(update_fields=["father_name"])
            persons.append(person)
        for code, name, nib, address, regency, sector, phone in WLKP_COMPANIES:
            DemoWlkpCompany.objects.get_or_create(
                wlkp_code=code,
                defaults={
                    "name": name,
                    "nib": nib,
                    "address": address,
                    "regency_code": regency,
                    "sector": sector,
                    "phone": phone,
                },
            )

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

        # Domestic work: an employer that is not a P3MI, its vacancies in Depok (one in the running fair), Ani
        # applying at the fair and Dewi invited to an interview.
        organiser = User.objects.get(email="penyelenggara@jobfair.demo")
        employer = demo_domestic.seed_employer(person=persons[-2], password=DEMO_PASSWORD)
        in_fair, other = demo_domestic.seed_vacancies(employer)
        demo_domestic.seed_fair_participation(
            owner=employer, organiser=organiser, fair_name=demo_jobfairs.RUNNING_NAME, vacancy=in_fair
        )
        demo_domestic.seed_applications(
            fair_name=demo_jobfairs.RUNNING_NAME,
            organiser=organiser,
            owner=employer,
            at_fair=ani,
            direct=dewi,
            in_fair=in_fair,
            other=other,
        )
        logins.insert(
            len(logins) - 2, (demo_domestic.OWNER_EMAIL, "Yanti Rahmawati — pemberi kerja dalam negeri (bukan P3MI)")
        )

        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD}):"))
        for email, who in logins:
            self.stdout.write(f"  {email:32} {who}")
        self.stdout.write(
            "Registry persons free to register (NIK / mother's maiden name / father's name / birth date / sex):"
        )
        for person in persons[1:-1]:
            if not User.objects.filter(nik=person.nik).exists():
                self.stdout.write(
                    f"  {person.nik}  {person.mother_maiden_name:16} {person.father_name:16}"
                    f" {person.birth_date:%d-%m-%Y}  {person.sex}  {person.full_name}"
                )
        self.stdout.write("WLKP codes free for a company sign-up (/daftar/perusahaan/):")
        for company in DemoWlkpCompany.objects.order_by("wlkp_code"):
            if not PlacementAgency.objects.filter(wlkp_code__iexact=company.wlkp_code).exists():
                self.stdout.write(f"  {company.wlkp_code:16} {company.name}")

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
