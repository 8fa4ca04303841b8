"""Print the public key of PPs signed before the office keys (their `ed25519:` signatures), to check them offline.
PPs signed since are checked with their office's key (`manage.py office_public_key <office id>`)."""

from django.core.management.base import BaseCommand

from apps.documents import legacy


class Command(BaseCommand):
    help = "Print the public key (PEM) of the Ed25519 signatures on PPs signed before the per-office keys."

    def handle(self, *args, **options):
        self.stdout.write(legacy.public_key_pem(), ending="")
