from django.core.management.base import BaseCommand, CommandError

from apps.audit.services import audit_verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain and report the first broken link."

    def handle(self, *args, **options):
        checked, broken = audit_verify_chain()
        if broken is None:
            self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {checked} entries verified."))
            return
        if broken.pk is None:
            raise CommandError(f"Audit chain broken after entry {checked}: entries at the end of the log are missing.")
        raise CommandError(
            f"Audit chain broken at entry id={broken.pk} ({broken.action}, {broken.created_at:%Y-%m-%d %H:%M:%S}); "
            f"{checked} entries before it are intact."
        )
