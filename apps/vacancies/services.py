"""Vacancies (Karirhub job orders) and the application pipeline. One function per change: lock, check, change,
record (event + audit), notify on commit.

A vacancy is overseas (a P3MI under one of its SPRs; verified CPMI apply; accepting uses SPR quota) or domestic
(any company; no SPR; place in Indonesia, salary in IDR; any activated job seeker with a profile applies).

vacancy:      draft ──publish──▶ published ──close──▶ closed
application:  sent ──process──▶ processing ──schedule──▶ interview (⟲ reschedule) ──accept──▶ accepted
                 └────────────────┴────────────────────────┴──reject──▶ rejected / ──withdraw (CPMI)──▶ withdrawn
"""

import datetime
import decimal
from dataclasses import dataclass, fields
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from apps.agencies.selectors import agency_of
from apps.agencies.services import agency_can_act, notify_members, require_approved_officer
from apps.audit.services import audit_record
from apps.core import dates
from apps.core.countries import country_code, currency_codes
from apps.core.errors import PermissionDenied, ServiceError
from apps.core.locking import for_update, lock, refused_if_taken
from apps.cpmi.models import MigrantCandidate
from apps.messaging.notices import BoundNotice
from apps.messaging.services import notify_user
from apps.permits.services import permit_check, permit_consume
from apps.vacancies import notices
from apps.vacancies.models import (
    DOMESTIC_COUNTRY,
    DOMESTIC_CURRENCY,
    Application,
    ApplicationEvent,
    ApplicationStatus,
    PermitUse,
    Sector,
    Vacancy,
    VacancyKind,
    VacancyStatus,
)
from apps.vacancies.permissions import APPLICATIONS
from apps.vacancies.policy import (  # noqa: F401  (read as services.X by the pages and the tests)
    APPLICATION_POLICY,
    VACANCY_POLICY,
    candidate_of,
    has_profile,
    is_applicant,
)

JAKARTA = ZoneInfo("Asia/Jakarta")


# --- permission checks -------------------------------------------------------------------------------------
# `apps.vacancies.policy`: VACANCY_POLICY and APPLICATION_POLICY (the tables, who the actor is, the facts).


# --- vacancies ---------------------------------------------------------------------------------------------


@dataclass
class VacancyData:
    """The fields a company writes. Every rule on them lives in `_check_vacancy`."""

    permit: object
    position: str
    sector: str
    country: str
    city: str
    employer_name: str
    salary: decimal.Decimal
    currency: str
    contract_months: int
    openings: int
    closing_date: datetime.date
    required_certificates: str
    description: str
    other_requirements: str = ""
    kind: str = VacancyKind.OVERSEAS

    def cleaned(self) -> "VacancyData":
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        for name, value in values.items():
            if isinstance(value, str):
                values[name] = value.strip()
        if values["kind"] == VacancyKind.DOMESTIC:
            # Work in Indonesia: the place is a city or regency, paid in rupiah, under no SPR.
            values.update(country=DOMESTIC_COUNTRY, currency=DOMESTIC_CURRENCY, permit=None)
        values["currency"] = (values["currency"] or "").upper()
        values["country"] = country_code(values["country"]) or values["country"]  # a name typed: its ISO code
        lines = [line.strip() for line in values["required_certificates"].splitlines() if line.strip()]
        values["required_certificates"] = "\n".join(lines)
        return VacancyData(**values)


def _check_vacancy(agency, data: VacancyData, *, accepted_count: int = 0) -> None:
    if data.kind not in VacancyKind.values:
        raise ServiceError("kind_unknown", _("Pilih jenis lowongan: dalam negeri atau luar negeri."), field="kind")
    domestic = data.kind == VacancyKind.DOMESTIC
    for name, label in (
        ("position", _("Jabatan")),
        ("country", _("Negara tujuan")),
        ("city", _("Kota/kabupaten") if domestic else _("Kota")),
        ("employer_name", _("Pemberi kerja")),
        ("description", _("Deskripsi pekerjaan")),
    ):
        if not getattr(data, name):
            raise ServiceError("required", _("%(field)s wajib diisi.") % {"field": label}, field=name)
    if data.sector not in Sector.values:
        raise ServiceError("sector_unknown", _("Pilih sektor pekerjaan."), field="sector")
    if data.closing_date is None:
        raise ServiceError("closing_date_past", _("Isi tanggal tutup setelah hari ini."), field="closing_date")
    dates.CLOSING_DATE.require(data.closing_date, field="closing_date", code="closing_date_past")
    if data.openings is None or data.openings < 1:
        raise ServiceError("openings_invalid", _("Jumlah lowongan minimal 1."), field="openings")
    if data.openings < accepted_count:
        raise ServiceError(
            "openings_below_accepted",
            _("Jumlah lowongan tidak boleh kurang dari pelamar yang sudah diterima (%(n)s).") % {"n": accepted_count},
            field="openings",
        )
    if data.salary is None or data.salary <= 0:
        raise ServiceError("salary_invalid", _("Gaji per bulan harus lebih dari 0."), field="salary")
    if data.currency not in currency_codes():
        raise ServiceError("currency_invalid", _("Pilih mata uang dari daftar, misalnya TWD."), field="currency")
    if country_code(data.country) is None:
        raise ServiceError("country_unknown", _("Pilih negara tujuan dari daftar."), field="country")
    if not data.contract_months or data.contract_months < 1:
        raise ServiceError("contract_invalid", _("Lama kontrak minimal 1 bulan."), field="contract_months")
    if domestic:
        return  # any company may offer work in Indonesia; no SPR, no SIP2MI
    if not data.required_certificates:
        raise ServiceError(
            "certificates_required",
            _("Tulis minimal satu sertifikat kompetensi yang disyaratkan (satu per baris)."),
            field="required_certificates",
        )
    if data.permit is None:
        raise ServiceError("permit_required", _("Pilih SPR untuk lowongan ini."), field="permit")
    agency_can_act(agency)
    try:
        permit_check(permit=data.permit, agency=agency, country=data.country, position=data.position)
    except ServiceError as error:
        if error.field is None:
            error.field = {
                "permit_country_mismatch": "country",
                "permit_position_mismatch": "position",
            }.get(error.code, "permit")
        raise
    if data.closing_date > data.permit.valid_until:
        raise ServiceError(
            "closing_after_permit",
            _("Tanggal tutup melewati masa berlaku SPR (%(date)s).")
            % {"date": date_format(data.permit.valid_until, "d-m-Y")},
            field="closing_date",
        )


def vacancy_create(
    *,
    actor,
    permit=None,
    kind=VacancyKind.OVERSEAS,
    position,
    sector,
    country,
    city,
    employer_name,
    salary,
    currency,
    contract_months,
    openings,
    closing_date,
    required_certificates,
    other_requirements="",
    description,
    publish=True,
) -> Vacancy:
    """A company's new vacancy (overseas: under one of its SPRs; domestic: any company); published at once unless
    `publish` is false."""
    agency = agency_of(actor)
    if agency is None:
        raise PermissionDenied(_("Hanya staf aktif perusahaan yang dapat membuat lowongan."))
    data = VacancyData(
        kind=kind,
        permit=permit,
        position=position,
        sector=sector,
        country=country,
        city=city,
        employer_name=employer_name,
        salary=salary,
        currency=currency,
        contract_months=contract_months,
        openings=openings,
        closing_date=closing_date,
        required_certificates=required_certificates,
        description=description,
        other_requirements=other_requirements,
    ).cleaned()
    _check_vacancy(agency, data)
    now = timezone.now()
    with transaction.atomic():
        vacancy = Vacancy.objects.create(
            agency=agency,
            created_by=actor,
            status=VacancyStatus.PUBLISHED if publish else VacancyStatus.DRAFT,
            published_at=now if publish else None,
            **vars(data),
        )
        audit_record(
            actor=actor,
            action="vacancy.create",
            target=vacancy,
            data={
                "kind": vacancy.kind,
                "permit": vacancy.permit_id,
                "published": bool(publish),
                "openings": vacancy.openings,
            },
        )
    return vacancy


def _locked_vacancy(vacancy: Vacancy) -> Vacancy:
    return lock(Vacancy.objects.select_related("agency", "permit"), pk=vacancy.pk)


EDITABLE_FIELDS = tuple(f.name for f in fields(VacancyData))


def vacancy_update(*, vacancy: Vacancy, actor, **changes) -> Vacancy:
    """Change a draft or published vacancy's fields (any of `EDITABLE_FIELDS`)."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"vacancy_update: unknown fields {sorted(unknown)}")
    with transaction.atomic():
        vacancy = _locked_vacancy(vacancy)
        VACANCY_POLICY.require(vacancy, actor, "edit")
        values = {name: getattr(vacancy, name) for name in EDITABLE_FIELDS}
        values.update(changes)
        data = VacancyData(**values).cleaned()
        if data.kind != vacancy.kind and vacancy.applications.exists():
            raise ServiceError(
                "kind_has_applications",
                _("Jenis lowongan tidak dapat diubah karena sudah ada lamaran."),
                field="kind",
            )
        _check_vacancy(vacancy.agency, data, accepted_count=vacancy.accepted_count)
        changed = []
        for name in EDITABLE_FIELDS:
            value = getattr(data, name)
            if getattr(vacancy, name) != value:
                setattr(vacancy, name, value)
                changed.append(name)
        if changed:
            vacancy.save(update_fields=[*changed, "updated_at"])
            audit_record(
                actor=actor,
                action="vacancy.update",
                target=vacancy,
                data={"fields": changed},
            )
    return vacancy


def vacancy_publish(*, vacancy: Vacancy, actor) -> Vacancy:
    """Show a draft in the public list (the SPR and the licence must still be valid)."""
    with transaction.atomic():
        vacancy = _locked_vacancy(vacancy)
        VACANCY_POLICY.require(vacancy, actor, "publish")
        values = {name: getattr(vacancy, name) for name in EDITABLE_FIELDS}
        _check_vacancy(vacancy.agency, VacancyData(**values), accepted_count=vacancy.accepted_count)
        vacancy.status = VacancyStatus.PUBLISHED
        vacancy.published_at = timezone.now()
        vacancy.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(actor=actor, action="vacancy.publish", target=vacancy)
    return vacancy


def vacancy_close(*, vacancy: Vacancy, actor) -> Vacancy:
    """Take a vacancy out of the public list. Applications already sent can still be processed."""
    with transaction.atomic():
        vacancy = _locked_vacancy(vacancy)
        VACANCY_POLICY.require(vacancy, actor, "close")
        vacancy.status = VacancyStatus.CLOSED
        vacancy.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="vacancy.close", target=vacancy)
    return vacancy


# --- applications: the CPMI's side -------------------------------------------------------------------------


def _notify_on_commit(application: Application, notice: BoundNotice) -> None:
    """After commit; robust, so a failing notification never turns a saved change into an error. The applicant
    reads it in their own language, whoever acted."""
    user = application.applicant
    url = reverse("vacancies:my_application", args=[application.pk])
    transaction.on_commit(lambda: notify_user(user=user, notice=notice, url=url), robust=True)


def _event(application: Application, actor, note: str = "") -> ApplicationEvent:
    return ApplicationEvent.objects.create(application=application, status=application.status, note=note, actor=actor)


def application_apply(*, actor, vacancy: Vacancy) -> Application:
    """A job seeker applies. Overseas: a verified CPMI holding every required certificate among their current
    competency certificates. Domestic: any activated job seeker with a profile."""
    vacancy = Vacancy.objects.select_related("agency").get(pk=vacancy.pk)
    with transaction.atomic():
        VACANCY_POLICY.require(vacancy, actor, "apply")  # eligible, open, not applied yet, certificates held
        candidate = None if vacancy.is_domestic else candidate_of(actor)
        with refused_if_taken("already_applied", _("Anda sudah melamar lowongan ini.")):  # pressed twice at once
            application = Application.objects.create(vacancy=vacancy, applicant=actor, candidate=candidate)
        _event(application, actor)
        audit_record(
            actor=actor,
            action="application.apply",
            target=application,
            data={"vacancy": vacancy.pk, "kind": vacancy.kind},
        )
        _notify_on_commit(
            application,
            notices.APPLIED(
                position=vacancy.position,
                employer=vacancy.employer_name,
                country=vacancy.city if vacancy.is_domestic else vacancy.country_name,
                agency=vacancy.agency.name,
            ),
        )
        notify_members(
            vacancy.agency,
            notice=notices.NEW_APPLICATION(
                name=actor.full_name, position=vacancy.position, city=vacancy.city, country=vacancy.country_name
            ),
            url=reverse("vacancies:company_application", args=[application.pk]),
        )
    return application


def _locked(application: Application) -> Application:
    return lock(Application.objects.select_related("vacancy__agency", "applicant"), pk=application.pk)


def _move(application: Application, action: str, actor) -> None:
    """Take `action` if the policy lets the actor take it now (the application's row is locked)."""
    APPLICATION_POLICY.require(application, actor, action)
    application.status = APPLICATIONS.target(action)


def application_withdraw(*, application: Application, actor) -> Application:
    """The CPMI takes their application back, before it is accepted."""
    with transaction.atomic():
        application = _locked(application)
        _move(application, "withdraw", actor)
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decided_at", "updated_at"])
        _event(application, actor)
        audit_record(actor=actor, action="application.withdraw", target=application)
        _notify_on_commit(application, notices.WITHDRAWN(position=application.vacancy.position))
    return application


# --- applications: the company's side ----------------------------------------------------------------------


def application_process(*, application: Application, actor) -> Application:
    """The company starts looking at an application."""
    with transaction.atomic():
        application = _locked(application)
        _move(application, "process", actor)
        application.save(update_fields=["status", "updated_at"])
        _event(application, actor)
        audit_record(actor=actor, action="application.process", target=application)
        _notify_on_commit(
            application,
            notices.IN_REVIEW(agency=application.vacancy.agency.name, position=application.vacancy.position),
        )
    return application


def _when(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "d-m-Y H:i")


def _note(moment: datetime.datetime, where: str) -> str:
    return _("%(when)s · %(where)s") % {"when": _when(moment), "where": where}


# The interview's time and place as the recipient reads it, rendered with the notice.
_note_lazy = lazy(_note, str)


def application_schedule_interview(
    *, application: Application, actor, interview_at: datetime.datetime, place: str = "", link: str = ""
) -> Application:
    """Set (or move) the interview: a time in the future and a place, an on-line link, or both."""
    place, link = (place or "").strip(), (link or "").strip()
    dates.APPOINTMENT.require(interview_at, field="interview_at", code="interview_past")
    if interview_at is None or interview_at <= timezone.now():  # earlier today: the range judges days, not hours
        raise ServiceError("interview_past", _("Waktu wawancara harus di masa depan."), field="interview_at")
    if not place and not link:
        raise ServiceError(
            "interview_place_required",
            _("Isi tempat wawancara atau tautan wawancara daring."),
            field="interview_place",
        )
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            raise ServiceError(
                "interview_link_invalid", _("Tautan wawancara tidak valid."), field="interview_link"
            ) from None
    with transaction.atomic():
        application = _locked(application)
        rescheduled = application.status == ApplicationStatus.INTERVIEW
        _move(application, "schedule_interview", actor)
        application.interview_at = interview_at
        application.interview_place = place
        application.interview_link = link
        application.interview_reminder_sent_at = None
        application.save(
            update_fields=[
                "status",
                "interview_at",
                "interview_place",
                "interview_link",
                "interview_reminder_sent_at",
                "updated_at",
            ]
        )
        where = " · ".join(part for part in (place, link) if part)
        note = _note(interview_at, where)
        _event(application, actor, note=note)
        audit_record(
            actor=actor,
            action="application.reschedule_interview" if rescheduled else "application.schedule_interview",
            target=application,
            data={"interview_at": interview_at.isoformat(), "place": place, "link": link},
        )
        _notify_on_commit(
            application,
            (notices.INTERVIEW_RESCHEDULED if rescheduled else notices.INTERVIEW_SCHEDULED)(
                position=application.vacancy.position, note=_note_lazy(interview_at, where)
            ),
        )
    return application


def candidate_regency(candidate: MigrantCandidate):
    """The regency/city Region of the CPMI's KTP address (village → district → regency), or None."""
    village = candidate.user.address_village
    if village is None or village.parent is None:
        return None
    return village.parent.parent


def application_accept(*, application: Application, actor) -> Application:
    """Select the applicant: uses one opening and, for an overseas vacancy, one SPR quota unit — all in one
    transaction or not at all."""
    with transaction.atomic():
        application = _locked(application)
        application.vacancy = vacancy = _locked_vacancy(application.vacancy)
        _move(application, "accept", actor)  # the policy: its company, the status, an opening left
        agency = vacancy.agency
        if vacancy.is_domestic:
            return _accept_domestic(application, vacancy, actor)
        agency_can_act(agency)
        candidate = MigrantCandidate.objects.select_related("office", "user__address_village__parent__parent").get(
            pk=application.candidate_id
        )
        require_approved_officer(agency=agency, office=candidate.office)
        region = candidate_regency(candidate)
        if region is None:
            raise ServiceError(
                "no_address", _("Alamat KTP CPMI ini belum lengkap; wilayah perekrutan tidak dapat diperiksa.")
            )
        permit_check(
            permit=vacancy.permit, agency=agency, country=vacancy.country, position=vacancy.position, region=region
        )
        if PermitUse.objects.filter(application=application).exists():
            raise ServiceError("permit_already_used", _("Lamaran ini sudah tercatat memakai kuota SPR."))
        permit_consume(permit=vacancy.permit, application=application, actor=actor)
        PermitUse.objects.create(permit=vacancy.permit, application=application)
        _record_acceptance(
            application,
            vacancy,
            actor,
            data={"permit": vacancy.permit_id},
            notice=notices.ACCEPTED_OVERSEAS(
                position=vacancy.position, employer=vacancy.employer_name, agency=agency.name
            ),
        )
    return application


def _accept_domestic(application: Application, vacancy: Vacancy, actor) -> Application:
    """The domestic half of `application_accept` (inside its transaction, rows locked): no SPR, no quota."""
    _record_acceptance(
        application,
        vacancy,
        actor,
        data={"kind": vacancy.kind},
        notice=notices.ACCEPTED_DOMESTIC(position=vacancy.position, employer=vacancy.employer_name, city=vacancy.city),
    )
    return application


def _record_acceptance(application: Application, vacancy: Vacancy, actor, *, data: dict, notice) -> None:
    """What every acceptance writes once its checks passed (rows locked): one opening filled, the decision, its
    event, the audit entry and the applicant's notice."""
    vacancy.accepted_count += 1
    vacancy.save(update_fields=["accepted_count", "updated_at"])
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at", "updated_at"])
    _event(application, actor)
    audit_record(
        actor=actor,
        action="application.accept",
        target=application,
        data={"vacancy": vacancy.pk, **data, "accepted_count": vacancy.accepted_count},
    )
    _notify_on_commit(application, notice)


def application_reject(*, application: Application, actor, reason: str) -> Application:
    """Not selected, with a reason the CPMI will read."""
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("reason_required", _("Tulis alasan penolakan lamaran ini."), field="reason")
    with transaction.atomic():
        application = _locked(application)
        _move(application, "reject", actor)
        application.rejection_reason = reason
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "rejection_reason", "decided_at", "updated_at"])
        _event(application, actor, note=reason)
        audit_record(actor=actor, action="application.reject", target=application, reason=reason)
        _notify_on_commit(application, notices.REJECTED(position=application.vacancy.position, reason=reason))
    return application


# --- interview reminders -----------------------------------------------------------------------------------


def interview_reminders_send(now: datetime.datetime | None = None) -> int:
    """Remind each CPMI whose interview is tomorrow (Asia/Jakarta), once. Returns how many were sent."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now, JAKARTA).date() + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=JAKARTA)
    end = start + datetime.timedelta(days=1)
    due = Application.objects.filter(
        status=ApplicationStatus.INTERVIEW,
        interview_at__gte=start,
        interview_at__lt=end,
        interview_reminder_sent_at=None,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            application = (
                for_update(Application.objects.select_related("vacancy", "applicant"))
                .filter(pk=pk, status=ApplicationStatus.INTERVIEW, interview_reminder_sent_at=None)
                .first()
            )
            if application is None or not (start <= application.interview_at < end):
                continue  # taken by another worker, or moved since
            application.interview_reminder_sent_at = now
            application.save(update_fields=["interview_reminder_sent_at"])
            where = " · ".join(p for p in (application.interview_place, application.interview_link) if p)
            # In the same transaction: the reminder is recorded as sent exactly when its notification exists.
            notify_user(
                user=application.applicant,
                notice=notices.INTERVIEW_REMINDER(
                    position=application.vacancy.position, when=_when(application.interview_at), where=where
                ),
                url=reverse("vacancies:my_application", args=[application.pk]),
            )
            sent += 1
    return sent
