from django.urls import path

from apps.permits import views

app_name = "permits"

urlpatterns = [
    path("perusahaan/spr/", views.permits, name="permits"),
    path("dinas/spr/", views.office_permits, name="office_permits"),
    path("admin-pusat/perusahaan/spr/", views.admin_permits, name="admin_permits"),
]
