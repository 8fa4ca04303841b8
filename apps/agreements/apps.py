from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "apps.agreements"
    label = "agreements"

    def ready(self):
        from apps.agreements.panels import agreement_panel, signed_statuses
        from apps.vacancies.panels import application_panel_register, application_status_register

        application_panel_register(agreement_panel)
        application_status_register(signed_statuses)
