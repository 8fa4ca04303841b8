from django.urls import path, register_converter

from apps.profiles import views
from apps.profiles.steps import STEP_KEYS_BY_SLUG, STEP_SLUGS


class StepConverter:
    """A profile step in the address by its Indonesian slug ("foto"), in the code by its key ("photo"):
    `reverse("profiles:step", args=["photo"])` is "/profil/langkah/foto/"."""

    regex = "|".join(STEP_SLUGS.values())

    def to_python(self, value: str) -> str:
        return STEP_KEYS_BY_SLUG[value]

    def to_url(self, value: str) -> str:
        if value in STEP_SLUGS:
            return STEP_SLUGS[value]
        if value in STEP_KEYS_BY_SLUG:
            return value
        raise ValueError(value)


register_converter(StepConverter, "profile_step")

app_name = "profiles"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("langkah/<profile_step:key>/", views.step, name="step"),
    path("foto/<int:user_id>/", views.photo, name="photo"),
    path("sertifikat/<int:item_id>/berkas/", views.certificate_file, name="certificate_file"),
]
