"""Settings for the test suite: the production settings with SIPMI_TESTING on (fast hasher, immediate tasks)."""

import os

os.environ["SIPMI_TESTING"] = "1"
os.environ.setdefault("SIPMI_VAR_DIR", os.path.join(os.path.dirname(os.path.dirname(__file__)), "var", "test"))

from config.settings import *  # noqa: E402,F403

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405 - WhiteNoise warns when it is missing
