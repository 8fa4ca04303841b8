import logging
import re

from django.conf import settings
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.template.loader import render_to_string
from django.urls import get_resolver
from django.utils import translation
from django.utils.translation import gettext

from apps.core.request_context import client_ip_from, reset_client_ip, set_client_ip

logger = logging.getLogger(__name__)


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.client_ip = client_ip_from(request)
        token = set_client_ip(request.client_ip)
        try:
            return self.get_response(request)
        finally:
            reset_client_ip(token)


# C0 control characters and DEL. A query value may hold a tab (text pasted into a search box); nothing else of
# these belongs in an address, and NUL cannot even be compared by PostgreSQL.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_VALUE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def control_character_fields(request) -> list[str]:
    """Where a control character sits: "path", or the query parameters (by name) whose name or value holds one."""
    fields = ["path"] if _CONTROL.search(request.path) else []
    for name, values in request.GET.lists():
        if _CONTROL.search(name) or any(_CONTROL_IN_VALUE.search(value) for value in values):
            fields.append(_CONTROL.sub("?", name))
    return fields


class ControlCharactersMiddleware:
    """An address with a control character (`/verifikasi/dokumen/%00/`, `?langkah=%00`) answers 400 before any
    view reads it, so no view has to guard its parameters against NUL: the site's 400 page, or for the API a
    JSON body naming each offending parameter, as the API's own validation errors do."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fields = control_character_fields(request)
        if not fields:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            message = gettext("Alamat atau parameter berisi karakter kendali yang tidak diizinkan.")
            return JsonResponse({field: [message] for field in fields}, status=400)
        # The project's handler400 (Django's: templates/400.html, rendered without the request).
        handler = get_resolver(getattr(request, "urlconf", None)).resolve_error_handler(400)
        return handler(request, BadRequest("control character in the address"))


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Indonesian unless the user chose English with the language switch (the cookie).

    The browser's Accept-Language is ignored on purpose: many phones in Indonesia are set to English,
    and their owners still expect the Indonesian service.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response = super().process_response(request, response)
        # The response is rendered; don't let this request's language leak into the thread's next work.
        translation.deactivate()
        return response


# Seconds a client is asked to wait before retrying while the database is unreachable (a restart takes a few).
DATABASE_RETRY_AFTER_SECONDS = 10
_database_errors = (OperationalError, InterfaceError)


def database_unavailable_response() -> HttpResponse:
    """The site's Indonesian 503 page with Retry-After; plain text when even the page can't be rendered.

    Rendered without the request on purpose: the request's context (the user, the session, messages) reads the
    database that just failed.
    """
    try:
        content = render_to_string("503.html", {"retry_after": DATABASE_RETRY_AFTER_SECONDS})
        content_type = "text/html; charset=utf-8"
    except Exception:  # the fallback must not fail too: the template may itself need what is down
        logger.exception("503 page could not be rendered")
        content = gettext("Layanan sedang tidak tersedia. Silakan coba lagi sebentar lagi.")
        content_type = "text/plain; charset=utf-8"
    response = HttpResponse(content, status=503, content_type=content_type)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """A database that can't be reached (PostgreSQL restarting, a dropped connection) answers 503, not 500.

    Errors raised by views and templates arrive here; those raised by other middleware reach `handler500`
    (apps.core.views.server_error), which gives the same answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, _database_errors):
            return None
        logger.warning("Database unavailable on %s %s: %s", request.method, request.path, exception)
        return database_unavailable_response()
