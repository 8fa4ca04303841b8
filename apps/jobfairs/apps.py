from django.apps import AppConfig


class JobfairsConfig(AppConfig):
    name = "apps.jobfairs"
    label = "jobfairs"

    def ready(self):
        # The company's one application page (in vacancies) shows the fair an application was made in.
        from apps.jobfairs.participation.panels import fair_application_panel
        from apps.vacancies.panels import company_application_panel_register

        company_application_panel_register(fair_application_panel)
