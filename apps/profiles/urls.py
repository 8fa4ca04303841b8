from django.urls import path

from apps.profiles import views

app_name = "profiles"
urlpatterns = [
    path("", views.overview, name="overview"),
]
