from django.core.paginator import Paginator
from django.shortcuts import render

from apps.access.decorators import role_required
from apps.access.roles import Role
from apps.audit.services import audit_record
from apps.core.forms import search_text
from apps.messaging.models import OutboundMessage


@role_required(Role.CENTRAL_ADMIN)
def outbox(request):
    """The local SMS/e-mail outbox. Messages hold OTPs and personal data, so each read is audited."""
    recipient = search_text(request.GET, "penerima")
    messages_qs = OutboundMessage.objects.all()
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
