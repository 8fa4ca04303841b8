from django.urls import include, path

from apps.jobfairs import views

app_name = "jobfairs"

urlpatterns = [
    path("job-fair/", views.fair_list, name="list"),
    path("job-fair/<int:pk>/", views.fair_detail, name="detail"),
    path("job-fair/<int:pk>/banner/", views.fair_banner, name="banner"),
    path("job-fair/penyelenggara/<int:pk>/logo/", views.organiser_logo, name="organiser_logo"),
    path("penyelenggara/profil/", views.organiser_profile, name="organiser_profile"),
    path("penyelenggara/job-fair/", views.organiser_fairs, name="organiser_fairs"),
    path("penyelenggara/job-fair/baru/", views.fair_create, name="fair_create"),
    path("penyelenggara/job-fair/<int:pk>/", views.fair_manage, name="fair_manage"),
    path("penyelenggara/job-fair/<int:pk>/ubah/", views.fair_edit, name="fair_edit"),
    path("penyelenggara/job-fair/<int:pk>/ajukan/", views.fair_submit, name="fair_submit"),
    path("penyelenggara/job-fair/<int:pk>/terbitkan/", views.fair_publish, name="fair_publish"),
    path("admin-pusat/job-fair/", views.admin_queue, name="admin_queue"),
    path("admin-pusat/job-fair/<int:pk>/", views.admin_fair, name="admin_fair"),
    path("admin-pusat/job-fair/<int:pk>/csv/", views.admin_fair_csv, name="admin_fair_csv"),
    path("", include("apps.jobfairs.attendance.urls")),  # the job seeker at a fair
    path("", include("apps.jobfairs.conversations.urls")),
    path("", include("apps.jobfairs.participation.urls")),  # companies in fairs
]
