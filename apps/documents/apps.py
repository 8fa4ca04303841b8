from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "apps.documents"
    label = "documents"

    def ready(self):
        from apps.documents import checks  # noqa: F401 - registers the deploy check of the signing key
