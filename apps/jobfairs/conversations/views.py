"""Conversation pages: the list, one conversation (messages, send form, polled for new messages), an attachment,
and the page to start a conversation in a fair. A conversation that is not the user's answers 404.

Who may talk to whom lives in `conversations.policy`; these views ask it, call the services and render.
"""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from apps.access.decorators import role_required
from apps.agencies.models import PlacementAgency
from apps.agencies.selectors import membership_of
from apps.core.downloads import private_file_response
from apps.core.errors import ServiceError
from apps.core.forms import StyledFormMixin
from apps.core.uploads import DOCUMENT_ACCEPT
from apps.jobfairs.conversations import policy, selectors
from apps.jobfairs.conversations import services as service
from apps.jobfairs.conversations.permissions import TALKERS
from apps.jobfairs.conversations.policy import POLICY
from apps.jobfairs.models import (
    Conversation,
    ConversationKind,
    ConversationSide,
    FairFollower,
    FairParticipation,
    FairStatus,
    JobFair,
    Message,
    ParticipationStatus,
)

SHOWN_MESSAGES = 200  # the latest ones; older messages stay stored
PAGE_SIZE = 20
COUNTERPARTS_SHOWN = 200

Side = ConversationSide
Kind = ConversationKind


class MessageForm(StyledFormMixin, forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Pesan"),
        required=False,
        max_length=service.BODY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    attachment = forms.FileField(
        label=gettext_lazy("Lampiran (JPG, PNG atau PDF, maks. 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
    )


def _conversation(request, pk, action="view"):
    """The user's conversation, the side they speak for and what they may do in it; anyone else's: 404."""
    conversation = get_object_or_404(
        Conversation.objects.select_related("fair__organiser__organiser_profile", "agency", "seeker"), pk=pk
    )
    if action == "view":
        decision = POLICY.decide(conversation, request.user, "view")
        actions = None
    else:
        actions = POLICY.available_actions(conversation, request.user)
        decision = actions["view"]
    if not decision:
        raise Http404
    return conversation, selectors.side_in(request.user, conversation), actions


def _message_rows(conversation, side, queryset):
    """Messages with what the template needs: mine or theirs, the sender's name."""
    rows = []
    for message in queryset:
        rows.append(
            {
                "message": message,
                "mine": message.sender_side == side,
                "party": selectors.party_name(conversation, message.sender_side),
            }
        )
    return rows


# --- list -----------------------------------------------------------------------------------------------------------


@role_required(*TALKERS)
@require_GET
def conversation_list(request):
    side = selectors.side_of_user(request.user)
    page = Paginator(selectors.conversations_for(request.user), PAGE_SIZE).get_page(request.GET.get("halaman"))
    rows = [
        {"conversation": c, "other": selectors.party_name(c, selectors.other_side(c, side))} for c in page.object_list
    ]
    fairs = policy.fairs_to_start(request.user, side, timezone.now()).order_by("starts_at", "pk")[:20]
    return render(
        request, "jobfairs/conversations/list.html", {"page": page, "rows": rows, "side": side, "fairs": fairs}
    )


# --- one conversation -----------------------------------------------------------------------------------------------


def _detail_context(request, conversation, side, form):
    shown = list(conversation.messages.select_related("sender").order_by("-created_at", "-pk")[:SHOWN_MESSAGES])
    shown.reverse()
    actions = POLICY.available_actions(conversation, request.user)
    return {
        "conversation": conversation,
        "fair": conversation.fair,
        "side": side,
        "other": selectors.party_name(conversation, selectors.other_side(conversation, side)),
        "rows": _message_rows(conversation, side, shown),
        "last_id": shown[-1].pk if shown else 0,
        "form": form,
        "actions": actions,
    }


@role_required(*TALKERS)
def conversation_detail(request, pk):
    conversation, side, _actions = _conversation(request, pk)
    form = MessageForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                service.message_send(
                    actor=request.user,
                    conversation=conversation,
                    body=form.cleaned_data["body"],
                    attachment=form.cleaned_data["attachment"] or None,
                )
            except ServiceError as error:
                form.add_service_error(error)
            else:
                return redirect(reverse("jobfairs:conversation_detail", args=[conversation.pk]) + "#pesan-terakhir")
        return render(request, "jobfairs/conversations/detail.html", _detail_context(request, conversation, side, form))
    service.conversation_mark_read(actor=request.user, conversation=conversation)
    return render(request, "jobfairs/conversations/detail.html", _detail_context(request, conversation, side, form))


@role_required(*TALKERS)
@require_GET
def conversation_messages(request, pk):
    """The messages after `after` (htmx polls this every 5 s): 204 when there is nothing new, so the page keeps
    what it has; otherwise the new messages and a poller that asks from the last of them."""
    conversation, side, _actions = _conversation(request, pk)
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        after = 0
    new = list(conversation.messages.select_related("sender").filter(pk__gt=after).order_by("created_at", "pk"))
    if not new:
        return HttpResponse(status=204)
    if any(message.sender_side != side for message in new):
        service.conversation_mark_read(actor=request.user, conversation=conversation)
    return render(
        request,
        "jobfairs/conversations/_messages.html",
        {"conversation": conversation, "rows": _message_rows(conversation, side, new), "last_id": new[-1].pk},
    )


@role_required(*TALKERS)
@require_GET
def conversation_attachment(request, pk, message_pk):
    conversation, _side, _actions = _conversation(request, pk)
    message = get_object_or_404(Message, pk=message_pk, conversation=conversation)
    if not message.attachment:
        raise Http404
    return private_file_response(
        message.attachment, content_type=message.attachment_type, filename=message.attachment_name or None
    )


# --- starting a conversation ----------------------------------------------------------------------------------------


def _fair_of_participant(request, pk) -> tuple[JobFair, str]:
    """A published fair the user takes part in (the policy's `takes_part`); otherwise 404."""
    fair = get_object_or_404(
        JobFair.objects.select_related("organiser__organiser_profile"), pk=pk, status=FairStatus.PUBLISHED
    )
    side = policy.takes_part(fair, request.user)
    if side is None:
        raise Http404
    return fair, side


def _counterparts(fair: JobFair, user, side: str) -> dict:
    """Who the user may start a conversation with in `fair`, and why some are not offered yet."""
    running = policy.phase_refusal(fair) is None  # company ↔ job seeker: only while the fair runs
    result = {"organiser": side != Side.ORGANISER, "companies": [], "seekers": [], "seekers_total": 0, "note": ""}
    if side == Side.ORGANISER:
        result["companies"] = []
        for participation in policy.talking_participations(fair).select_related("agency").order_by("agency__name"):
            participation.agency.waiting = participation.status == ParticipationStatus.REQUESTED
            result["companies"].append(participation.agency)
        followers = FairFollower.objects.filter(fair=fair).select_related("user").order_by("user__full_name")
        result["seekers_total"] = followers.count()
        result["seekers"] = [f.user for f in followers[:COUNTERPARTS_SHOWN]]
    elif side == Side.COMPANY:
        member = membership_of(user)
        status = FairParticipation.objects.filter(fair=fair, agency_id=member.agency_id).values_list(
            "status", flat=True
        )
        if policy.company_refusal(fair, Kind.COMPANY_SEEKER, status.first()) is not None:
            result["note"] = _("Percakapan dengan pencari kerja terbuka setelah perusahaan diterima penyelenggara.")
        elif not running:
            result["note"] = _(
                "Percakapan dengan pencari kerja hanya dapat dilakukan saat job fair sedang berlangsung."
            )
        else:
            followers = policy.seekers_met(fair, member.agency_id).select_related("user").order_by("user__full_name")
            result["seekers_total"] = followers.count()
            result["seekers"] = [f.user for f in followers[:COUNTERPARTS_SHOWN]]
    else:
        if not running:
            result["note"] = _("Percakapan dengan perusahaan hanya dapat dilakukan saat job fair sedang berlangsung.")
        else:
            result["companies"] = list(policy.companies_met(fair, user).order_by("name"))
            if (
                not result["companies"]
                and not FairFollower.objects.filter(fair=fair, user=user, checked_in_at__isnull=False).exists()
            ):
                result["note"] = _("Check-in di job fair ini untuk bercakap dengan perusahaan peserta.")
    _mark_existing(result, fair, user, side)
    return result


def _mark_existing(result: dict, fair: JobFair, user, side: str) -> None:
    """Each counterpart's existing conversation with the user (one query), so the page offers "open" for it."""
    mine = selectors.visible_conversations(user).filter(fair=fair)
    result["organiser_conversation"] = None
    by_agency, by_seeker = {}, {}
    for conversation in mine.only("pk", "kind", "agency_id", "seeker_id"):
        if Side.ORGANISER in conversation.sides and side != Side.ORGANISER:
            result["organiser_conversation"] = conversation.pk
        elif Side.SEEKER in conversation.sides and side != Side.SEEKER:
            by_seeker[conversation.seeker_id] = conversation.pk
        else:
            by_agency[conversation.agency_id] = conversation.pk
    for agency in result["companies"]:
        agency.conversation_pk = by_agency.get(agency.pk)
    for person in result["seekers"]:
        person.conversation_pk = by_seeker.get(person.pk)


@role_required(*TALKERS)
def conversation_new(request, pk):
    """GET: who the user may talk to in this fair. POST: start (or open) the conversation with one of them."""
    fair, side = _fair_of_participant(request, pk)
    if request.method == "POST":
        with_side = request.POST.get("with", "")
        agency = seeker = None
        try:
            if with_side == Side.COMPANY:
                agency = PlacementAgency.objects.filter(pk=_int(request.POST.get("agency"))).first()
            elif with_side == Side.SEEKER:
                seeker = FairFollower.objects.filter(fair=fair, user_id=_int(request.POST.get("seeker"))).first()
                seeker = seeker.user if seeker else None
            conversation, _created = service.conversation_start(
                actor=request.user, fair=fair, with_side=with_side, agency=agency, seeker=seeker
            )
        except ServiceError as error:
            messages.error(request, error.message)
            return redirect("jobfairs:conversation_new", pk=fair.pk)
        return redirect("jobfairs:conversation_detail", pk=conversation.pk)
    context = {"fair": fair, "side": side, **_counterparts(fair, request.user, side)}
    return render(request, "jobfairs/conversations/new.html", context)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
