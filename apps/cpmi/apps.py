from django.apps import AppConfig


class CpmiConfig(AppConfig):
    name = "apps.cpmi"
    label = "cpmi"
