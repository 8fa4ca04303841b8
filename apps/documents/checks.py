"""`manage.py check --deploy`: the documents' signing key must be set (see apps.audit.checks)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from apps.audit.checks import is_ed25519_pem, key_error, key_problem
from apps.documents.signing import is_pem


@register(Tags.security, deploy=True)
def document_signing_key(app_configs, **kwargs) -> list[Error]:
    problem = key_problem("DOCUMENT_SIGNING_KEY")
    value = settings.DOCUMENT_SIGNING_KEY or ""
    if problem is None and is_pem(value) and not is_ed25519_pem(value):
        problem = "DOCUMENT_SIGNING_KEY is a PEM key but not an Ed25519 private key."
    return [key_error("DOCUMENT_SIGNING_KEY", problem, "sipmi.E021")] if problem else []
