from django.apps import AppConfig


class OfficeServicesConfig(AppConfig):
    name = "apps.officeservices"
    label = "officeservices"

    def ready(self):
        # The PP review page (agreements, a lower app) shows the company's uploads of the ID CPMI request.
        from apps.officeservices import dossier

        dossier.register()
