from django.urls import path

from apps.regions import views

app_name = "regions"
urlpatterns = [
    path("pilihan/", views.region_options, name="options"),
]
