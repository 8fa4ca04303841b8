"""Each role's home screen: read-only views that gather what several apps hold for that role."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse

from apps.access.decorators import role_required
from apps.access.roles import DASHBOARD_URL_NAMES, OFFICE_ROLES, Role
from apps.agencies.selectors import membership_of
from apps.dashboards.selectors import central_admin_overview, office_overview
from apps.jobfairs.selectors import fairs_to_verify, organiser_overview
from apps.profiles.selectors import profile_progress


@login_required
def dashboard(request):
    url_name = DASHBOARD_URL_NAMES.get(request.user.role)
    if url_name is None:
        raise PermissionDenied  # a staff account without an office assignment
    return redirect(reverse(url_name))


@role_required(Role.JOB_SEEKER)
def dashboard_job_seeker(request):
    return render(request, "dashboards/dashboard_job_seeker.html", {"progress": profile_progress(request.user)})


@role_required(*OFFICE_ROLES)
def dashboard_office(request):
    assignment = request.user.staff_assignment
    return render(
        request, "dashboards/dashboard_office.html", {"assignment": assignment, **office_overview(assignment.office)}
    )


@role_required(Role.AGENCY_STAFF)
def dashboard_agency(request):
    # Looked up once here; each card of the dashboard reads it from the context.
    return render(request, "dashboards/dashboard_agency.html", {"agency_membership": membership_of(request.user)})


@role_required(Role.JOBFAIR_ORGANISER)
def dashboard_organiser(request):
    return render(request, "dashboards/dashboard_organiser.html", organiser_overview(request.user))


@role_required(Role.CENTRAL_ADMIN)
def dashboard_central_admin(request):
    return render(
        request,
        "dashboards/dashboard_central_admin.html",
        {
            **central_admin_overview(),
            "fairs_to_verify": fairs_to_verify()[:5],
            "fairs_to_verify_count": fairs_to_verify().count(),
        },
    )
