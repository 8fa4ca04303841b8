"""The one rate-limit mechanism: keyed hashes for keys, fixed windows from the first hit, all-or-nothing charges,
cool-downs that two requests cannot both start."""

import re

import pytest
from django.core.cache import cache

from apps.core import ratelimit
from apps.core.errors import ServiceError
from testing.clock import Clock

FIVE_AN_HOUR = ratelimit.Limit("test-five", 5, 3600, "test_rate", "Terlalu sering.")
TWO_A_MINUTE = ratelimit.Limit("test-two", 2, 60, "test_two", "Dua saja.", field="phone")
COOL_DOWN = ratelimit.Pause("test-cool", 60)


def test_a_key_holds_the_kind_and_a_keyed_hash_never_the_identifier():
    key = ratelimit.key("otp-phone", "+6281234567890")
    assert re.fullmatch(r"rl:otp-phone:[0-9a-f]{32}", key)
    assert "6281234567890" not in key
    # The same identifier under another kind, or split differently, is another key.
    assert ratelimit.key("sms-phone", "+6281234567890") != key
    assert ratelimit.key("login-address", "a", "b") != ratelimit.key("login-address", "a|b")


def test_the_hash_is_keyed_by_the_secret_not_a_plain_sha256(settings):
    import hashlib

    key = ratelimit.key("otp-phone", "+6281234567890")
    assert hashlib.sha256(b"+6281234567890").hexdigest()[:32] not in key
    settings.SECRET_KEY = "another-secret-for-this-test"
    assert ratelimit.key("otp-phone", "+6281234567890") != key


def test_a_window_runs_from_the_first_hit(monkeypatch):
    clock = Clock(monkeypatch)
    answers = []
    for _ in range(6):
        answers.append(ratelimit.hit(FIVE_AN_HOUR, "a"))
        clock.advance(60)
    assert answers == [False] * 5 + [True]
    assert not ratelimit.hit(FIVE_AN_HOUR, "b")  # another identity has its own count
    clock.advance(3600 - 6 * 60)  # an hour after the first hit
    assert not ratelimit.hit(FIVE_AN_HOUR, "a")
    assert ratelimit.count(FIVE_AN_HOUR, "a") == 1


def test_a_renewed_window_ends_only_after_a_quiet_window(monkeypatch):
    clock = Clock(monkeypatch)
    failures = ratelimit.Limit("test-renew", None, 100, renew=True)
    for _ in range(3):
        ratelimit.tally(failures, "a")
        clock.advance(90)
    assert ratelimit.count(failures, "a") == 3
    clock.advance(11)
    assert ratelimit.count(failures, "a") == 0


def test_take_is_all_or_nothing_and_raises_the_refusal_of_the_limit_that_went_over():
    ratelimit.take((TWO_A_MINUTE, "x"), (FIVE_AN_HOUR, "y"))
    ratelimit.take((TWO_A_MINUTE, "x"), (FIVE_AN_HOUR, "y"))
    with pytest.raises(ServiceError) as refused:
        ratelimit.take((FIVE_AN_HOUR, "y"), (TWO_A_MINUTE, "x"))
    assert (refused.value.code, refused.value.message, refused.value.field) == ("test_two", "Dua saja.", "phone")
    assert ratelimit.count(FIVE_AN_HOUR, "y") == 2  # given back
    assert ratelimit.count(TWO_A_MINUTE, "x") == 2
    assert not ratelimit.allowed((TWO_A_MINUTE, "x"))
    # An unknown identity (no client address, say) is not limited.
    ratelimit.take((TWO_A_MINUTE, None), (TWO_A_MINUTE, ""))


def test_check_refuses_without_counting():
    for _ in range(5):
        ratelimit.check((FIVE_AN_HOUR, "z"))
        ratelimit.tally(FIVE_AN_HOUR, "z")
    with pytest.raises(ServiceError):
        ratelimit.check((FIVE_AN_HOUR, "z"))
    assert ratelimit.count(FIVE_AN_HOUR, "z") == 5


def test_a_limit_named_by_a_setting_follows_the_setting(settings):
    limit = ratelimit.Limit("test-setting", "OTP_MAX_SENDS_PER_PHONE_PER_HOUR")
    settings.OTP_MAX_SENDS_PER_PHONE_PER_HOUR = 1
    assert not ratelimit.hit(limit, "a")
    assert ratelimit.hit(limit, "a")


def test_a_pause_starts_once_and_says_how_long_is_left(monkeypatch):
    clock = Clock(monkeypatch)
    assert ratelimit.pause_start(COOL_DOWN, "a") == 0
    clock.advance(20.5)
    assert ratelimit.pause_start(COOL_DOWN, "a") == 40  # refused, and not restarted
    assert ratelimit.paused(COOL_DOWN, "a") == 40
    assert ratelimit.paused(COOL_DOWN, "b") == 0
    clock.advance(40)
    assert ratelimit.pause_start(COOL_DOWN, "a") == 0


def test_pause_set_replaces_and_zero_lifts(monkeypatch):
    Clock(monkeypatch)
    ratelimit.pause_set(COOL_DOWN, "a", seconds=8)
    assert ratelimit.paused(COOL_DOWN, "a") == 8
    ratelimit.pause_set(COOL_DOWN, "a", seconds=0)
    assert ratelimit.paused(COOL_DOWN, "a") == 0
    ratelimit.pause_set(COOL_DOWN, "a")
    ratelimit.forget(COOL_DOWN, "a")
    assert ratelimit.paused(COOL_DOWN, "a") == 0 and cache.get(ratelimit.key("test-cool", "a")) is None
