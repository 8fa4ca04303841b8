"""A clock for tests of limits that last minutes or hours (`apps.core.ratelimit`): it stands still until the test
moves it on, so counters, cool-downs and the test cache's expiry (which reads `time.time`) all see the same time.
The database's times (`timezone.now`) keep running as usual."""

import time


class Clock:
    def __init__(self, monkeypatch):
        self.now = time.time()
        monkeypatch.setattr(time, "time", lambda: self.now)

    def advance(self, seconds: float) -> None:
        self.now += seconds
