from django.core.management.base import BaseCommand, CommandError

from apps.audit.services import audit_verify_chain


class Command(BaseCommand):
    help = (
        "Verify the audit log: every entry's HMAC, every sealed batch's Merkle root and link, and the newest "
        "signed checkpoints. Reports the first problem."
    )

    def handle(self, *args, **options):
        result = audit_verify_chain()
        if result.intact:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Audit log intact: {result.entries} entries verified, {result.batches} sealed batches."
                )
            )
            return
        raise CommandError(f"Audit log broken: {result.problem}; {result.entries} entries before it are intact.")
