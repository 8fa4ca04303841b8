"""The one rate-limit mechanism: counters and pauses in the cache (Redis in production), under keyed hashes.

Every limit on what a visitor or an account can cause is declared as a `Limit` (at most n in a window) or a
`Pause` (a cool-down, a lock, a wait after a failure) in the app that sets it, and counted here: login failures,
civil-registry checks at sign-up, OTP sends and resends, the SMS caps, password-reset e-mails, notices to an
account's holder, complaint filing and look-up. Nothing else counts in the cache.

Keys are `rl:<kind>:<digest>`: the digest is an HMAC-SHA256 of the kind and the identifiers (NIK, e-mail, phone,
address, account) under a key derived from SECRET_KEY by HKDF-SHA256 with its own label, so the key is neither in
the database nor in the cache. Whoever reads the cache cannot test a NIK or a phone number against it, as they
could an unsalted hash (there are only so many NIKs and numbers to try). Rotating SECRET_KEY forgets every
counter, lock and pause, which only forgives.

Fixed windows: the first hit sets the counter with the window as its timeout, later hits increment it (atomic in
Redis) and keep that timeout, so the window runs from the first hit and a cache flush only forgives.
"""

import functools
import hashlib
import hmac
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.cache import cache

from apps.core.errors import ServiceError

PREFIX = "rl"
_SALT = b"sipmi-ratelimit-v1"
_INFO = b"cache-key-hmac"

Number = int | str | Callable[[], int] | None


def _value(number: Number) -> int | None:
    """An int as given, a setting's name read now (so a changed setting applies at once), or a callable's answer."""
    if isinstance(number, str):
        return getattr(settings, number)
    if callable(number):
        return number()
    return number


@dataclass(frozen=True)
class Limit:
    """At most `limit` hits per `window` seconds for one identity. `limit` None only counts (a generation);
    `window` None keeps the count for ever. `renew`: each hit starts the window afresh (counts that end only
    after a quiet `window`). `code`, `message`, `field`: the ServiceError of a refusal by `take`."""

    kind: str
    limit: Number
    window: Number = 3600
    code: str = "rate_limited"
    message: Any = ""
    field: str | None = None
    renew: bool = False

    @property
    def max(self) -> int | None:
        return _value(self.limit)

    @property
    def seconds(self) -> int | None:
        return _value(self.window)


@dataclass(frozen=True)
class Pause:
    """A time during which one identity waits: a resend cool-down, a NIK's lock, a wait after failed logins."""

    kind: str
    seconds: Number = None

    def length(self, seconds: Number = None) -> int:
        return int(_value(seconds if seconds is not None else self.seconds))


@functools.cache
def _hmac_key(secret: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=_INFO).derive(secret.encode())


def key(kind: str, *who) -> str:
    """The cache key of `kind` for these identifiers; none of them appears in it."""
    message = json.dumps([kind, *(str(part) for part in who)], ensure_ascii=False).encode()
    digest = hmac.new(_hmac_key(settings.SECRET_KEY), message, hashlib.sha256).hexdigest()[:32]
    return f"{PREFIX}:{kind}:{digest}"


def _unknown(who) -> bool:
    """An identifier that is not known (no client address, no account): that limit does not apply."""
    return any(part is None or part == "" for part in who)


def _incr(limit: Limit, cache_key: str) -> int:
    timeout = limit.seconds
    if cache.add(cache_key, 1, timeout=timeout):
        return 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=timeout)
        return 1
    if limit.renew:
        cache.touch(cache_key, timeout=timeout)
    return count


def _over(limit: Limit, count: int) -> bool:
    return limit.max is not None and count > limit.max


def tally(limit: Limit, *who) -> int:
    """Count one more for `who`; the count now."""
    return _incr(limit, key(limit.kind, *who))


def hit(limit: Limit, *who) -> bool:
    """Count one more for `who` and answer whether that is over the limit (it stays counted)."""
    return _over(limit, tally(limit, *who))


def count(limit: Limit, *who) -> int:
    return cache.get(key(limit.kind, *who)) or 0


def exhausted(limit: Limit, *who) -> bool:
    """Whether the next hit would be refused; counts nothing."""
    return limit.max is not None and count(limit, *who) >= limit.max


def check(*charges: tuple) -> None:
    """Raise the refusal of the first `(limit, *identifiers)` whose next hit would be over; counts nothing (for
    limits on failures, counted after the fact). An unknown identifier is left out, as in `take`."""
    for limit, *who in charges:
        if not _unknown(who) and exhausted(limit, *who):
            raise ServiceError(limit.code, str(limit.message), field=limit.field)


def take(*charges: tuple) -> None:
    """Count one against each `(limit, *identifiers)` in turn, all or nothing: at the first that goes over, what
    this call counted is given back and that limit's ServiceError is raised, so a refused request uses up nobody's
    allowance. A charge with an unknown identifier (None or "") is left out."""
    counted = []
    for limit, *who in charges:
        if _unknown(who):
            continue
        cache_key = key(limit.kind, *who)
        number = _incr(limit, cache_key)
        counted.append(cache_key)
        if _over(limit, number):
            for done in counted:
                try:
                    cache.decr(done)
                except ValueError:  # expired meanwhile: nothing left to give back
                    pass
            raise ServiceError(limit.code, str(limit.message), field=limit.field)


def allowed(*charges: tuple) -> bool:
    """`take` for limits whose refusal the visitor does not see (the page answers the same either way)."""
    try:
        take(*charges)
    except ServiceError:
        return False
    return True


def forget(rule: Limit | Pause, *who) -> None:
    cache.delete(key(rule.kind, *who))


def forget_many(*rules: tuple) -> None:
    """Forget each `(limit or pause, *identifiers)`."""
    cache.delete_many([key(rule.kind, *who) for rule, *who in rules])


def _left(until) -> int:
    """Whole seconds still to wait, rounded up the way people read a countdown (0: no wait)."""
    if not until:
        return 0
    return max(0, math.ceil(until - time.time()))


def paused(pause: Pause, *who) -> int:
    """Seconds `who` still waits (0: not paused)."""
    return _left(cache.get(key(pause.kind, *who)))


def pause_start(pause: Pause, *who, seconds: Number = None) -> int:
    """Start the pause unless one runs: 0 when it starts now, else the seconds still to wait (nothing changes).
    Atomic, so of two requests at the same moment one starts it and the other waits."""
    length = pause.length(seconds)
    cache_key = key(pause.kind, *who)
    if cache.add(cache_key, time.time() + length, timeout=length):
        return 0
    left = _left(cache.get(cache_key))
    if left:
        return left
    cache.set(cache_key, time.time() + length, timeout=length)  # it had just ended
    return 0


def pause_set(pause: Pause, *who, seconds: Number = None) -> None:
    """Pause `who` for `seconds` (or the pause's own length) from now, replacing a pause that runs."""
    length = pause.length(seconds)
    if length <= 0:
        forget(pause, *who)
        return
    cache.set(key(pause.kind, *who), time.time() + length, timeout=length)
