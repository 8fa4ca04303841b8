from django.urls import path

from apps.agreements import views

app_name = "agreements"

urlpatterns = [
    path("perusahaan/pp/", views.agency_list, name="agency_list"),
    path("perusahaan/pp/buat/<int:application_pk>/", views.create, name="create"),
    path("perusahaan/pp/<int:pk>/", views.edit, name="edit"),
    path("dinas/pp/", views.office_queue, name="office_queue"),
    path("dinas/pp/ditandatangani/", views.office_signed, name="office_signed"),
    path("dinas/pp/<int:pk>/", views.review, name="review"),
    path("dinas/pp/<int:pk>/berkas/cpmi/<int:document_pk>/", views.file_candidate, name="file_candidate"),
    path("dinas/pp/<int:pk>/berkas/perusahaan/<int:document_pk>/", views.file_agency, name="file_agency"),
    path("dinas/pendelegasian/", views.delegations, name="delegations"),
    path("dinas/pendelegasian/<int:pk>/cabut/", views.delegation_revoke, name="delegation_revoke"),
    path("pp/<int:pk>/unduh/", views.download, name="download"),
    path("verifikasi/pp/<uuid:code>/", views.verify, name="verify"),
]
