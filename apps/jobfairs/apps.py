from django.apps import AppConfig


class JobfairsConfig(AppConfig):
    name = "apps.jobfairs"
    label = "jobfairs"

    def ready(self):
        from apps.core.home import home_section_register
        from apps.jobfairs.participation.panels import fair_application_panel
        from apps.vacancies.panels import company_application_panel_register

        home_section_register("jobfairs/_home_section.html")  # the running fairs on the home page
        # The company's one application page (in vacancies) shows the fair an application was made in.
        company_application_panel_register(fair_application_panel)
