"""Companies in a job fair (seed 003 part C, "Perusahaan"): ask to join, the organiser accepts (within the
fair's maximum of companies) or rejects with a reason; once accepted the company publishes vacancies into the
fair, processes their applicants and writes its stand's FAQ (Pertanyaan Umum).

requested ──accept (organiser; fair row locked, max_companies respected)──▶ accepted
    └──────reject (organiser, with a reason)──────────────────────────────▶ rejected

One function per change: lock, ask `participation.policy.POLICY` (the PARTICIPATIONS table, ownership, the
fair's phase and quota), change, audit, notify on commit.
Applications themselves stay in apps.vacancies: the company processes a fair's applicants on the vacancies app's one
application page, which shows the fair's panel (`participation.panels`).
"""

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.agencies.selectors import agency_of
from apps.agencies.services import agency_can_act, notify_members
from apps.audit.services import audit_record
from apps.core.errors import PermissionDenied, ServiceError
from apps.core.locking import for_update, lock, refused_if_taken
from apps.jobfairs import notices
from apps.jobfairs.models import (
    FairFaq,
    FairParticipation,
    FairVacancy,
    JobFair,
)
from apps.jobfairs.participation.permissions import PARTICIPATIONS
from apps.jobfairs.participation.policy import POLICY, participation_for
from apps.messaging.notices import BoundNotice
from apps.messaging.services import notify_user
from apps.permits.services import permit_check
from apps.vacancies import services as vacancy_services
from apps.vacancies.models import Vacancy, VacancyStatus

FAQ_QUESTION_MAX = 300
FAQ_ANSWER_MAX = 4000


# --- shared checks ---------------------------------------------------------------------------------------------


def _company_of(actor):
    agency = agency_of(actor)
    if agency is None:
        raise PermissionDenied(_("Hanya anggota aktif perusahaan yang dapat mengikuti job fair."))
    return agency


def accepted_participation(fair: JobFair, actor, action: str = "view", now=None) -> FairParticipation:
    """The actor's company's participation in `fair` when the policy lets it take `action` there; refused
    ("not accepted") otherwise, with the same message whether it never asked or is still waiting."""
    participation = participation_for(fair, _company_of(actor))
    POLICY.require(participation, actor, action, now=now)
    return participation


def _notify_organiser(fair: JobFair, notice: BoundNotice) -> None:
    organiser, url = fair.organiser, reverse("jobfairs:fair_manage", args=[fair.pk])
    transaction.on_commit(lambda: notify_user(user=organiser, notice=notice, url=url), robust=True)


# --- joining ---------------------------------------------------------------------------------------------------


@transaction.atomic
def participation_request(*, fair: JobFair, actor) -> FairParticipation:
    """The actor's company asks to join a published fair that has not ended."""
    agency = _company_of(actor)
    fair = lock(JobFair.objects.select_related("organiser"), pk=fair.pk)
    POLICY.require(participation_for(fair, agency), actor, "request")
    with refused_if_taken("already_requested", _("Perusahaan Anda sudah mendaftar ke job fair ini.")):
        participation = FairParticipation.objects.create(fair=fair, agency=agency, requested_by=actor)
    audit_record(actor=actor, action="jobfair.participation_request", target=participation, data={"fair": fair.pk})
    _notify_organiser(fair, notices.PARTICIPATION_REQUESTED(company=agency.name, fair=fair.name))
    return participation


@transaction.atomic
def participation_accept(*, participation: FairParticipation, actor) -> FairParticipation:
    """The organiser accepts a company. The fair's row is locked first, so two acceptances at once cannot
    both take the last place: `max_companies` holds."""
    fair = lock(JobFair, pk=participation.fair.pk)
    participation = (
        for_update(FairParticipation.objects.select_related("agency")).filter(pk=participation.pk).first()
        or participation  # never asked (unsaved): the policy refuses it
    )
    participation.fair = fair
    POLICY.require(participation, actor, "accept")
    participation.status = PARTICIPATIONS.target("accept")
    participation.reason = ""
    participation.decided_by = actor
    participation.decided_at = timezone.now()
    participation.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit_record(actor=actor, action="jobfair.participation_accept", target=participation, data={"fair": fair.pk})
    notify_members(
        participation.agency,
        notice=notices.PARTICIPATION_ACCEPTED(fair=fair.name),
        url=reverse("jobfairs:company_fair", args=[fair.pk]),
    )
    return participation


@transaction.atomic
def participation_reject(*, participation: FairParticipation, actor, reason: str) -> FairParticipation:
    """The organiser turns a company down, with a reason the company reads."""
    fair = lock(JobFair, pk=participation.fair.pk)
    participation = (
        for_update(FairParticipation.objects.select_related("agency")).filter(pk=participation.pk).first()
        or participation  # never asked (unsaved): the policy refuses it
    )
    participation.fair = fair
    POLICY.require(participation, actor, "reject")
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("reason_required", _("Tuliskan alasan penolakan perusahaan."), field="reason")
    participation.status = PARTICIPATIONS.target("reject")
    participation.reason = reason
    participation.decided_by = actor
    participation.decided_at = timezone.now()
    participation.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit_record(actor=actor, action="jobfair.participation_reject", target=participation, reason=reason)
    notify_members(
        participation.agency,
        notice=notices.PARTICIPATION_REJECTED(fair=fair.name, reason=reason),
        url=reverse("jobfairs:company_fair", args=[fair.pk]),
    )
    return participation


@transaction.atomic
def participation_withdraw(*, fair: JobFair, actor, now=None) -> FairParticipation:
    """The company leaves a fair it asked to join or was accepted to, before the fair starts. Its vacancies leave
    the fair with it (they stay on the company's own list); the organiser is told."""
    agency = _company_of(actor)
    fair = lock(JobFair.objects.select_related("organiser"), pk=fair.pk)
    participation = for_update(FairParticipation.objects.select_related("agency")).filter(
        fair=fair, agency=agency
    ).first() or FairParticipation(fair=fair, agency=agency)
    participation.fair = fair
    POLICY.require(participation, actor, "withdraw", now=now)
    previous = participation.status
    participation.status = PARTICIPATIONS.target("withdraw")
    participation.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="jobfair.participation_withdraw",
        target=participation,
        data={"fair": fair.pk, "from": previous},
    )
    _notify_organiser(fair, notices.PARTICIPATION_WITHDRAWN(company=agency.name, fair=fair.name))
    return participation


# --- vacancies in the fair -------------------------------------------------------------------------------------


def _require_publishable(vacancy: Vacancy, agency) -> None:
    if vacancy.agency_id != agency.pk:
        raise PermissionDenied(_("Lowongan ini milik perusahaan lain."))
    if vacancy.status != VacancyStatus.PUBLISHED or vacancy.closing_date < timezone.localdate() or vacancy.is_full:
        raise ServiceError(
            "vacancy_not_open", _("Hanya lowongan yang sedang tayang yang dapat dipublikasikan di job fair.")
        )
    if not vacancy.is_domestic:
        # Overseas placement: the company's SIP2MI and the vacancy's SPR must still be valid.
        agency_can_act(agency)
        permit_check(permit=vacancy.permit, agency=agency, country=vacancy.country, position=vacancy.position)


@transaction.atomic
def fair_vacancy_add(*, fair: JobFair, actor, vacancy: Vacancy) -> FairVacancy:
    """Publish one of the company's open vacancies into a fair it was accepted to, until the fair ends."""
    fair = JobFair.objects.get(pk=fair.pk)
    participation = accepted_participation(fair, actor, "publish_vacancy")
    vacancy = Vacancy.objects.select_related("agency", "permit").get(pk=vacancy.pk)
    _require_publishable(vacancy, participation.agency)
    message = _("Lowongan ini sudah dipublikasikan di job fair ini.")
    if FairVacancy.objects.filter(fair=fair, vacancy=vacancy).exists():
        raise ServiceError("already_in_fair", message)
    with refused_if_taken("already_in_fair", message):
        entry = FairVacancy.objects.create(fair=fair, participation=participation, vacancy=vacancy)
    audit_record(
        actor=actor, action="jobfair.vacancy_publish", target=entry, data={"fair": fair.pk, "vacancy": vacancy.pk}
    )
    return entry


@transaction.atomic
def fair_vacancy_create(*, fair: JobFair, actor, **vacancy_fields) -> FairVacancy:
    """A new vacancy (the vacancies app's own rules: SPR, SIP2MI, dates…) published at once into the fair."""
    fair = JobFair.objects.get(pk=fair.pk)
    accepted_participation(fair, actor, "publish_vacancy")
    vacancy = vacancy_services.vacancy_create(actor=actor, publish=True, **vacancy_fields)
    return fair_vacancy_add(fair=fair, actor=actor, vacancy=vacancy)


@transaction.atomic
def fair_vacancy_remove(*, fair: JobFair, actor, entry: FairVacancy) -> None:
    """Take one of the company's vacancies out of the fair (the vacancy itself stays on its list). Refused once
    someone applied to it in the fair: their applications belong to the fair."""
    fair = JobFair.objects.get(pk=fair.pk)
    participation = accepted_participation(fair, actor, "remove_vacancy")
    entry = for_update(FairVacancy).filter(pk=entry.pk, fair=fair).first()
    if entry is None or entry.participation_id != participation.pk:
        raise PermissionDenied(_("Lowongan ini bukan lowongan perusahaan Anda di job fair ini."))
    if entry.fair_applications.exists():
        raise ServiceError(
            "has_fair_applications",
            _("Lowongan ini sudah dilamar di job fair ini sehingga tidak dapat ditarik. Tutup lowongannya bila perlu."),
        )
    audit_record(
        actor=actor,
        action="jobfair.vacancy_remove",
        target=entry,
        data={"fair": fair.pk, "vacancy": entry.vacancy_id},
    )
    entry.delete()


# --- the stand's FAQ (Pertanyaan Umum) -------------------------------------------------------------------------


def _clean_faq(question: str, answer: str) -> tuple[str, str]:
    question, answer = (question or "").strip(), (answer or "").strip()
    if not question:
        raise ServiceError("required", _("Tulis pertanyaannya."), field="question")
    if len(question) > FAQ_QUESTION_MAX:
        raise ServiceError(
            "too_long", _("Pertanyaan paling panjang %(n)s karakter.") % {"n": FAQ_QUESTION_MAX}, field="question"
        )
    if not answer:
        raise ServiceError("required", _("Tulis jawabannya."), field="answer")
    if len(answer) > FAQ_ANSWER_MAX:
        raise ServiceError(
            "too_long", _("Jawaban paling panjang %(n)s karakter.") % {"n": FAQ_ANSWER_MAX}, field="answer"
        )
    return question, answer


def _faq_participation(fair: JobFair, actor) -> FairParticipation:
    participation = accepted_participation(fair, actor, "edit_faq")
    # Locked: positions of the stand's questions change together.
    return lock(FairParticipation.objects.select_related("agency"), pk=participation.pk)


def _own_faq(faq: FairFaq, participation: FairParticipation) -> FairFaq:
    faq = lock(FairFaq, pk=faq.pk)
    if faq.participation_id != participation.pk:
        raise PermissionDenied(_("Pertanyaan ini milik perusahaan lain."))
    return faq


@transaction.atomic
def faq_add(*, fair: JobFair, actor, question: str, answer: str) -> FairFaq:
    participation = _faq_participation(fair, actor)
    question, answer = _clean_faq(question, answer)
    last = FairFaq.objects.filter(participation=participation).aggregate(last=Max("position"))["last"]
    faq = FairFaq.objects.create(
        participation=participation, question=question, answer=answer, position=(last or 0) + 1
    )
    audit_record(actor=actor, action="jobfair.faq_add", target=faq, data={"fair": fair.pk})
    return faq


@transaction.atomic
def faq_update(*, fair: JobFair, faq: FairFaq, actor, question: str, answer: str) -> FairFaq:
    participation = _faq_participation(fair, actor)
    faq = _own_faq(faq, participation)
    faq.question, faq.answer = _clean_faq(question, answer)
    faq.save(update_fields=["question", "answer"])
    audit_record(actor=actor, action="jobfair.faq_update", target=faq, data={"fair": fair.pk})
    return faq


@transaction.atomic
def faq_remove(*, fair: JobFair, faq: FairFaq, actor) -> None:
    participation = _faq_participation(fair, actor)
    faq = _own_faq(faq, participation)
    audit_record(actor=actor, action="jobfair.faq_remove", target=faq, data={"question": faq.question})
    faq.delete()


@transaction.atomic
def faq_move(*, fair: JobFair, faq: FairFaq, actor, direction: str) -> FairFaq:
    """Swap the question with the one above ("up") or below ("down"); at either end nothing changes."""
    if direction not in ("up", "down"):
        raise ServiceError("invalid_direction", _("Pilih naik atau turun."))
    participation = _faq_participation(fair, actor)
    faq = _own_faq(faq, participation)
    faqs = list(FairFaq.objects.filter(participation=participation).order_by("position", "pk"))
    index = next(i for i, item in enumerate(faqs) if item.pk == faq.pk)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(faqs):
        faqs[index], faqs[other] = faqs[other], faqs[index]
        # Renumber the whole stand: older rows may share a position.
        for position, item in enumerate(faqs, start=1):
            if item.position != position:
                item.position = position
                item.save(update_fields=["position"])
        audit_record(actor=actor, action="jobfair.faq_move", target=faq, data={"direction": direction})
    return faq
