from django.core.paginator import Paginator
from django.shortcuts import render

from apps.access.decorators import role_required
from apps.access.roles import Role
from apps.audit.models import AuditEvent


@role_required(Role.CENTRAL_ADMIN)
def audit_log(request):
    page = Paginator(AuditEvent.objects.order_by("-id"), 50).get_page(request.GET.get("halaman"))
    return render(request, "audit/log.html", {"page": page})
