from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from apps.accounts.language import set_language
from apps.core.api_docs import RedocDocsView, SwaggerDocsView
from apps.dashboards.api import MeAPI
from apps.regions.views import RegionListAPI
from apps.vacancies.api import VacancyListAPI
from config import metrics

api_patterns = [
    path("regions/", RegionListAPI.as_view(), name="api-regions"),
    path("me/", MeAPI.as_view(), name="api-me"),
    path("vacancies/", VacancyListAPI.as_view(), name="api-vacancies"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SwaggerDocsView.as_view(url_name="api-schema"), name="api-docs"),
    path("redoc/", RedocDocsView.as_view(url_name="api-schema"), name="api-redoc"),
]

urlpatterns = [
    path("", include("apps.core.urls")),
    path("", include("apps.accounts.urls")),
    path("", include("apps.dashboards.urls")),
    path("profil/", include("apps.profiles.urls")),
    path("cpmi/", include("apps.cpmi.urls")),
    path("", include("apps.agencies.urls")),
    path("", include("apps.permits.urls")),
    path("", include("apps.vacancies.urls")),
    path("", include("apps.agreements.urls")),
    path("", include("apps.jobfairs.urls")),
    path("", include("apps.documents.urls")),
    path("", include("apps.officeservices.urls")),
    path("", include("apps.complaints.urls")),
    path("", include("apps.offices.urls")),
    path("wilayah/", include("apps.regions.urls")),
    path("", include("apps.messaging.urls")),
    path("admin-pusat/", include("apps.audit.urls")),
    # Django's switcher, which also stores a signed-in user's choice on the account (what SIPMI sends them).
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", include(api_patterns)),
    path("django-admin/", admin.site.urls),
    path("metrics", metrics.metrics, name="metrics"),
]

# A database that can't be reached answers the 503 page; every other error the site's 500 page (templates/500.html).
# 403 and 404 use templates/403.html and 404.html through Django's default handlers.
handler500 = "apps.core.views.server_error"
