"""The job seeker's job-fair pieces on other pages: the follow box of a fair's public page and the dashboard card."""

from django import template

from apps.jobfairs.attendance.policy import POLICY, follower_for
from apps.jobfairs.models import FairFollower

register = template.Library()


@register.inclusion_tag("jobfairs/attendance/_follow_box.html", takes_context=True)
def attendance_follow_box(context, fair):
    """ "Ikuti sebagai pencaker" for a job seeker (or their follow and a link to the fair); a sign-in hint for
    anonymous visitors; nothing for other roles. One query."""
    request = context["request"]
    user = request.user
    finished = fair.phase() == "finished"
    if not user.is_authenticated:
        return {"show": not finished, "anonymous": True, "fair": fair, "request_path": request.path}
    follower = follower_for(fair, user)
    actions = POLICY.available_actions(follower, user)
    if not (actions["follow"].offered or actions["view"].offered):  # not a job seeker: nothing to show
        return {"show": False}
    following = follower.pk is not None
    return {
        "show": following or not finished,
        "follower": follower if following else None,
        "can_follow": not finished,
        "fair": fair,
    }


@register.inclusion_tag("jobfairs/attendance/_dashboard_card.html", takes_context=True)
def attendance_dashboard_card(context):
    user = context["user"]
    return {"following": FairFollower.objects.filter(user=user).count()}
