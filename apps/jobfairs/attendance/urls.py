from django.urls import path

from apps.jobfairs.attendance import views

# Included from apps/jobfairs/urls.py, so the names are "jobfairs:<name>".
urlpatterns = [
    path("job-fair/<int:pk>/ikuti/", views.follow, name="follow"),
    path("job-fair/<int:pk>/check-in/", views.check_in, name="check_in"),
    path("job-fair/<int:pk>/ruang/", views.attend, name="attend"),
    path("job-fair/<int:pk>/lowongan/<int:vacancy_pk>/lamar/", views.apply, name="attend_apply"),
    path("job-fair/<int:pk>/perusahaan/<int:participation_pk>/", views.stand, name="stand"),
    path("portofolio/job-fair/", views.portfolio, name="portfolio"),
]
