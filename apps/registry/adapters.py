"""Adapters to outside registries, each with a local demo table and a production HTTP backend.

Civil registry (Dukcapil): is this NIK registered, and does the name of the parent the person chose (mother's
or father's) match? On a match the registry's identity comes back (name, birth place and date, sex): sign-up
shows it for the person to confirm and stores it, so a NIK only ever carries its registry name. `local` checks
the DemoRegistryPerson table; `http` asks a registry gateway (POPULATION_REGISTRY_URL) with
{"nik", "parent": "mother"|"father", "parent_name"} that answers {"found": bool, "parent_name_matches": bool,
"person": {"full_name", "birth_place", "birth_date": "YYYY-MM-DD", "sex": "L"|"P"}} (person only on a match).
The parent's name is only compared, never stored.

WLKP (Wajib Lapor Ketenagakerjaan): the company registered under a WLKP code. `local` reads the DemoWlkpCompany
table; `http` asks WLKP_URL with {"wlkp_code"} and expects {"found": bool, "company": {...}} with the fields of
`WlkpCompany`.
"""

import datetime
import enum
import json
import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from unidecode import unidecode

logger = logging.getLogger(__name__)


class RegistryVerdict(enum.Enum):
    MATCH = "match"
    NOT_FOUND = "not_found"
    MISMATCH = "mismatch"
    UNAVAILABLE = "unavailable"


class Parent(enum.StrEnum):
    MOTHER = "mother"
    FATHER = "father"


@dataclass(frozen=True)
class RegistryIdentity:
    """A person as the civil registry knows them: what sign-up shows for confirmation and stores."""

    nik: str
    full_name: str
    birth_place: str
    birth_date: datetime.date
    sex: str

    def as_session(self) -> dict:
        return {**self.__dict__, "birth_date": self.birth_date.isoformat()}

    @classmethod
    def from_session(cls, data: dict) -> "RegistryIdentity":
        return cls(**{**data, "birth_date": datetime.date.fromisoformat(data["birth_date"])})


@dataclass(frozen=True)
class RegistryAnswer:
    verdict: "RegistryVerdict"
    identity: RegistryIdentity | None = None


class RegistryUnavailable(Exception):
    """The outside registry could not be asked; the caller tells the person to try again later."""


_NOT_LETTERS = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Names compare without case, accents, punctuation or extra spaces: "  Sítí  Ámínah " == "siti aminah"."""
    ascii_name = unidecode(name or "").lower()
    return _SPACES.sub(" ", _NOT_LETTERS.sub(" ", ascii_name)).strip()


def _post_json(url: str, token: str, payload: dict, timeout: int) -> dict:
    request = urllib.request.Request(  # noqa: S310 - the URL is the operator's configured gateway
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            answer = json.load(response)
    except (urllib.error.URLError, TimeoutError, ValueError) as error:
        logger.warning("Registry %s unavailable: %s", url, error)
        raise RegistryUnavailable from error
    if not isinstance(answer, dict):
        raise RegistryUnavailable
    return answer


# --- civil registry ----------------------------------------------------------------------------------------


class LocalRegistry:
    def identify(self, *, nik: str, parent_name: str, parent: str = Parent.MOTHER) -> RegistryAnswer:
        from apps.registry.models import DemoRegistryPerson

        person = DemoRegistryPerson.objects.filter(nik=nik).first()
        if person is None:
            return RegistryAnswer(RegistryVerdict.NOT_FOUND)
        known = person.father_name if Parent(parent) == Parent.FATHER else person.mother_maiden_name
        if not normalise_name(known) or normalise_name(known) != normalise_name(parent_name):
            return RegistryAnswer(RegistryVerdict.MISMATCH)
        identity = RegistryIdentity(
            nik=person.nik,
            full_name=" ".join(person.full_name.split()),
            birth_place=person.birth_place.strip(),
            birth_date=person.birth_date,
            sex=person.sex,
        )
        return RegistryAnswer(RegistryVerdict.MATCH, identity)

    def check(self, *, nik: str, parent_name: str, parent: str = Parent.MOTHER) -> RegistryVerdict:
        return self.identify(nik=nik, parent_name=parent_name, parent=parent).verdict


class HttpRegistry:
    timeout_seconds = 10

    def identify(self, *, nik: str, parent_name: str, parent: str = Parent.MOTHER) -> RegistryAnswer:
        payload = {"nik": nik, "parent": str(Parent(parent)), "parent_name": parent_name}
        try:
            answer = _post_json(
                settings.POPULATION_REGISTRY_URL, settings.POPULATION_REGISTRY_TOKEN, payload, self.timeout_seconds
            )
        except RegistryUnavailable:
            return RegistryAnswer(RegistryVerdict.UNAVAILABLE)
        if not answer.get("found"):
            return RegistryAnswer(RegistryVerdict.NOT_FOUND)
        if not answer.get("parent_name_matches"):
            return RegistryAnswer(RegistryVerdict.MISMATCH)
        person = answer.get("person") or {}
        try:
            identity = RegistryIdentity(
                nik=nik,
                full_name=" ".join(str(person["full_name"]).split()),
                birth_place=str(person.get("birth_place") or "").strip(),
                birth_date=datetime.date.fromisoformat(str(person["birth_date"])),
                sex=str(person["sex"]),
            )
        except (KeyError, ValueError):
            logger.warning("Registry answered a match without a usable person for a NIK")
            return RegistryAnswer(RegistryVerdict.UNAVAILABLE)
        if not identity.full_name or identity.sex not in {"L", "P"}:
            return RegistryAnswer(RegistryVerdict.UNAVAILABLE)
        return RegistryAnswer(RegistryVerdict.MATCH, identity)

    def check(self, *, nik: str, parent_name: str, parent: str = Parent.MOTHER) -> RegistryVerdict:
        return self.identify(nik=nik, parent_name=parent_name, parent=parent).verdict


def population_registry():
    backend = settings.POPULATION_REGISTRY_BACKEND
    if backend == "local":
        return LocalRegistry()
    if backend == "http":
        return HttpRegistry()
    raise ValueError(f"Unknown POPULATION_REGISTRY_BACKEND {backend!r}")


# --- WLKP company register ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class WlkpCompany:
    wlkp_code: str
    name: str
    nib: str
    address: str
    regency_code: str = ""
    sector: str = ""
    phone: str = ""


def normalise_wlkp_code(code: str) -> str:
    """Codes compare without case or spaces: " wlkp-3276 0001 " == "WLKP-32760001"."""
    return "".join((code or "").split()).upper()


class LocalWlkp:
    def lookup(self, wlkp_code: str) -> WlkpCompany | None:
        from apps.registry.models import DemoWlkpCompany

        row = DemoWlkpCompany.objects.filter(wlkp_code__iexact=normalise_wlkp_code(wlkp_code)).first()
        if row is None:
            return None
        return WlkpCompany(
            wlkp_code=row.wlkp_code.upper(),
            name=row.name,
            nib=row.nib,
            address=row.address,
            regency_code=row.regency_code,
            sector=row.sector,
            phone=row.phone,
        )


class HttpWlkp:
    timeout_seconds = 10

    def lookup(self, wlkp_code: str) -> WlkpCompany | None:
        """The company, None when the register does not know the code; RegistryUnavailable when unreachable."""
        code = normalise_wlkp_code(wlkp_code)
        answer = _post_json(settings.WLKP_URL, settings.WLKP_TOKEN, {"wlkp_code": code}, self.timeout_seconds)
        if not answer.get("found"):
            return None
        company = answer.get("company") or {}
        fields = ("name", "nib", "address", "regency_code", "sector", "phone")
        return WlkpCompany(wlkp_code=code, **{name: str(company.get(name) or "").strip() for name in fields})


def wlkp_register():
    backend = settings.WLKP_BACKEND
    if backend == "local":
        return LocalWlkp()
    if backend == "http":
        return HttpWlkp()
    raise ValueError(f"Unknown WLKP_BACKEND {backend!r}")
