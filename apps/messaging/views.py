from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from apps.access.decorators import role_required
from apps.access.roles import Role
from apps.audit.services import audit_record
from apps.core.forms import search_text
from apps.messaging import services
from apps.messaging.backends import local_delivery_enabled
from apps.messaging.context_processors import unread_count_for
from apps.messaging.models import LocalDelivery
from apps.messaging.selectors import notifications_of

# htmx stops polling on this status (and swaps in the empty answer): the bell of a tab whose session has ended
# stops asking and goes away, instead of a login page being swapped into the navigation.
HTMX_STOP_POLLING = 286


def local_delivery_only(view):
    """The page does not exist (404, for everyone) unless SMS or e-mail is delivered locally."""

    def wrapped(request, *args, **kwargs):
        if not local_delivery_enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@local_delivery_only
@role_required(Role.CENTRAL_ADMIN)
def outbox(request):
    """The local outbox (development and demo only): what the local backend delivered, as the simulated handsets
    and mailboxes received it, OTPs and links included. Each read is audited."""
    recipient = search_text(request.GET, "penerima")
    messages_qs = LocalDelivery.objects.select_related("message")
    if recipient:
        messages_qs = messages_qs.filter(recipient__icontains=recipient)
    page = Paginator(messages_qs, 25).get_page(request.GET.get("halaman"))
    audit_record(
        actor=request.user,
        action="outbox.view",
        object_type="messaging.outboundmessage",
        data={"filter": recipient, "page": page.number},
    )
    return render(request, "messaging/outbox.html", {"page": page, "recipient": recipient})


@login_required
@require_GET
def notifications(request):
    """The signed-in user's own notices, newest first; unread ones stand out until opened."""
    page = Paginator(notifications_of(request.user), 20).get_page(request.GET.get("halaman"))
    return render(request, "messaging/notifications.html", {"page": page})


@never_cache
@require_GET
def notification_bell(request):
    """The bell alone, polled by htmx every minute so the count follows new notices without a reload."""
    if not request.user.is_authenticated:
        return HttpResponse(status=HTMX_STOP_POLLING)
    return render(request, "messaging/_bell.html", {"unread_notifications": unread_count_for(request)})


def _local_url(url: str) -> str | None:
    """The notice's link when it stays on this site (a path such as /lamaran/12/); anything else is refused, so a
    notice can never send someone to another site."""
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=set()):
        return url
    return None


@login_required
@require_POST
def notification_open(request, pk):
    """Opening a notice marks it read, then follows its link (on this site only) or returns to the list."""
    notification = get_object_or_404(notifications_of(request.user), pk=pk)
    services.notification_mark_read(notification_id=notification.pk, actor=request.user)
    return redirect(_local_url(notification.url) or "messaging:notifications")


@login_required
@require_POST
def notifications_mark_all_read(request):
    count = services.notifications_mark_all_read(actor=request.user)
    if count:
        messages.success(request, _("Semua notifikasi ditandai sudah dibaca."))
    return redirect("messaging:notifications")
