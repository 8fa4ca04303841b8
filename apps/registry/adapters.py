"""The civil-registry adapter: is this NIK registered, and does the mother's maiden name match?

`local` checks the DemoRegistryPerson table; `http` asks a registry gateway (POPULATION_REGISTRY_URL)
that answers {"found": bool, "mother_name_matches": bool}.
"""

import enum
import json
import logging
import re
import urllib.error
import urllib.request

from django.conf import settings
from unidecode import unidecode

logger = logging.getLogger(__name__)


class RegistryVerdict(enum.Enum):
    MATCH = "match"
    NOT_FOUND = "not_found"
    MISMATCH = "mismatch"
    UNAVAILABLE = "unavailable"


_NOT_LETTERS = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Names compare without case, accents, punctuation or extra spaces: "  Sítí  Ámínah " == "siti aminah"."""
    ascii_name = unidecode(name or "").lower()
    return _SPACES.sub(" ", _NOT_LETTERS.sub(" ", ascii_name)).strip()


class LocalRegistry:
    def check(self, *, nik: str, mother_name: str) -> RegistryVerdict:
        from apps.registry.models import DemoRegistryPerson

        person = DemoRegistryPerson.objects.filter(nik=nik).first()
        if person is None:
            return RegistryVerdict.NOT_FOUND
        if normalise_name(person.mother_maiden_name) != normalise_name(mother_name):
            return RegistryVerdict.MISMATCH
        return RegistryVerdict.MATCH


class HttpRegistry:
    timeout_seconds = 10

    def check(self, *, nik: str, mother_name: str) -> RegistryVerdict:
        body = json.dumps({"nik": nik, "mother_name": mother_name}).encode()
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's configured gateway
            settings.POPULATION_REGISTRY_URL,
            data=body,
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.POPULATION_REGISTRY_TOKEN}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as response:  # noqa: S310
                answer = json.load(response)
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            logger.warning("Population registry unavailable: %s", error)
            return RegistryVerdict.UNAVAILABLE
        if not answer.get("found"):
            return RegistryVerdict.NOT_FOUND
        return RegistryVerdict.MATCH if answer.get("mother_name_matches") else RegistryVerdict.MISMATCH


def population_registry():
    backend = settings.POPULATION_REGISTRY_BACKEND
    if backend == "local":
        return LocalRegistry()
    if backend == "http":
        return HttpRegistry()
    raise ValueError(f"Unknown POPULATION_REGISTRY_BACKEND {backend!r}")
