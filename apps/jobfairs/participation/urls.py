"""Companies in job fairs; included into the "jobfairs" namespace by apps/jobfairs/urls.py."""

from django.urls import path

from apps.jobfairs.participation import views

company = "perusahaan/job-fair/<int:pk>/"

urlpatterns = [
    path("perusahaan/job-fair/", views.company_fairs, name="company_fairs"),
    path(company, views.company_fair, name="company_fair"),
    path(company + "ikuti/", views.participation_request, name="participation_request"),
    path(company + "mundur/", views.participation_withdraw, name="participation_withdraw"),
    path(company + "lowongan/", views.fair_vacancy_add, name="fair_vacancy_add"),
    path(company + "lowongan/baru/", views.fair_vacancy_create, name="fair_vacancy_create"),
    path(company + "lowongan/<int:entry_pk>/tarik/", views.fair_vacancy_remove, name="fair_vacancy_remove"),
    path(company + "lowongan/<int:entry_pk>/pelamar/", views.fair_applicants, name="fair_applicants"),
    path(company + "pertanyaan-umum/", views.faq_add, name="faq_add"),
    path(company + "pertanyaan-umum/<int:faq_pk>/", views.faq_edit, name="faq_edit"),
    path(company + "pertanyaan-umum/<int:faq_pk>/hapus/", views.faq_delete, name="faq_delete"),
    path(company + "pertanyaan-umum/<int:faq_pk>/pindah/", views.faq_move, name="faq_move"),
    path(
        "penyelenggara/job-fair/<int:pk>/perusahaan/<int:participation_pk>/",
        views.participation_decide,
        name="participation_decide",
    ),
]
