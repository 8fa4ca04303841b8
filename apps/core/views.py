import sys

from django.db import InterfaceError, OperationalError
from django.shortcuts import render
from django.views import defaults

from apps.core.home import home_sections
from apps.core.middleware import database_unavailable_response


def home(request):
    return render(request, "core/home.html", {"home_sections": home_sections()})


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the form was refused (expired token, cookies blocked); the site's page with a way back."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def server_error(request):
    """handler500: a database that can't be reached answers the 503 page; any other error the site's 500 page."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable_response()
    return defaults.server_error(request)
