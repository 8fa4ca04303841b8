"""Write the keys an install derived from SECRET_KEY into secret files, once, so they can be set explicitly.

Before keys were required in production, an unset DOCUMENT_SIGNING_KEY, AUDIT_HMAC_KEY or AUDIT_CHECKPOINT_KEY was
derived from SECRET_KEY (config.keys). Production no longer derives them: `check --deploy` reports each missing one
and nothing signs or audits without it. This command writes each key that is not set explicitly, exactly as it was
derived, into DIR (created 0700; each file 0600, never overwritten), and prints the `*_FILE` lines to add to the
environment. With those set, every issued document and the whole audit log keep verifying, and SECRET_KEY can be
rotated on its own.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.documents.signing import is_pem

FILE_NAMES = {
    "DOCUMENT_SIGNING_KEY": "document_signing_key",
    "AUDIT_HMAC_KEY": "audit_hmac_key",
    "AUDIT_CHECKPOINT_KEY": "audit_checkpoint_key.pem",
}


class Command(BaseCommand):
    help = (
        "Write the keys this install derived from SECRET_KEY (the unset DOCUMENT_SIGNING_KEY, AUDIT_HMAC_KEY, "
        "AUDIT_CHECKPOINT_KEY) into files in DIR, once; then set the printed *_FILE variables."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="folder for the key files (created; existing files stop it)")

    def handle(self, *args, out, **options):
        derived = {name: value for name, value in settings.DERIVED_KEYS.items() if name in FILE_NAMES}
        if not derived:
            self.stdout.write("Nothing to export: every key is set explicitly.")
            return
        # A *_FILE is read stripped (config.env): harmless for a PEM key, but a secret string with blanks at its
        # ends would come back as another key.
        derived = {name: value.strip() if is_pem(value) else value for name, value in derived.items()}
        blank_edged = [name for name, value in derived.items() if value != value.strip()]
        if blank_edged:
            raise CommandError(f"{', '.join(blank_edged)} begins or ends with blanks: set it as a variable instead.")
        folder = Path(out).resolve()
        targets = {name: folder / FILE_NAMES[name] for name in derived}
        taken = [str(path) for path in targets.values() if path.exists()]
        if taken:
            raise CommandError(f"Refusing to overwrite {', '.join(taken)}: choose another --out folder.")
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for name, path in targets.items():
            # O_EXCL: a file that appeared meanwhile is never overwritten; 0600 from the start, never wider.
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(handle, "w", encoding="utf-8") as key_file:
                key_file.write(derived[name] + "\n")
        self.stdout.write(
            "Written. Add these lines to the environment (e.g. /etc/sipmi.env), restart, then run "
            "`manage.py check --deploy` and `manage.py verify_audit_chain`:"
        )
        for name, path in targets.items():
            self.stdout.write(f"{name}_FILE={path}")
