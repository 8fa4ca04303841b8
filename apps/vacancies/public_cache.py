"""The public vacancy pages as an anonymous visitor sees them: whole pages kept in Django's cache, and the
validators (ETag, Last-Modified) a browser revalidates with, answered with a 304 when nothing changed.

The version of the public list is the newest `updated_at` of any vacancy (one lookup in its index) together with
today's date (a vacancy leaves the list after its closing day without being saved). Every change the public can
see saves the vacancy and so moves `updated_at`: publishing, closing, editing, accepting an applicant (the
accepted count). Reading the version from the database, not from a key bumped in the cache, keeps it right on
every node and every worker whatever the cache backend (local memory is per process).

Signed-in visitors get no whole page and no validators: their pages carry their own state (the navigation bar,
the apply box). The parts of a page that are the same for everyone (the list's body: filters, cards, pages) are
cached for them too (`shared`), so a signed-in search costs the layout, not the search."""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from apps.vacancies.models import Vacancy

BODY_SECONDS = 600  # a page left unused expires; a new version makes new keys anyway


def _is_anonymous(request) -> bool:
    # A pending flash message is shown by the layout: such a request is answered in full, never with a 304.
    return not request.user.is_authenticated and "messages" not in request.COOKIES


def _current(request) -> tuple[datetime.datetime, datetime.date]:
    """(newest change, today), once per request."""
    if not hasattr(request, "_vacancy_version"):
        newest = Vacancy.objects.aggregate(newest=Max("updated_at"))["newest"]
        request._vacancy_version = (newest or datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC), timezone.localdate())
    return request._vacancy_version


def version(request) -> tuple[datetime.datetime, datetime.date] | None:
    """The version of the whole page an anonymous visitor gets; None for a signed-in visitor."""
    return _current(request) if _is_anonymous(request) else None


def _key(request, current) -> str:
    newest, today = current
    parts = "|".join([newest.isoformat(), today.isoformat(), translation.get_language() or "", request.get_full_path()])
    return hashlib.sha256(parts.encode()).hexdigest()[:32]


def etag(request, *args, **kwargs) -> str | None:
    current = version(request)
    if current is None:
        return None
    # The page holds a CSRF token for the visitor's cookie (language form): another cookie, another page.
    cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    return _key(request, current) + hashlib.sha256(cookie.encode()).hexdigest()[:8]


def last_modified(request, *args, **kwargs) -> datetime.datetime | None:
    current = version(request)
    if current is None:
        return None
    newest, today = current
    midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    return max(newest, midnight)


# Stands for the CSRF token in a cached page; each response gets the visitor's own token in its place.
CSRF_PLACEHOLDER = "csrf-token-placeholder-5c1f0d2e9b"


def page(request, name: str, render) -> str:
    """The whole page `name` as HTML. `render(extra_context)` renders it; for an anonymous visitor it runs once per
    version, language and path with a placeholder CSRF token and no flash messages, and each response gets the
    visitor's own (masked) token, so a cached page never shares a token. Signed-in visitors always get
    `render({})`."""
    current = version(request)
    if current is None:
        return render({})
    key = f"vacancies:public:{name}:{_key(request, current)}"
    html = cache.get_or_set(key, lambda: str(render({"csrf_token": CSRF_PLACEHOLDER, "messages": ()})), BODY_SECONDS)
    return html.replace(CSRF_PLACEHOLDER, get_token(request))


def shared(request, name: str, render) -> str:
    """The part `name` of a page that is the same for every visitor, signed in or not, as HTML: `render()` runs once
    per version, language and path. It must hold nothing personal and no CSRF token."""
    key = f"vacancies:shared:{name}:{_key(request, _current(request))}"
    html = cache.get_or_set(key, lambda: str(render()), BODY_SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when it was rendered
