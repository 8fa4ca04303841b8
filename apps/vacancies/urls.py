from django.urls import path

from apps.vacancies import views

app_name = "vacancies"

urlpatterns = [
    path("lowongan/", views.vacancy_list, name="list"),
    path("lowongan/<int:pk>/", views.vacancy_detail, name="detail"),
    path("lowongan/<int:pk>/lamar/", views.apply, name="apply"),
    path("lamaran/", views.my_applications, name="my_applications"),
    path("lamaran/<int:pk>/", views.my_application, name="my_application"),
    path("lamaran/<int:pk>/batalkan/", views.withdraw, name="withdraw"),
    path("perusahaan/lowongan/", views.company_vacancies, name="company_vacancies"),
    path("perusahaan/lowongan/baru/", views.company_vacancy_create, name="company_vacancy_create"),
    path("perusahaan/lowongan/<int:pk>/ubah/", views.company_vacancy_edit, name="company_vacancy_edit"),
    path("perusahaan/lowongan/<int:pk>/status/", views.company_vacancy_status, name="company_vacancy_status"),
    path("perusahaan/lowongan/<int:pk>/pelamar/", views.applicants, name="applicants"),
    path("perusahaan/lamaran/<int:pk>/", views.company_application, name="company_application"),
    path("perusahaan/lamaran/<int:pk>/foto/", views.company_applicant_photo, name="company_applicant_photo"),
]
