from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "apps.complaints"
    label = "complaints"
