"""Job fair pages: public list and page, the organiser's profile and fairs, the central admin's queue.

Views only parse input, call `apps.jobfairs.services` and render. An organiser sees only their own fairs
(another organiser's answer 404), the public sees only published fairs.
"""

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.access.decorators import role_required
from apps.access.roles import Role
from apps.core.downloads import private_file_response
from apps.core.errors import ServiceError
from apps.jobfairs import selectors, services
from apps.jobfairs.charts import bar_chart
from apps.jobfairs.conversations.policy import POLICY as CONVERSATIONS
from apps.jobfairs.forms import FairForm, OrganiserProfileForm, ReturnForm
from apps.jobfairs.models import FairParticipation, FairStatus, JobFair, OrganiserProfile, ParticipationStatus
from apps.jobfairs.participation.policy import POLICY as PARTICIPATIONS
from apps.jobfairs.policy import POLICY
from apps.regions.forms import is_region_refresh

IMAGE_TYPES = {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}

# --- public -------------------------------------------------------------------------------------------------


@require_GET
def fair_list(request):
    now = timezone.now()
    page = Paginator(selectors.public_fairs(now), 12).get_page(request.GET.get("page"))
    return render(request, "jobfairs/list.html", {"page": page, "fairs": page.object_list, "now": now})


def _published(pk) -> JobFair:
    return get_object_or_404(
        JobFair.objects.select_related("organiser__organiser_profile").prefetch_related("regions"),
        pk=pk,
        status=FairStatus.PUBLISHED,
    )


@require_GET
def fair_detail(request, pk):
    fair = _published(pk)
    now = timezone.now()
    return render(request, "jobfairs/detail.html", {"fair": fair, "now": now, "phase": fair.phase(now)})


def _image_response(stored):
    if not stored:
        raise Http404
    extension = stored.name.rsplit(".", 1)[-1].lower()
    if extension not in IMAGE_TYPES:
        raise Http404
    return private_file_response(
        stored, content_type=IMAGE_TYPES[extension], as_attachment=False, cache_control="public, max-age=3600"
    )


@require_GET
def fair_banner(request, pk):
    """A published fair's banner for anyone; an unpublished one's for its organiser and the central admin."""
    fair = get_object_or_404(JobFair, pk=pk)
    if fair.status != FairStatus.PUBLISHED:
        if not POLICY.decide(fair, request.user, "banner"):
            raise Http404
        response = _image_response(fair.banner)
        response["Cache-Control"] = "private, no-store"
        return response
    return _image_response(fair.banner)


@require_GET
def organiser_logo(request, pk):
    """An organiser's logo is public: it is shown beside their published fairs."""
    return _image_response(get_object_or_404(OrganiserProfile, pk=pk).logo)


# --- organiser ----------------------------------------------------------------------------------------------


@role_required(Role.JOBFAIR_ORGANISER)
def organiser_profile(request):
    profile = OrganiserProfile.objects.filter(user=request.user).select_related("region").first()
    initial = {}
    if profile:
        initial = {name: getattr(profile, name) for name in ("institution", "kind", "address", "phone", "email")}
        if profile.region_id:
            initial.update(address_province=profile.region.parent_id, address_regency=profile.region_id)
    else:
        initial = {"email": request.user.email, "phone": request.user.phone or ""}
    form = OrganiserProfileForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and not is_region_refresh(request) and form.is_valid():
        data = form.cleaned_data
        try:
            services.organiser_profile_save(
                actor=request.user,
                logo=data["logo"] or None,
                institution=data["institution"],
                kind=data["kind"],
                address=data["address"],
                region=data["address_regency"],
                phone=data["phone"],
                email=data["email"],
            )
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Profil penyelenggara disimpan."))
            return redirect("jobfairs:organiser_fairs")
    return render(request, "jobfairs/organiser_profile.html", {"form": form, "profile": profile})


@role_required(Role.JOBFAIR_ORGANISER)
@require_GET
def organiser_fairs(request):
    profile = OrganiserProfile.objects.filter(user=request.user).first()
    page = Paginator(selectors.organiser_fairs(request.user), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "jobfairs/organiser_fairs.html",
        {"page": page, "fairs": page.object_list, "profile": profile, "now": timezone.now()},
    )


def _own_fair(request, pk) -> JobFair:
    """The organiser's own fair; anyone else's is 404."""
    return get_object_or_404(JobFair.objects.prefetch_related("regions"), pk=pk, organiser=request.user)


def _fair_initial(fair: JobFair) -> dict:
    return {
        "name": fair.name,
        "description": fair.description,
        "time_zone": fair.time_zone,
        "starts_at": fair.local_starts_at().replace(tzinfo=None),
        "ends_at": fair.local_ends_at().replace(tzinfo=None),
        "mode": fair.mode,
        "venue": fair.venue,
        "regions": [r.pk for r in fair.regions.all()],
        "sectors": fair.sectors,
        "max_companies": fair.max_companies,
    }


def _fair_fields(data) -> dict:
    zone = data["time_zone"]
    return {
        "name": data["name"],
        "description": data["description"],
        "time_zone": zone,
        "starts_at": services.local_to_aware(data["starts_at"], zone),
        "ends_at": services.local_to_aware(data["ends_at"], zone),
        "mode": data["mode"],
        "venue": data["venue"],
        "regions": list(data["regions"]),
        "sectors": data["sectors"],
        "max_companies": data["max_companies"],
    }


@role_required(Role.JOBFAIR_ORGANISER)
def fair_create(request):
    profile = OrganiserProfile.objects.filter(user=request.user).first()
    if profile is None or not profile.is_complete:
        messages.warning(request, _("Lengkapi profil penyelenggara terlebih dahulu sebelum membuat job fair."))
        return redirect("jobfairs:organiser_profile")
    form = FairForm(request.POST or None, request.FILES or None, initial={"mode": "venue", "max_companies": 50})
    if request.method == "POST" and form.is_valid():
        try:
            fair = services.fair_create(
                actor=request.user, banner=form.cleaned_data["banner"] or None, **_fair_fields(form.cleaned_data)
            )
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Job fair disimpan sebagai draf. Ajukan ke admin pusat bila sudah lengkap."))
            return redirect("jobfairs:fair_manage", pk=fair.pk)
    return render(request, "jobfairs/fair_form.html", {"form": form, "fair": None})


@role_required(Role.JOBFAIR_ORGANISER)
def fair_edit(request, pk):
    fair = _own_fair(request, pk)
    may_edit = POLICY.decide(fair, request.user, "edit")
    if not may_edit:
        messages.error(request, may_edit.reason)
        return redirect("jobfairs:fair_manage", pk=fair.pk)
    form = FairForm(request.POST or None, request.FILES or None, initial=_fair_initial(fair))
    if request.method == "POST" and form.is_valid():
        try:
            services.fair_update(
                fair=fair,
                actor=request.user,
                banner=form.cleaned_data["banner"] or None,
                **_fair_fields(form.cleaned_data),
            )
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("jobfairs:fair_manage", pk=fair.pk)
    return render(request, "jobfairs/fair_form.html", {"form": form, "fair": fair})


def _act(request, fair, service, success: str, **kwargs):
    try:
        service(fair=fair, actor=request.user, **kwargs)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)


@role_required(Role.JOBFAIR_ORGANISER)
@require_POST
def fair_submit(request, pk):
    fair = _own_fair(request, pk)
    _act(request, fair, services.fair_submit, _("Job fair diajukan ke admin pusat untuk diverifikasi."))
    return redirect("jobfairs:fair_manage", pk=fair.pk)


@role_required(Role.JOBFAIR_ORGANISER)
@require_POST
def fair_publish(request, pk):
    fair = _own_fair(request, pk)
    _act(
        request,
        fair,
        services.fair_publish,
        _("Job fair diterbitkan: tampil di halaman depan, perusahaan dan pencari kerja dapat mendaftar."),
    )
    return redirect("jobfairs:fair_manage", pk=fair.pk)


@role_required(Role.JOBFAIR_ORGANISER)
@require_GET
def fair_manage(request, pk):
    fair = _own_fair(request, pk)
    now = timezone.now()
    context = {
        "fair": fair,
        "now": now,
        "phase": fair.phase(now),
        "actions": POLICY.available_actions(fair, request.user, now=now),
        "stats": selectors.fair_stats(fair),
        "requests": list(
            FairParticipation.objects.filter(fair=fair).select_related("agency").order_by("status", "requested_at")[:50]
        ),
    }
    for participation in context["requests"]:
        participation.fair = fair
        # "Kirim pesan" where the conversation policy lets them talk; accept/reject as the participation policy says.
        participation.talk = CONVERSATIONS.decide_start_with_company(fair, participation, request.user)
        if participation.status == ParticipationStatus.REQUESTED:
            participation.actions = PARTICIPATIONS.available_actions(participation, request.user, now=now)
    return render(request, "jobfairs/fair_manage.html", context)


# --- central admin --------------------------------------------------------------------------------------------


@role_required(Role.CENTRAL_ADMIN)
@require_GET
def admin_queue(request):
    fairs = selectors.fairs_to_verify()
    recent = (
        JobFair.objects.exclude(status__in=(FairStatus.DRAFT, FairStatus.SUBMITTED))
        .select_related("organiser__organiser_profile")
        .order_by("-pk")[:20]
    )
    return render(request, "jobfairs/admin_queue.html", {"fairs": fairs, "recent": recent, "now": timezone.now()})


def _admin_fair(request, pk):
    """The fair and what the central admin may do with it; a fair the table does not let them review (a draft is
    the organiser's alone until submitted) is 404."""
    fair = get_object_or_404(
        JobFair.objects.select_related("organiser__organiser_profile__region").prefetch_related(Prefetch("regions")),
        pk=pk,
    )
    actions = POLICY.available_actions(fair, request.user)
    if not actions["review"]:
        raise Http404
    return fair, actions


@role_required(Role.CENTRAL_ADMIN)
def admin_fair(request, pk):
    fair, actions = _admin_fair(request, pk)
    form = ReturnForm(request.POST or None)
    if request.method == "POST":
        decision = request.POST.get("decision")
        if decision == "verify":
            _act(request, fair, services.fair_verify, _("Job fair terverifikasi. Penyelenggara dapat menerbitkannya."))
            return redirect("jobfairs:admin_fair", pk=fair.pk)
        if decision == "return" and form.is_valid():
            try:
                services.fair_return(fair=fair, actor=request.user, reason=form.cleaned_data["reason"])
            except ServiceError as error:
                form.add_service_error(error)
            else:
                messages.success(request, _("Job fair dikembalikan ke penyelenggara."))
                return redirect("jobfairs:admin_queue")
        elif decision != "return":
            messages.error(request, _("Pilih verifikasi atau kembalikan."))
            return redirect("jobfairs:admin_fair", pk=fair.pk)
    now = timezone.now()
    stats = selectors.fair_stats(fair) if "stats" in actions else None
    context = {
        "fair": fair,
        "now": now,
        "phase": fair.phase(now),
        "actions": actions,
        "form": form,
        "stats": stats,
        "chart": bar_chart(stats.rows()) if stats else None,
    }
    return render(request, "jobfairs/admin_fair.html", context)


@role_required(Role.CENTRAL_ADMIN)
@require_GET
def admin_fair_csv(request, pk):
    fair, actions = _admin_fair(request, pk)
    if "stats" not in actions:
        raise Http404
    stats = selectors.fair_stats(fair)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="job-fair-{fair.pk}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the UTF-8 names right
    writer = csv.writer(response)
    writer.writerow([_("Job fair"), _("Angka"), _("Jumlah")])
    for _key, label, value in stats.rows():
        writer.writerow([_csv_safe(fair.name), str(label), value])
    return response


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
