from django.urls import path

from apps.offices import views

app_name = "offices"

urlpatterns = [
    path("layanan-dinas/", views.office_list, name="list"),
    path("layanan-dinas/<int:pk>/", views.office_detail, name="detail"),
]
