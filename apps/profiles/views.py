"""The profile summary and the seven step pages. Every write goes through `apps.profiles.services`."""

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from apps.access.decorators import role_required
from apps.access.roles import Role
from apps.core.downloads import private_file_response
from apps.core.errors import ServiceError
from apps.profiles import services
from apps.profiles.forms import LIST_FORMS, PersonalForm, PhotoForm
from apps.profiles.models import Certification, JobSeekerProfile
from apps.profiles.selectors import profile_for_overview, profile_items, profile_progress
from apps.profiles.steps import STEPS, step_after, step_get
from apps.regions.forms import is_region_refresh

ADD = {
    "experience": lambda user, data: services.experience_add(user=user, **data),
    "training": lambda user, data: services.training_add(user=user, **data),
    "education": lambda user, data: services.education_add(user=user, **data),
    "certification": lambda user, data: services.certification_add(
        user=user,
        name=data["name"],
        issuer=data["issuer"],
        issued_on=data["issued_on"],
        bnsp_number=data["bnsp_number"],
        uploaded=data["file"],
    ),
    "skills": lambda user, data: services.skill_add(user=user, **data),
}
DELETE = {
    "experience": services.experience_delete,
    "training": services.training_delete,
    "education": services.education_delete,
    "certification": services.certification_delete,
    "skills": services.skill_delete,
}
ADD_HEADINGS = {
    "experience": gettext_lazy("Tambah pengalaman kerja"),
    "training": gettext_lazy("Tambah pelatihan"),
    "education": gettext_lazy("Tambah pendidikan"),
    "certification": gettext_lazy("Tambah sertifikat"),
    "skills": gettext_lazy("Tambah keahlian"),
}


def _step_url(key: str) -> str:
    return reverse("profiles:step", args=[key])


def _go_next(request, step):
    """After "Lanjutkan": the next step, or the summary after the last one."""
    following = step_after(step.key)
    if following is not None:
        return redirect(_step_url(following.key))
    # A complete profile: the summary itself says so (one message, not a flash repeating it).
    if not profile_progress(request.user).is_complete:
        messages.warning(request, _("Profil tersimpan, tetapi masih ada langkah yang belum selesai."))
    return redirect("profiles:overview")


@role_required(Role.JOB_SEEKER)
def overview(request):
    profile = profile_for_overview(request.user)
    return render(request, "profiles/overview.html", {"profile": profile, "progress": profile_progress(request.user)})


@role_required(Role.JOB_SEEKER)
def step(request, key):
    current = step_get(key)
    if current is None:
        raise Http404
    handler = {"photo": _photo_step, "personal": _personal_step}.get(key, _list_step)
    result = handler(request, current)
    if not isinstance(result, dict):
        return result  # a redirect after a successful POST
    progress = profile_progress(request.user)
    status = next(s for s in progress.steps if s.key == key)
    context = {
        "step": current,
        "status": status,
        "total_steps": len(STEPS),
        "progress": progress,
        "current_key": key,
        "step_template": f"profiles/steps/{key}.html",
        **result,
    }
    return render(request, "profiles/step.html", context)


def _photo_step(request, step):
    form = PhotoForm()
    if request.method == "POST":
        action = request.POST.get("action")
        form = PhotoForm(request.POST, request.FILES)
        if form.is_valid():
            uploaded = form.cleaned_data["photo"]
            try:
                if uploaded:
                    services.profile_save_photo(user=request.user, uploaded=uploaded)
                if action == "continue":
                    services.profile_step_complete(user=request.user, step=step.key)
                    return _go_next(request, step)
                if uploaded:
                    messages.success(request, _("Foto profil disimpan."))
                    return redirect(_step_url(step.key))
                form.add_error("photo", _("Pilih berkas foto terlebih dahulu."))
            except ServiceError as error:
                form.add_service_error(error)
    profile = JobSeekerProfile.objects.filter(user=request.user).first()
    return {"form": form, "profile": profile}


def _personal_initial(request) -> dict:
    user = request.user
    profile = JobSeekerProfile.objects.filter(user=user).select_related("domicile_village").first()
    if profile is not None and profile.personal_saved_at is not None:
        village, street = profile.domicile_village, profile.domicile_street
        initial = {
            "description": profile.description,
            "marital_status": profile.marital_status,
            "looking_for_training": profile.looking_for_training,
            "wanted_jobs": profile.wanted_jobs,
        }
    else:
        # First visit: start from the KTP data so most people only confirm it.
        village, street = user.address_village, user.address_street
        initial = {"marital_status": (profile.marital_status if profile else "") or user.marital_status}
    initial["domicile_street"] = street
    if village is not None:
        for level, suffix in enumerate(("province", "regency", "district"), start=1):
            initial[f"domicile_{suffix}"] = village.ancestor_code(level)
        initial["domicile_village"] = village.code
    return initial


def _personal_step(request, step):
    if request.method == "POST" and is_region_refresh(request):
        # No JavaScript: show the next region select and keep what was typed, without errors.
        form = PersonalForm(initial=request.POST.dict())
    elif request.method == "POST":
        form = PersonalForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.profile_save_personal(
                    user=request.user,
                    data=services.PersonalData(
                        description=data["description"],
                        marital_status=data["marital_status"],
                        domicile_village=data["domicile_village"],
                        domicile_street=data["domicile_street"],
                        looking_for_training=data["looking_for_training"],
                        wanted_jobs=data["wanted_jobs"],
                    ),
                )
                if request.POST.get("action") == "continue":
                    services.profile_step_complete(user=request.user, step=step.key)
                    return _go_next(request, step)
                messages.success(request, _("Data diri disimpan."))
                return redirect(_step_url(step.key))
            except ServiceError as error:
                form.add_service_error(error)
    else:
        form = PersonalForm(initial=_personal_initial(request))
    return {"form": form}


def _has_input(request, form_class) -> bool:
    return any(request.POST.get(name, "").strip() for name in form_class.base_fields) or any(
        name in request.FILES for name in form_class.base_fields
    )


def _list_step(request, step):
    form_class = LIST_FORMS[step.key]
    form = form_class()
    step_error = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "delete":
                try:
                    item_id = int(request.POST.get("item_id", ""))
                except ValueError:
                    item_id = 0
                DELETE[step.key](user=request.user, item_id=item_id)
                messages.success(request, _("Data dihapus."))
                return redirect(_step_url(step.key))
            if action == "skip":
                services.profile_step_skip(user=request.user, step=step.key)
                messages.info(
                    request, _('Langkah "%(step)s" dilewati. Anda bisa mengisinya nanti.') % {"step": step.label}
                )
                return _go_next(request, step)
            if action in ("add", "continue"):
                if action == "add" or _has_input(request, form_class):
                    form = form_class(request.POST, request.FILES)
                    if not form.is_valid():
                        raise _InvalidForm
                    ADD[step.key](request.user, form.cleaned_data)
                    messages.success(request, _("Data ditambahkan."))
                    if action == "add":
                        return redirect(_step_url(step.key))
                    form = form_class()  # the item is saved; completing the step must not show it again
                services.profile_step_complete(user=request.user, step=step.key)
                return _go_next(request, step)
            return redirect(_step_url(step.key))
        except _InvalidForm:
            pass
        except ServiceError as error:
            if form.is_bound and error.field in form.fields:
                form.add_service_error(error)
            else:
                step_error = error.message
    return {
        "form": form,
        "items": profile_items(request.user, step.key),
        "step_template": "profiles/steps/list.html",
        "item_template": f"profiles/items/{step.key}.html",
        "add_heading": ADD_HEADINGS[step.key],
        "step_error": step_error,
    }


class _InvalidForm(Exception):
    """The add form has errors: show it again with them."""


@login_required
@require_GET
def photo(request, user_id):
    """The profile photo. For now only its owner may see it; anyone else gets 404."""
    if request.user.pk != user_id:
        raise Http404
    profile = JobSeekerProfile.objects.filter(user_id=user_id).exclude(photo="").first()
    if profile is None:
        raise Http404
    return private_file_response(
        profile.photo, as_attachment=False, content_type="image/jpeg", cache_control="private, max-age=3600"
    )


@role_required(Role.JOB_SEEKER)
@require_GET
def certificate_file(request, item_id):
    """The uploaded certificate scan, for its owner only, as a download under the user's own file name."""
    item = Certification.objects.filter(pk=item_id, profile__user=request.user).exclude(file="").first()
    if item is None:
        raise Http404
    content_type = mimetypes.guess_type(item.file.name)[0] or "application/octet-stream"
    return private_file_response(item.file, filename=item.original_name or "sertifikat", content_type=content_type)
