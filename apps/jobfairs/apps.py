from django.apps import AppConfig


class JobfairsConfig(AppConfig):
    name = "apps.jobfairs"
    label = "jobfairs"
