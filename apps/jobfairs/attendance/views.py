"""Pages of a job seeker at a job fair: follow, check in, the fair room (information; companies and vacancies
once it runs, matching ones first), apply, a company's stand with its FAQ, and "Portofolio → Job Fair yang
diikuti". Thin: parse, ask `attendance.policy`, call `attendance.services`, render. Another person's follow is
never shown; a fair that is not published answers 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.access.decorators import role_required
from apps.access.roles import Role
from apps.core.errors import ServiceError
from apps.cpmi.models import MigrantCandidate
from apps.jobfairs.attendance import selectors
from apps.jobfairs.attendance import services as attendance
from apps.jobfairs.attendance.policy import POLICY, follower_for
from apps.jobfairs.models import FairStatus, JobFair
from apps.vacancies.models import Vacancy


def _published(pk) -> JobFair:
    return get_object_or_404(
        JobFair.objects.select_related("organiser__organiser_profile"), pk=pk, status=FairStatus.PUBLISHED
    )


def _is_cpmi(user) -> bool:
    """Fair vacancies are overseas ones: the vacancies app takes applications from verified CPMIs only."""
    return MigrantCandidate.objects.filter(user=user).exists()


@role_required(Role.JOB_SEEKER)
@require_POST
def follow(request, pk):
    fair = _published(pk)
    try:
        attendance.fair_follow(fair=fair, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("jobfairs:detail", pk=fair.pk)
    messages.success(
        request,
        _("Anda mengikuti job fair ini. Kami akan mengingatkan Anda untuk check-in 2 jam sebelum dimulai."),
    )
    return redirect("jobfairs:attend", pk=fair.pk)


@role_required(Role.JOB_SEEKER)
@require_POST
def check_in(request, pk):
    fair = _published(pk)
    try:
        attendance.fair_check_in(fair=fair, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Check-in berhasil."))
    return redirect("jobfairs:attend", pk=fair.pk)


@role_required(Role.JOB_SEEKER)
@require_GET
def attend(request, pk):
    """The fair as its follower sees it. Not following: back to the public page, where the follow button is."""
    fair = _published(pk)
    now = timezone.now()
    follower = follower_for(fair, request.user)
    actions = POLICY.available_actions(follower, request.user, now=now)
    if not actions["view"]:
        messages.info(request, _("Ikuti job fair ini sebagai pencaker terlebih dahulu."))
        return redirect("jobfairs:detail", pk=fair.pk)
    visible = bool(actions["visit_stands"])
    context = {
        "fair": fair,
        "follower": follower,
        "now": now,
        "phase": fair.phase(now),
        "actions": actions,
        "check_in_open": bool(actions["check_in"]),
        "check_in_opens_at": selectors.check_in_opens_at(fair),
        "visible": visible,
        "can_apply": bool(actions["apply"]),
        "is_cpmi": _is_cpmi(request.user),
        "companies": list(selectors.accepted_participations(fair)) if visible else [],
        "rows": selectors.ranked_vacancies(fair, request.user) if visible else [],
    }
    return render(request, "jobfairs/attendance/attend.html", context)


@role_required(Role.JOB_SEEKER)
@require_POST
def apply(request, pk, vacancy_pk):
    fair = _published(pk)
    vacancy = get_object_or_404(Vacancy, pk=vacancy_pk)
    try:
        attendance.fair_apply(fair=fair, vacancy=vacancy, actor=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Lamaran untuk %(position)s terkirim. Pantau statusnya di Portofolio → Job Fair yang diikuti.")
            % {"position": vacancy.position},
        )
    return redirect("jobfairs:attend", pk=fair.pk)


@role_required(Role.JOB_SEEKER)
@require_GET
def stand(request, pk, participation_pk):
    """A company's stand: its vacancies in the fair and its FAQ, for a checked-in follower once the fair runs."""
    fair = _published(pk)
    actions = POLICY.available_actions(follower_for(fair, request.user), request.user)
    if not actions["visit_stands"]:
        messages.info(request, _("Perusahaan peserta dapat dilihat setelah Anda check-in dan job fair dimulai."))
        return redirect("jobfairs:attend", pk=fair.pk)
    participation = selectors.participation_in_fair(fair, participation_pk)
    if participation is None:
        return redirect("jobfairs:attend", pk=fair.pk)
    rows = [
        row
        for row in selectors.ranked_vacancies(fair, request.user)
        if row.fair_vacancy.participation_id == participation.pk
    ]
    context = {
        "fair": fair,
        "participation": participation,
        "faqs": participation.faqs.all(),
        "rows": rows,
        "can_apply": bool(actions["apply"]),
        "is_cpmi": _is_cpmi(request.user),
    }
    return render(request, "jobfairs/attendance/stand.html", context)


@role_required(Role.JOB_SEEKER)
@require_GET
def portfolio(request):
    """Portofolio → Job Fair yang diikuti: each followed fair with the applications made there."""
    return render(
        request,
        "jobfairs/attendance/portfolio.html",
        {"followers": selectors.followed_fairs(request.user), "now": timezone.now()},
    )
