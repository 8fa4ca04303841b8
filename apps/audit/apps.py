from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "apps.audit"
    label = "audit"
    verbose_name = _("Log audit")

    def ready(self):
        from apps.audit import checks  # noqa: F401 - registers the deploy checks of the audit keys
        from apps.audit.maintenance import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="audit_sqlite_maintenance")
