"""Company pages of job fairs (join, vacancies in the fair, applicants, the stand's FAQ) and the organiser's
decision on a company's request. Views parse input, call `apps.jobfairs.participation` and render.

A company sees a fair's company page when the fair is published or the company has asked to join it; it acts
there only once accepted (the service refuses otherwise). An organiser decides only on their own fair's
requests (another organiser's answer 404).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as Forbidden
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.access.decorators import role_required
from apps.access.roles import Role
from apps.agencies.selectors import agency_of
from apps.core.errors import ServiceError
from apps.jobfairs.models import FairFaq, FairParticipation, FairVacancy, JobFair, ParticipationStatus
from apps.jobfairs.participation import selectors as participation_selectors
from apps.jobfairs.participation import services
from apps.jobfairs.participation.forms import DecisionForm, ExistingVacancyForm, FaqForm
from apps.jobfairs.participation.policy import POLICY, participation_for
from apps.profiles.models import JobSeekerProfile
from apps.profiles.selectors import age_on
from apps.vacancies import selectors as vacancy_selectors
from apps.vacancies.forms import VACANCY_FIELDS, VacancyForm
from apps.vacancies.models import ApplicationStatus, Vacancy, VacancyStatus

TEMPLATES = "jobfairs/participation/"


def _company(request):
    agency = agency_of(request.user)
    if agency is None:
        raise Forbidden(_("Akun Anda belum terhubung ke perusahaan."))
    return agency


def _fair_for_company(request, pk):
    """A fair the company may see (published, or one it has asked to join): (agency, fair, participation, actions);
    the participation is unsaved when it has not asked yet. Otherwise 404."""
    agency = _company(request)
    fair = get_object_or_404(JobFair.objects.select_related("organiser__organiser_profile"), pk=pk)
    participation = participation_for(fair, agency)
    actions = POLICY.available_actions(participation, request.user)
    if not actions["view"]:
        raise Http404
    return agency, fair, participation, actions


def _accepted(request, pk, action):
    """(agency, fair, participation) when the company may take `action` in the fair; 404 otherwise."""
    agency, fair, participation, actions = _fair_for_company(request, pk)
    if not actions[action]:
        raise Http404
    return agency, fair, participation


# --- the company's list and fair page ------------------------------------------------------------------------


@role_required(Role.AGENCY_STAFF)
@require_GET
def company_fairs(request):
    agency = _company(request)
    context = {"agency": agency, "now": timezone.now(), **participation_selectors.company_fairs(agency)}
    return render(request, TEMPLATES + "company_fairs.html", context)


def _open_vacancies(agency, fair):
    """The company's vacancies that can still go into the fair."""
    return (
        Vacancy.objects.filter(agency=agency, status=VacancyStatus.PUBLISHED, closing_date__gte=timezone.localdate())
        .exclude(fair_entries__fair=fair)
        .order_by("position", "pk")
    )


@role_required(Role.AGENCY_STAFF)
@require_GET
def company_fair(request, pk):
    agency, fair, participation, actions = _fair_for_company(request, pk)
    context = {
        "agency": agency,
        "fair": fair,
        "participation": participation if participation.pk else None,
        "phase": fair.phase(),
        "actions": actions,
        "accepted": participation.status == ParticipationStatus.ACCEPTED and participation.pk is not None,
    }
    if context["accepted"]:
        context["entries"] = (
            FairVacancy.objects.filter(participation=participation)
            .select_related("vacancy")
            .annotate(
                fair_application_count=Count("fair_applications", distinct=True),
                application_count=Count("vacancy__applications", distinct=True),
                new_count=Count(
                    "vacancy__applications",
                    filter=Q(vacancy__applications__status=ApplicationStatus.SENT),
                    distinct=True,
                ),
            )
            .order_by("vacancy__position", "pk")
        )
        context["existing_form"] = ExistingVacancyForm(vacancies=_open_vacancies(agency, fair))
    if context["accepted"]:
        context["faqs"] = list(FairFaq.objects.filter(participation=participation))
        context["faq_form"] = FaqForm()
    return render(request, TEMPLATES + "company_fair.html", context)


@role_required(Role.AGENCY_STAFF)
@require_POST
def participation_request(request, pk):
    _agency, fair, _participation, _actions = _fair_for_company(request, pk)
    try:
        services.participation_request(fair=fair, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Permintaan terkirim. Penyelenggara akan menerima atau menolak perusahaan Anda."))
    return redirect("jobfairs:company_fair", pk=fair.pk)


@role_required(Role.AGENCY_STAFF)
@require_POST
def participation_withdraw(request, pk):
    _agency, fair, _participation, _actions = _fair_for_company(request, pk)
    try:
        services.participation_withdraw(fair=fair, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Perusahaan Anda mengundurkan diri dari job fair ini."))
    return redirect("jobfairs:company_fair", pk=fair.pk)


# --- vacancies in the fair -------------------------------------------------------------------------------------


@role_required(Role.AGENCY_STAFF)
@require_POST
def fair_vacancy_add(request, pk):
    agency, fair, _participation, _actions = _fair_for_company(request, pk)
    form = ExistingVacancyForm(request.POST, vacancies=Vacancy.objects.filter(agency=agency))
    if not form.is_valid():
        messages.error(request, _("Pilih lowongan yang akan dipublikasikan."))
        return redirect("jobfairs:company_fair", pk=fair.pk)
    try:
        services.fair_vacancy_add(fair=fair, actor=request.user, vacancy=form.cleaned_data["vacancy"])
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Lowongan dipublikasikan di job fair."))
    return redirect("jobfairs:company_fair", pk=fair.pk)


@role_required(Role.AGENCY_STAFF)
@require_POST
def fair_vacancy_remove(request, pk, entry_pk):
    agency, fair, _participation, _actions = _fair_for_company(request, pk)
    entry = get_object_or_404(FairVacancy, pk=entry_pk, fair=fair, participation__agency=agency)
    try:
        services.fair_vacancy_remove(fair=fair, actor=request.user, entry=entry)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Lowongan ditarik dari job fair. Lowongan tetap tayang di daftar lowongan."))
    return redirect("jobfairs:company_fair", pk=fair.pk)


def _permits(agency):
    from apps.permits.models import RecruitmentPermit

    return RecruitmentPermit.objects.filter(agency=agency, valid_until__gte=timezone.localdate()).order_by(
        "-valid_until", "number"
    )


@role_required(Role.AGENCY_STAFF)
def fair_vacancy_create(request, pk):
    agency, fair, _participation, actions = _fair_for_company(request, pk)
    if not actions["publish_vacancy"]:
        messages.error(request, actions["publish_vacancy"].reason)
        return redirect("jobfairs:company_fair", pk=fair.pk)
    form = VacancyForm(request.POST or None, permits=_permits(agency), agency=agency)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in ("kind", "permit", *VACANCY_FIELDS)}
        try:
            services.fair_vacancy_create(fair=fair, actor=request.user, **data)
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Lowongan ditayangkan dan dipublikasikan di job fair."))
            return redirect("jobfairs:company_fair", pk=fair.pk)
    return render(request, TEMPLATES + "vacancy_form.html", {"form": form, "fair": fair, "agency": agency})


# --- applicants ------------------------------------------------------------------------------------------------


def _profiles_prefetch():
    return [
        "applicant__job_seeker_profile__educations",
        "applicant__job_seeker_profile__experiences",
        "applicant__job_seeker_profile__trainings",
        "applicant__job_seeker_profile__skills",
        "applicant__job_seeker_profile__certifications",
    ]


def _with_profile(application):
    """The applicant's 7-step profile (prefetched, or None) and age, for the partial."""
    user = application.applicant
    try:
        application.profile = user.job_seeker_profile
    except JobSeekerProfile.DoesNotExist:
        application.profile = None
    application.age = age_on(user.birth_date)
    return application


@role_required(Role.AGENCY_STAFF)
@require_GET
def fair_applicants(request, pk, entry_pk):
    _agency, fair, participation = _accepted(request, pk, "manage_applicants")
    entry = get_object_or_404(FairVacancy.objects.select_related("vacancy"), pk=entry_pk, participation=participation)
    applications = [
        _with_profile(application)
        for application in vacancy_selectors.applicants(entry.vacancy)
        .select_related("applicant__job_seeker_profile")
        .prefetch_related(*_profiles_prefetch())
    ]
    for application in applications:
        if application.candidate is not None:  # overseas: a CPMI's competency certificates against the vacancy's
            held = application.candidate.registration.current_certificates
            application.missing = vacancy_selectors.missing_certificates(application.candidate, entry.vacancy, held)
    context = {"fair": fair, "entry": entry, "vacancy": entry.vacancy, "applications": applications}
    return render(request, TEMPLATES + "applicants.html", context)


# --- the stand's FAQ -------------------------------------------------------------------------------------------


@role_required(Role.AGENCY_STAFF)
@require_POST
def faq_add(request, pk):
    _agency, fair, _participation, _actions = _fair_for_company(request, pk)
    form = FaqForm(request.POST)
    if form.is_valid():
        try:
            services.faq_add(fair=fair, actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Pertanyaan ditambahkan."))
    else:
        messages.error(request, _("Isi pertanyaan dan jawabannya."))
    return redirect("jobfairs:company_fair", pk=fair.pk)


def _faq(request, pk, faq_pk):
    _agency, fair, participation = _accepted(request, pk, "edit_faq")
    return fair, get_object_or_404(FairFaq, pk=faq_pk, participation=participation)


@role_required(Role.AGENCY_STAFF)
def faq_edit(request, pk, faq_pk):
    fair, faq = _faq(request, pk, faq_pk)
    form = FaqForm(request.POST or None, initial={"question": faq.question, "answer": faq.answer})
    if request.method == "POST" and form.is_valid():
        try:
            services.faq_update(fair=fair, faq=faq, actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Pertanyaan disimpan."))
            return redirect("jobfairs:company_fair", pk=fair.pk)
    return render(request, TEMPLATES + "faq_form.html", {"fair": fair, "faq": faq, "form": form})


@role_required(Role.AGENCY_STAFF)
@require_POST
def faq_delete(request, pk, faq_pk):
    fair, faq = _faq(request, pk, faq_pk)
    try:
        services.faq_remove(fair=fair, faq=faq, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Pertanyaan dihapus."))
    return redirect("jobfairs:company_fair", pk=fair.pk)


@role_required(Role.AGENCY_STAFF)
@require_POST
def faq_move(request, pk, faq_pk):
    fair, faq = _faq(request, pk, faq_pk)
    try:
        services.faq_move(fair=fair, faq=faq, actor=request.user, direction=request.POST.get("direction", ""))
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("jobfairs:company_fair", pk=fair.pk)


# --- the organiser's decision ----------------------------------------------------------------------------------


@role_required(Role.JOBFAIR_ORGANISER)
@require_POST
def participation_decide(request, pk, participation_pk):
    participation = get_object_or_404(FairParticipation.objects.select_related("fair"), pk=participation_pk, fair_id=pk)
    if POLICY.decide(participation, request.user, "accept").denied:  # another organiser's fair
        raise Http404
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pilih terima atau tolak."))
        return redirect("jobfairs:fair_manage", pk=pk)
    try:
        if form.cleaned_data["decision"] == "accept":
            services.participation_accept(participation=participation, actor=request.user)
            messages.success(request, _("Perusahaan diterima dan diberi tahu."))
        else:
            services.participation_reject(
                participation=participation, actor=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Perusahaan ditolak dan diberi tahu alasannya."))
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("jobfairs:fair_manage", pk=pk)
