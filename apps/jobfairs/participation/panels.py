"""The job fair's panel on the company's page of one application (`vacancies:company_application`): the fair it
was made in (or the fair named by `?job_fair=`), the way back to that fair's applicants, and a conversation with
the applicant while the policy allows one. Registered in `JobfairsConfig.ready`; there is one application page."""

from django.template.loader import render_to_string

from apps.agencies.selectors import agency_of
from apps.jobfairs.conversations.policy import POLICY as CONVERSATIONS
from apps.jobfairs.models import Conversation, ConversationKind, FairApplication, FairVacancy
from apps.jobfairs.participation.policy import POLICY, participation_for


def _entry(application, request) -> FairVacancy | None:
    named = request.GET.get("job_fair", "")
    entries = FairVacancy.objects.select_related("fair", "participation").filter(vacancy_id=application.vacancy_id)
    if named.isdigit():
        entry = entries.filter(fair_id=int(named)).first()
        if entry is not None:
            return entry
    link = FairApplication.objects.select_related("fair_vacancy__fair").filter(application=application).first()
    return link.fair_vacancy if link else None


def fair_application_panel(*, application, request) -> str | None:
    entry = _entry(application, request)
    if entry is None:
        return None
    fair, user = entry.fair, request.user
    if not POLICY.decide(participation_for(fair, agency_of(user)), user, "manage_applicants"):
        return None
    conversation = Conversation(
        fair=fair,
        kind=ConversationKind.COMPANY_SEEKER,
        agency_id=entry.participation.agency_id,
        seeker_id=application.applicant_id,
    )
    context = {
        "fair": fair,
        "entry": entry,
        "application": application,
        "may_talk": CONVERSATIONS.decide(conversation, user, "start").allowed,
    }
    return render_to_string("jobfairs/participation/_application_panel.html", context, request=request)
