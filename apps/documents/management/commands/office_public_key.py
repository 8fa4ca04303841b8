"""Print an office's Ed25519 public key (PEM), the one the verification page publishes."""

from django.core.management.base import BaseCommand

from apps.documents import signing


class Command(BaseCommand):
    help = "Print the public key (PEM) and fingerprint that check the documents a labour office issues."

    def add_arguments(self, parser):
        parser.add_argument("office_id", type=int, help="the labour office's id (as in a document's office.id)")

    def handle(self, *args, office_id, **options):
        self.stdout.write(signing.office_public_key_pem(office_id), ending="")
        self.stdout.write(f"fingerprint: {signing.office_key_fingerprint(office_id)}")
