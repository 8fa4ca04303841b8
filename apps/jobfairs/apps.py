from django.apps import AppConfig


class JobfairsConfig(AppConfig):
    name = "apps.jobfairs"
    label = "jobfairs"

    def ready(self):
        from apps.core.home import home_section_register

        home_section_register("jobfairs/_home_section.html")  # the running fairs on the home page
