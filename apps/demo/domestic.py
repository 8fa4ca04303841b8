"""Demo data for domestic work and the running job fair: a domestic employer (not a P3MI) signed up like any
company, with two vacancies in Kota Depok, one of them published into the running demo fair; the demo job
seeker follows the fair, checks in and applies there, and a second job seeker applies to the other vacancy and
is invited to an interview. Built through the services a user's clicks call; running the seed again changes
nothing."""

import datetime

from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.services import RegistrationData
from apps.agencies import services as agency_services
from apps.agencies.models import CompanyKind, PlacementAgency
from apps.jobfairs.attendance import services as attendance
from apps.jobfairs.models import FairFollower, FairParticipation, FairVacancy, JobFair
from apps.jobfairs.participation import services as fair_participation
from apps.profiles import services as profile_services
from apps.profiles.models import JobSeekerProfile
from apps.regions.models import Region
from apps.registry.adapters import RegistryIdentity
from apps.registry.models import DemoRegistryPerson
from apps.vacancies import services as vacancy_services
from apps.vacancies.models import Application, Vacancy, VacancyKind

NIB = "9120009876543"
OWNER_EMAIL = "pemberikerja@perusahaan.demo"
FAIR_POSITION = "Staf gudang"
OTHER_POSITION = "Juru masak katering"


def seed_employer(*, person: DemoRegistryPerson, password: str) -> User:
    """ "CV Depok Boga Lestari", a domestic employer signed up by its owner (NIK + registry, like every sign-up),
    filled by hand (no WLKP code); the owner's phone is taken as activated."""
    agency = PlacementAgency.objects.filter(nib=NIB).first()
    if agency is not None:
        return agency.members.get(role="owner").user
    identity = RegistryIdentity(
        nik=person.nik,
        full_name=person.full_name,
        birth_place=person.birth_place,
        birth_date=person.birth_date,
        sex=person.sex,
    )
    owner, agency = agency_services.company_signup(
        person=RegistrationData(
            identity=identity,
            marital_status="married",
            address_village=Region.objects.filter(parent_id="32.76.01").order_by("code").first(),
            address_street="Jl. Nusantara No. 12",
            email=OWNER_EMAIL,
            phone="+6281200000009",
            password=password,
        ),
        company=agency_services.CompanyData(
            kind=CompanyKind.DOMESTIC_EMPLOYER,
            name="CV Depok Boga Lestari",
            nib=NIB,
            address="Jl. Nusantara Raya No. 12, Beji, Depok",
            region=Region.objects.get(code="32.76"),
            sector="Jasa boga dan pergudangan bahan makanan",
            phone="(021) 7770099",
            email="hrd@depokboga.demo",
        ),
    )
    owner.activated_at = owner.registry_verified_at = timezone.now()
    owner.save(update_fields=["activated_at", "registry_verified_at"])
    return owner


def _vacancy(owner: User, position: str, **fields) -> Vacancy:
    existing = Vacancy.objects.filter(agency__nib=NIB, position=position).first()
    if existing is not None:
        return existing
    return vacancy_services.vacancy_create(
        actor=owner,
        kind=VacancyKind.DOMESTIC,
        position=position,
        country="",
        city="Kota Depok",
        employer_name="CV Depok Boga Lestari",
        currency="",
        closing_date=timezone.localdate() + datetime.timedelta(days=45),
        required_certificates="",
        **fields,
    )


def seed_vacancies(owner: User) -> tuple[Vacancy, Vacancy]:
    in_fair = _vacancy(
        owner,
        FAIR_POSITION,
        sector="manufacturing",
        salary=5100000,
        contract_months=12,
        openings=4,
        other_requirements="Pendidikan minimal SMA/SMK, sehat, siap kerja bergilir.",
        description="Menerima, menyusun dan mencatat bahan makanan di gudang kami di Beji, Depok; pergudangan.",
    )
    other = _vacancy(
        owner,
        OTHER_POSITION,
        sector="hospitality",
        salary=4800000,
        contract_months=12,
        openings=2,
        other_requirements="Pendidikan minimal SMK tata boga atau pengalaman memasak.",
        description="Memasak menu katering kantor (200 porsi sehari) di dapur kami di Depok.",
    )
    return in_fair, other


def seed_fair_participation(*, owner: User, organiser: User, fair_name: str, vacancy: Vacancy) -> None:
    """The employer asks to join the running fair, the organiser accepts, the vacancy is published into it."""
    fair = JobFair.objects.get(organiser=organiser, name=fair_name)
    participation = FairParticipation.objects.filter(fair=fair, agency__nib=NIB).first()
    if participation is None:
        participation = fair_participation.participation_request(fair=fair, actor=owner)
        fair_participation.participation_accept(participation=participation, actor=organiser)
    if not FairVacancy.objects.filter(fair=fair, vacancy=vacancy).exists():
        fair_participation.fair_vacancy_add(fair=fair, actor=owner, vacancy=vacancy)
    if not participation.faqs.exists():
        fair_participation.faq_add(
            fair=fair,
            actor=owner,
            question="Apakah ada mes karyawan?",
            answer="Ya, mes tersedia di Beji untuk karyawan dari luar Depok.",
        )


def _give_profile(user: User, *, wanted: str, level: str, school: str, skill: str) -> None:
    """The parts of the 7-step profile a domestic application needs (a started profile) and the fair matches on."""
    if JobSeekerProfile.objects.filter(user=user, personal_saved_at__isnull=False).exists():
        return
    profile_services.profile_save_personal(
        user=user,
        data=profile_services.PersonalData(
            description="Siap bekerja di Depok dan sekitarnya.",
            marital_status="single",
            domicile_village=user.address_village,
            domicile_street=user.address_street,
            looking_for_training=True,
            wanted_jobs=wanted,
        ),
    )
    profile_services.profile_step_complete(user=user, step="personal")
    profile_services.education_add(user=user, level=level, institution=school, graduation_year=2016)
    profile_services.profile_step_complete(user=user, step="education")
    profile_services.skill_add(user=user, name=skill)
    profile_services.profile_step_complete(user=user, step="skills")


def seed_applications(
    *, fair_name: str, organiser: User, owner: User, at_fair: User, direct: User, in_fair: Vacancy, other: Vacancy
) -> None:
    """`at_fair` follows the running fair, checks in and applies there; `direct` applies to the other vacancy
    and is invited to an interview."""
    fair = JobFair.objects.get(organiser=organiser, name=fair_name)
    _give_profile(at_fair, wanted="Staf gudang, admin", level="SMA", school="SMA Negeri 1 Depok", skill="Pergudangan")
    _give_profile(direct, wanted="Juru masak", level="SMK", school="SMK Negeri 2 Depok", skill="Memasak")
    if not FairFollower.objects.filter(fair=fair, user=at_fair).exists():
        attendance.fair_follow(fair=fair, actor=at_fair)
        attendance.fair_check_in(fair=fair, actor=at_fair)
    if not Application.objects.filter(vacancy=in_fair, applicant=at_fair).exists():
        attendance.fair_apply(fair=fair, vacancy=in_fair, actor=at_fair)
    if not Application.objects.filter(vacancy=other, applicant=direct).exists():
        application = vacancy_services.application_apply(actor=direct, vacancy=other)
        moment = timezone.localtime() + datetime.timedelta(days=3)
        vacancy_services.application_schedule_interview(
            application=application,
            actor=owner,
            interview_at=moment.replace(hour=10, minute=0, second=0, microsecond=0),
            place="Dapur CV Depok Boga Lestari, Jl. Nusantara Raya No. 12, Beji",
        )
