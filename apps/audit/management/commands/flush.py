from django.core.management.commands.flush import Command as FlushCommand

from apps.audit.maintenance import audit_maintenance


class Command(FlushCommand):
    help = FlushCommand.help + " The audit log is emptied too, in audit maintenance mode."

    def handle(self, **options):
        with audit_maintenance(using=options["database"]):
            return super().handle(**options)
