"""`manage.py check --deploy`: the audit log's keys must be set, each its own value (config.keys).

A key that is missing, still an example value (`change-me…`) or derived from SECRET_KEY (DEBUG or the tests left
it unset) is an error: production never derives a key, and rotating SECRET_KEY must not break the log. An install
that ran on the derived keys writes them out with `manage.py export_derived_keys`.
"""

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from django.conf import settings
from django.core.checks import Error, Tags, register

PLACEHOLDER_PREFIXES = ("change-me", "dev-only-insecure")
EXPORT_HINT = (
    "Set {name} (or {name}_FILE). An install that ran without it: `manage.py export_derived_keys --out DIR` "
    "writes the key it has been using, then set {name}_FILE to that file."
)


def key_problem(name: str) -> str | None:
    """Why the key `name` is not fit for production, or None."""
    value = (getattr(settings, name, "") or "").strip()
    if name in getattr(settings, "DERIVED_KEYS", {}):
        return f"{name} is not set: it is derived from SECRET_KEY (development only)."
    if not value:
        return f"{name} is not set."
    if value.lower().startswith(PLACEHOLDER_PREFIXES):
        return f"{name} is still an example value."
    return None


def key_error(name: str, problem: str, check_id: str) -> Error:
    return Error(problem, hint=EXPORT_HINT.format(name=name), id=check_id)


def is_ed25519_pem(value: str) -> bool:
    try:
        return isinstance(load_pem_private_key(value.strip().encode("ascii"), password=None), Ed25519PrivateKey)
    except (ValueError, TypeError, UnicodeEncodeError):
        return False


@register(Tags.security, deploy=True)
def audit_keys(app_configs, **kwargs) -> list[Error]:
    errors = []
    problem = key_problem("AUDIT_HMAC_KEY")
    if problem:
        errors.append(key_error("AUDIT_HMAC_KEY", problem, "sipmi.E022"))
    problem = key_problem("AUDIT_CHECKPOINT_KEY")
    if problem is None and not is_ed25519_pem(settings.AUDIT_CHECKPOINT_KEY):
        problem = "AUDIT_CHECKPOINT_KEY is not an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519)."
    if problem:
        errors.append(key_error("AUDIT_CHECKPOINT_KEY", problem, "sipmi.E023"))
    return errors
