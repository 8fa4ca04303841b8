from django.apps import AppConfig


class OfficesConfig(AppConfig):
    name = "apps.offices"
    label = "offices"
