"""The public vacancy pages as an anonymous visitor sees them: their bodies kept in Django's cache, and the
validators (ETag, Last-Modified) a browser revalidates with, answered with a 304 when nothing changed.

The version of the public list is the newest `updated_at` of any vacancy (one lookup in its index) together with
today's date (a vacancy leaves the list after its closing day without being saved). Every change the public can
see saves the vacancy and so moves `updated_at`: publishing, closing, editing, accepting an applicant (the
accepted count). Reading the version from the database, not from a key bumped in the cache, keeps it right on
every node and every worker whatever the cache backend (local memory is per process).

Signed-in visitors get no cache and no validators: their pages carry their own state (the apply box)."""

import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max
from django.utils import timezone, translation

from apps.vacancies.models import Vacancy

BODY_SECONDS = 600  # a body left unused expires; a new version makes new keys anyway


def _is_anonymous(request) -> bool:
    # A pending flash message is shown by the layout: such a request is answered in full, never with a 304.
    return not request.user.is_authenticated and "messages" not in request.COOKIES


def version(request) -> tuple[datetime.datetime, datetime.date] | None:
    """(newest change, today), once per request; None for a signed-in visitor."""
    if not _is_anonymous(request):
        return None
    if not hasattr(request, "_vacancy_version"):
        newest = Vacancy.objects.aggregate(newest=Max("updated_at"))["newest"]
        request._vacancy_version = (newest or datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC), timezone.localdate())
    return request._vacancy_version


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


def body(request, name: str, render):
    """The cached body `name` of this page for an anonymous visitor, made by `render()` on a miss; signed-in
    visitors always get `render()`."""
    current = version(request)
    if current is None:
        return render()
    key = f"vacancies:public:{name}:{_key(request, current)}"
    cached = cache.get(key)
    if cached is None:
        cached = render()
        cache.set(key, cached, BODY_SECONDS)
    return cached
