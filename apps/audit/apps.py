from django.apps import AppConfig
from django.db.backends.signals import connection_created


class AuditConfig(AppConfig):
    name = "apps.audit"
    label = "audit"

    def ready(self):
        from apps.audit.maintenance import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="audit_sqlite_maintenance")
