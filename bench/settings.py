"""The production settings, plus the benchmark's hello-world page (bench/urls.py). Used only by bench/national.py:
never deployed, never part of config.urls."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
