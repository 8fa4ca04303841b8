from django.urls import path

from apps.dashboards import office_reports, views

app_name = "dashboards"
urlpatterns = [
    path("dasbor/", views.dashboard, name="dashboard"),
    path("dasbor/pencaker/", views.dashboard_job_seeker, name="dashboard_job_seeker"),
    path("dasbor/dinas/", views.dashboard_office, name="dashboard_office"),
    path("dasbor/dinas/arsip/", office_reports.archive, name="office_archive"),
    path("dasbor/dinas/laporan/", office_reports.monthly, name="office_reports"),
    path("dasbor/dinas/laporan/csv/", office_reports.monthly_csv, name="office_reports_csv"),
    path("dasbor/perusahaan/", views.dashboard_agency, name="dashboard_agency"),
    path("dasbor/penyelenggara/", views.dashboard_organiser, name="dashboard_organiser"),
    path("dasbor/admin-pusat/", views.dashboard_central_admin, name="dashboard_central_admin"),
]
