"""Counters in the cache (Redis in production) for the throttles of sign-up, login and password reset.

Fixed windows: the first hit sets the counter with the window as its timeout, later hits increment it and keep
that timeout. Nothing is kept in tables, and a cache flush only forgives.
"""

import hashlib

from django.core.cache import cache


def key_of(kind: str, *parts) -> str:
    """A cache key that does not hold the NIK, e-mail or address in clear."""
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()[:32]
    return f"throttle:{kind}:{digest}"


def hit(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one more and answer whether the count is now over `limit`."""
    cache.add(key, 0, timeout=window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        count = 1
    return count > limit


def count(key: str) -> int:
    return cache.get(key) or 0


def clear(key: str) -> None:
    cache.delete(key)
