"""Print the Ed25519 public key that checks every signed PP, for publishing beside the verification page."""

from django.core.management.base import BaseCommand

from apps.agreements.signing import public_key_pem


class Command(BaseCommand):
    help = "Print the public key (PEM) of the signatures on issued documents."

    def handle(self, *args, **options):
        self.stdout.write(public_key_pem(), ending="")
