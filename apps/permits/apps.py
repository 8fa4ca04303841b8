from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "apps.permits"
    label = "permits"
