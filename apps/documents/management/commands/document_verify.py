"""Check an issued document offline: its snapshot and signature against an office's published public key.

The file is JSON: {"snapshot": {...}, "signature": "ed25519:...", "public_key": "-----BEGIN PUBLIC KEY-----..."}
(as the register book's "JSON bertanda tangan" download gives it). With --public-key the PEM comes from that file
instead. Nothing is read from the database: the check needs only the file and the public key.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from apps.documents import signing


class Command(BaseCommand):
    help = "Check the Ed25519 signature of an exported document (JSON) against the office's public key."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the exported document (.json)")
        parser.add_argument("--public-key", help="a PEM file with the office's public key (from the verification page)")

    def handle(self, *args, file, public_key=None, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                exported = json.load(handle)
            pem = exported.get("public_key", "")
            if public_key:
                with open(public_key, encoding="ascii") as handle:
                    pem = handle.read()
            snapshot, signature = exported["snapshot"], exported["signature"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise CommandError(f"cannot read the document: {error}")
        if not pem:
            raise CommandError("no public key: give --public-key <file.pem> (from the verification page)")
        if not signing.verify_offline(snapshot, signature, pem):
            raise CommandError(f"INVALID: the signature does not match document {snapshot.get('number', '?')}")
        self.stdout.write(
            f"VALID: {snapshot.get('type_label', snapshot.get('type'))} {snapshot.get('number')} "
            f"of {snapshot.get('date')}, {(snapshot.get('office') or {}).get('name', '')}. "
            "(Revocation is not part of the file: check the verification page.)"
        )
