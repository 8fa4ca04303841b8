"""Register book pages for office staff and the public verification page. Views parse input, call
`apps.documents.services` and render; another office's entries are 404."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from apps.access.decorators import role_required
from apps.access.roles import OFFICE_ROLES
from apps.documents import selectors


@require_GET
def verify(request, code):
    """Public: anyone holding a printed document checks it by its QR code. No login, little personal data."""
    result = selectors.verification_status(code)
    status = 404 if result.status == selectors.UNKNOWN else 200
    response = render(request, "documents/verify.html", {"result": result}, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


@role_required(*OFFICE_ROLES)
@require_GET
def register_book(request):
    return HttpResponse("")  # the page comes in the next commit


@role_required(*OFFICE_ROLES)
@require_GET
def register_export(request):
    return HttpResponse("", content_type="text/csv")
