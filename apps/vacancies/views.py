"""Vacancy pages: the public list and detail with applying, the CPMI's applications, and the company's vacancies,
applicants and pipeline. Views only parse input, call `apps.vacancies.services` and render."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as Forbidden
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_GET, require_POST

from apps.access.decorators import role_required
from apps.access.roles import Role
from apps.agencies.selectors import agency_of
from apps.audit.services import audit_record
from apps.core.confirm import ask_first, is_confirmed
from apps.core.downloads import private_file_response
from apps.core.errors import ServiceError
from apps.profiles.selectors import age_on, applicant_profile
from apps.vacancies import public_cache, selectors, services
from apps.vacancies.forms import VACANCY_FIELDS, InterviewForm, RejectForm, VacancyFilterForm, VacancyForm
from apps.vacancies.models import ApplicationStatus, VacancyStatus
from apps.vacancies.panels import application_panels, candidate_statuses
from apps.vacancies.policy import APPLICATION_POLICY, VACANCY_POLICY, remembering

# --- public pages ------------------------------------------------------------------------------------------


@require_GET
@condition(etag_func=public_cache.etag, last_modified_func=public_cache.last_modified)
def vacancy_list(request):
    """Anonymous visitors get the page from the cache and a 304 when their copy is current; everyone gets the
    list's body (filters, cards, pages) from the cache (public_cache)."""

    def render_body():
        filters = VacancyFilterForm(request.GET or None, countries=selectors.countries())
        cleaned = filters.cleaned_data if filters.is_valid() else {}
        criteria = selectors.VacancyFilters(
            search=cleaned.get("q") or "",
            country=cleaned.get("negara") or "",
            sector=cleaned.get("sektor") or "",
            position=cleaned.get("jabatan") or "",
            salary_min=cleaned.get("gaji_min"),
            salary_max=cleaned.get("gaji_maks"),
            closing_soon=bool(cleaned.get("segera_tutup")),
            kind=cleaned.get("jenis") or "",
        )
        paginator = selectors.CappedPaginator(
            selectors.public_vacancies(criteria), in_order=selectors.reads_in_order(criteria)
        )
        context = {
            "filters": filters,
            "filtered": any(value for name, value in cleaned.items()),
            "page": paginator.get_page(request.GET.get("halaman")),
            "count_cap": selectors.COUNT_CAP,
            "soon": timezone.localdate() + datetime.timedelta(days=selectors.CLOSING_SOON_DAYS),
        }
        return render_to_string("vacancies/_list_body.html", context, request=request)

    def render_page(extra):
        body = public_cache.shared(request, "list-body", render_body)
        return render_to_string("vacancies/list.html", {**extra, "body": body}, request=request)

    return HttpResponse(public_cache.page(request, "list", render_page))


# The apply box's state for each refusal of the policy's "apply" (any other refusal shows its reason).
_APPLY_STATES = {
    "permission_denied": "not_job_seeker",
    "already_applied": "applied",
    "no_profile": "no_profile",
    "not_cpmi": "not_cpmi",
    "certificates_missing": "missing",
}


def _apply_state(user, vacancy) -> dict:
    """What the detail page offers the visitor instead of (or as) the apply button: the policy's answer."""
    if not selectors.is_open(vacancy):
        return {"state": "full" if vacancy.is_full and vacancy.status == VacancyStatus.PUBLISHED else "closed"}
    if not user.is_authenticated:
        return {"state": "anonymous"}
    decision = VACANCY_POLICY.decide(vacancy, user, "apply")
    if decision.allowed:
        return {"state": "can_apply"}
    state = _APPLY_STATES.get(decision.code, "refused")
    if state == "applied":
        application = vacancy.applications.filter(applicant=user).first()
        return {"state": state, "application": candidate_statuses([application])[0]}
    if state == "missing":
        candidate = services.candidate_of(user)
        certificates = list(selectors.current_certificates(candidate))
        missing = selectors.missing_certificates(candidate, vacancy, certificates)
        return {"state": state, "missing": missing, "certificates": certificates}
    return {"state": state, "reason": decision.reason}


@require_GET
@condition(etag_func=public_cache.etag, last_modified_func=public_cache.last_modified)
def vacancy_detail(request, pk):
    def render_page(extra):
        vacancy = selectors.public_vacancy(pk)
        if vacancy is None:
            raise Http404
        context = {"vacancy": vacancy, **_apply_state(request.user, vacancy)}
        body = render_to_string("vacancies/_detail_body.html", context, request)
        return render_to_string(
            "vacancies/detail.html", {**extra, "title": vacancy.position, "body": body}, request=request
        )

    return HttpResponse(public_cache.page(request, "detail", render_page))


@login_required
@require_POST
def apply(request, pk):
    vacancy = selectors.public_vacancy(pk)
    if vacancy is None:
        raise Http404
    try:
        application = services.application_apply(actor=request.user, vacancy=vacancy)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("vacancies:detail", pk=pk)
    messages.success(request, _("Lamaran Anda terkirim. Pantau statusnya di halaman Lamaran saya."))
    return redirect("vacancies:my_application", pk=application.pk)


# --- the CPMI's applications ---------------------------------------------------------------------------------


@role_required(Role.JOB_SEEKER)
@require_GET
def my_applications(request):
    candidate = services.candidate_of(request.user)
    applications = candidate_statuses(selectors.applications_of(request.user))
    return render(request, "vacancies/my_applications.html", {"candidate": candidate, "applications": applications})


def _my_application(request, pk):
    application = selectors.application_of_applicant(request.user, pk)
    if application is None or not APPLICATION_POLICY.allows(application, request.user, "view"):
        raise Http404
    return application


@role_required(Role.JOB_SEEKER)
@require_GET
def my_application(request, pk):
    application = _my_application(request, pk)
    candidate_statuses([application])
    context = {
        "application": application,
        "vacancy": application.vacancy,
        "events": list(application.events.all()),
        "panels": application_panels(application=application, request=request),
        "actions": APPLICATION_POLICY.available_actions(application, request.user),
    }
    return render(request, "vacancies/my_application.html", context)


@role_required(Role.JOB_SEEKER)
@require_POST
def withdraw(request, pk):
    application = _my_application(request, pk)
    if APPLICATION_POLICY.allows(application, request.user, "withdraw") and not is_confirmed(request):
        return ask_first(
            request,
            heading=_("Batalkan lamaran ini?"),
            consequence=_(
                "Lamaran Anda untuk %(vacancy)s di %(company)s dibatalkan dan tidak dapat diurungkan: perusahaan "
                "tidak lagi memprosesnya, dan Anda tidak dapat melamar lowongan yang sama lagi."
            )
            % {"vacancy": application.vacancy, "company": application.vacancy.agency.name},
            confirm_label=_("Ya, batalkan lamaran"),
            back_url=reverse("vacancies:my_application", args=[pk]),
            danger=True,
        )
    try:
        services.application_withdraw(application=application, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Lamaran dibatalkan."))
    return redirect("vacancies:my_application", pk=pk)


# --- the company's pages -------------------------------------------------------------------------------------


def _company(request):
    agency = agency_of(request.user)
    if agency is None:
        raise Forbidden(_("Akun Anda belum terhubung ke perusahaan penempatan."))
    return agency


@role_required(Role.AGENCY_STAFF)
@require_GET
def company_vacancies(request):
    agency = _company(request)
    vacancies = list(selectors.company_vacancies(agency))
    today = timezone.localdate()
    with remembering():  # one membership question for the whole list
        for vacancy in vacancies:
            vacancy.open = selectors.is_open(vacancy, today)
            vacancy.actions = VACANCY_POLICY.available_actions(vacancy, request.user)
    return render(
        request,
        "vacancies/company_vacancies.html",
        {"agency": agency, "vacancies": vacancies, "has_permits": selectors.valid_permits(agency).exists()},
    )


def _save_vacancy(request, form, vacancy=None):
    """Create or change; a refused value's message is shown beside its field. Returns the vacancy or None."""
    if not form.is_valid():
        return None
    data = {name: form.cleaned_data[name] for name in ("kind", "permit", *VACANCY_FIELDS)}
    try:
        if vacancy is None:
            publish = request.POST.get("action") != "draft"
            return services.vacancy_create(actor=request.user, publish=publish, **data)
        return services.vacancy_update(vacancy=vacancy, actor=request.user, **data)
    except ServiceError as error:
        form.add_service_error(error)
        return None


@role_required(Role.AGENCY_STAFF)
def company_vacancy_create(request):
    agency = _company(request)
    permits = selectors.valid_permits(agency)
    form = VacancyForm(request.POST or None, permits=permits, agency=agency)
    if request.method == "POST":
        vacancy = _save_vacancy(request, form)
        if vacancy is not None:
            if vacancy.status == VacancyStatus.PUBLISHED:
                messages.success(request, _("Lowongan ditayangkan."))
            else:
                messages.success(request, _("Lowongan disimpan sebagai draf."))
            return redirect("vacancies:company_vacancies")
    return render(request, "vacancies/vacancy_form.html", {"form": form, "agency": agency, "vacancy": None})


def _own_vacancy(request, pk, action="manage"):
    """The company's own vacancy when the policy lets the person take `action` on it now; 404 otherwise."""
    agency = _company(request)
    vacancy = selectors.company_vacancy(agency, pk)
    if vacancy is None or not VACANCY_POLICY.allows(vacancy, request.user, action):
        raise Http404
    return agency, vacancy


@role_required(Role.AGENCY_STAFF)
def company_vacancy_edit(request, pk):
    agency, vacancy = _own_vacancy(request, pk, "edit")
    permits = selectors.valid_permits(agency, keeping=vacancy.permit_id)
    initial = {name: getattr(vacancy, name) for name in ("kind", "permit", *VACANCY_FIELDS)}
    form = VacancyForm(request.POST or None, initial=initial, permits=permits.distinct(), agency=agency)
    if request.method == "POST":
        if _save_vacancy(request, form, vacancy) is not None:
            messages.success(request, _("Perubahan lowongan disimpan."))
            return redirect("vacancies:company_vacancies")
    return render(request, "vacancies/vacancy_form.html", {"form": form, "agency": agency, "vacancy": vacancy})


@role_required(Role.AGENCY_STAFF)
@require_POST
def company_vacancy_status(request, pk):
    _agency, vacancy = _own_vacancy(request, pk)
    action = request.POST.get("action")
    try:
        if action == "publish":
            services.vacancy_publish(vacancy=vacancy, actor=request.user)
            messages.success(request, _("Lowongan ditayangkan."))
        elif action == "close":
            services.vacancy_close(vacancy=vacancy, actor=request.user)
            messages.success(request, _("Lowongan ditutup."))
    except ServiceError as error:
        messages.error(request, error.message)
    return redirect("vacancies:company_vacancies")


@role_required(Role.AGENCY_STAFF)
@require_GET
def applicants(request, pk):
    """A vacancy's applicants, 25 a page, by status: a popular vacancy's thousand applicants are not one page."""
    _agency, vacancy = _own_vacancy(request, pk)
    counts = selectors.applicant_counts(vacancy)
    status = request.GET.get("status", "")
    if status not in ApplicationStatus.values:
        status = ""
    rows = selectors.applicants(vacancy, status)
    page = Paginator(rows, selectors.APPLICANTS_PAGE_SIZE).get_page(request.GET.get("halaman"))
    for application in page.object_list:
        if application.candidate is not None:
            held = application.candidate.registration.current_certificates
            application.missing = selectors.missing_certificates(application.candidate, vacancy, held)
    tabs = [("", _("Semua"), sum(counts.values()))] + [
        (value, label, counts.get(value, 0))
        for value, label in ApplicationStatus.choices
        if counts.get(value) or value == status
    ]
    context = {"vacancy": vacancy, "page": page, "applications": page.object_list, "status": status, "tabs": tabs}
    return render(request, "vacancies/applicants.html", context)


def company_application_context(application, actor, interview_form=None, reject_form=None) -> dict:
    """What the company's page of one application shows (profile, certificates, history, decisions, forms); the
    job fair's application page adds its fair to the same context."""
    initial = {}
    if application.interview_at:
        initial = {
            "interview_at": timezone.localtime(application.interview_at),
            "interview_place": application.interview_place,
            "interview_link": application.interview_link,
        }
    candidate = application.candidate
    certificates = list(selectors.current_certificates(candidate)) if candidate else []
    # The applicant's 7-step profile, read with the job fair's applicant partial (`_applicant_profile.html`).
    application.profile = applicant_profile(application.applicant)
    application.age = age_on(application.applicant.birth_date)
    return {
        "application": application,
        "vacancy": application.vacancy,
        "candidate": candidate,
        "person": application.applicant,
        "certificates": certificates,
        "missing": selectors.missing_certificates(candidate, application.vacancy, certificates) if candidate else [],
        "events": list(application.events.select_related("actor")),
        "actions": APPLICATION_POLICY.available_actions(application, actor),
        "interview_form": interview_form or InterviewForm(initial=initial),
        "reject_form": reject_form or RejectForm(),
    }


@role_required(Role.AGENCY_STAFF)
@require_GET
def company_applicant_photo(request, pk):
    """The applicant's profile photo, for the company that owns the vacancy applied to (404 for anyone else)."""
    application = selectors.company_application(_company(request), pk)
    if application is None or not APPLICATION_POLICY.allows(application, request.user, "view"):
        raise Http404
    profile = applicant_profile(application.applicant)
    if profile is None or not profile.photo:
        raise Http404
    return private_file_response(
        profile.photo, as_attachment=False, content_type="image/jpeg", cache_control="private, max-age=3600"
    )


def accept_confirmation(request, application, back_url: str) -> HttpResponse | None:
    """The page that asks before an applicant is accepted (naming the SPR place it uses), unless the post confirms
    it already (the button's dialog) or the status allows no acceptance (the service then says why). Shared with the
    job fair's application page."""
    if not APPLICATION_POLICY.allows(application, request.user, "accept") or is_confirmed(request):
        return None
    names = {"name": application.applicant.full_name, "vacancy": application.vacancy}
    if application.vacancy.is_domestic:
        consequence = _("Menerima %(name)s untuk %(vacancy)s. Pelamar diberi tahu bahwa ia diterima.") % names
    else:
        consequence = _(
            "Menerima %(name)s memakai satu kuota SPR %(permit)s untuk %(vacancy)s. Pelamar diberi "
            "tahu bahwa ia diterima, dan Anda melanjutkan dengan menyusun perjanjian penempatan (PP)."
        ) % {**names, "permit": application.vacancy.permit.number}
    return ask_first(
        request,
        heading=_("Terima pelamar ini?"),
        consequence=consequence,
        confirm_label=_("Ya, terima pelamar"),
        back_url=back_url,
    )


@role_required(Role.AGENCY_STAFF)
def company_application(request, pk):
    agency = _company(request)
    application = selectors.company_application(agency, pk)
    if application is None or not APPLICATION_POLICY.allows(application, request.user, "view"):
        raise Http404
    if request.method != "POST":
        audit_record(actor=request.user, action="application.view", target=application)
        return render(
            request, "vacancies/company_application.html", company_application_context(application, request.user)
        )

    action = request.POST.get("action")
    interview_form = reject_form = None
    try:
        if action == "process":
            services.application_process(application=application, actor=request.user)
            messages.success(request, _("Lamaran ditandai sedang diproses."))
        elif action == "interview":
            interview_form = InterviewForm(request.POST)
            if not interview_form.is_valid():
                raise _FormInvalid
            services.application_schedule_interview(
                application=application,
                actor=request.user,
                interview_at=interview_form.cleaned_data["interview_at"],
                place=interview_form.cleaned_data["interview_place"],
                link=interview_form.cleaned_data["interview_link"],
            )
            messages.success(request, _("Jadwal wawancara disimpan dan dikirim ke pelamar."))
        elif action == "accept":
            asked = accept_confirmation(request, application, reverse("vacancies:company_application", args=[pk]))
            if asked is not None:
                return asked
            services.application_accept(application=application, actor=request.user)
            if application.vacancy.is_domestic:
                messages.success(request, _("Pelamar diterima."))
            else:
                messages.success(request, _("Pelamar diterima. Satu kuota SPR terpakai."))
        elif action == "reject":
            reject_form = RejectForm(request.POST)
            reject_form.is_valid()
            services.application_reject(
                application=application, actor=request.user, reason=reject_form.cleaned_data.get("reason", "")
            )
            messages.success(request, _("Lamaran ditolak. Pelamar dapat membaca alasannya."))
        return redirect("vacancies:company_application", pk=pk)
    except _FormInvalid:
        pass
    except ServiceError as error:
        form = interview_form if action == "interview" else reject_form if action == "reject" else None
        if form is not None and error.field in form.fields:
            form.add_service_error(error)
        else:
            messages.error(request, error.message)
            return redirect("vacancies:company_application", pk=pk)
    application = selectors.company_application(agency, pk)
    context = company_application_context(
        application, request.user, interview_form=interview_form, reject_form=reject_form
    )
    return render(request, "vacancies/company_application.html", context, status=200)


class _FormInvalid(Exception):
    """The posted form did not parse; it is shown again with its errors."""
