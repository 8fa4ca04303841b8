from django.apps import AppConfig


class OfficeServicesConfig(AppConfig):
    name = "apps.officeservices"
    label = "officeservices"
