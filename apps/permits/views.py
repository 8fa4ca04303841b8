"""SPR pages: a company sees its own SPRs; a labour office records SPRs and sees those it issued; the central
admin records and sees every SPR. Views only parse input, call `apps.permits.services` and render.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from apps.access.decorators import role_required
from apps.access.roles import OFFICE_ROLES, Role
from apps.agencies.selectors import membership_of
from apps.core.errors import ServiceError
from apps.permits import services
from apps.permits.forms import PermitForm
from apps.permits.models import RecruitmentPermit


@role_required(Role.AGENCY_STAFF)
@require_GET
def permits(request):
    member = membership_of(request.user)
    if member is None:
        raise PermissionDenied  # a company account outside any team
    agency_permits = (
        RecruitmentPermit.objects.filter(agency=member.agency)
        .select_related("issued_by_office")
        .prefetch_related("regions")
    )
    return render(
        request,
        "permits/permits.html",
        {"agency": member.agency, "permits": agency_permits.order_by("-valid_until", "number")},
    )


def _permit_page(request, *, permits_shown, title, url_name, office=None):
    form = PermitForm(request.POST or None, office=office)
    if request.method == "POST" and form.is_valid():
        try:
            permit = services.permit_record(actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("SPR %(number)s dicatat.") % {"number": permit.number})
            return redirect(url_name)
    shown = permits_shown.select_related("agency", "issued_by_office").prefetch_related("regions")
    return render(
        request,
        "permits/permit_record.html",
        {"form": form, "permits": shown.order_by("-created_at")[:100], "title": title},
    )


@role_required(*OFFICE_ROLES)
def office_permits(request):
    office = request.user.staff_assignment.office
    return _permit_page(
        request,
        permits_shown=RecruitmentPermit.objects.filter(issued_by_office=office),
        title=_("SPR yang dicatat %(office)s") % {"office": office.name},
        url_name="permits:office_permits",
        office=office,
    )


@role_required(Role.CENTRAL_ADMIN)
def admin_permits(request):
    return _permit_page(
        request,
        permits_shown=RecruitmentPermit.objects.all(),
        title=_("SPR semua perusahaan"),
        url_name="permits:admin_permits",
    )
