from django.urls import path

from apps.officeservices import views

app_name = "officeservices"

urlpatterns = [
    path("perusahaan/layanan/", views.company_requests, name="company_requests"),
    path("perusahaan/layanan/baru/", views.request_open, name="request_open"),
    path("dinas/layanan/", views.office_queue, name="office_queue"),
    path("dinas/layanan/loket/", views.counter_open, name="counter_open"),
    path("dinas/layanan/persetujuan/", views.approval_queue, name="approval_queue"),
    path("dinas/layanan/laporan-waktu/", views.time_report, name="time_report"),
    path("layanan/<int:pk>/", views.request_detail, name="request_detail"),
    path("layanan/<int:pk>/berkas/<int:entry_pk>/unggah/", views.checklist_upload, name="checklist_upload"),
    path("layanan/<int:pk>/berkas/<int:entry_pk>/", views.checklist_file, name="checklist_file"),
    path(
        "layanan/<int:pk>/berkas/<int:entry_pk>/versi/<int:version_pk>/",
        views.checklist_file,
        name="checklist_file_version",
    ),
    path("layanan/<int:pk>/ajukan/", views.request_submit, name="request_submit"),
    path("layanan/<int:pk>/batalkan/", views.request_cancel, name="request_cancel"),
    path("layanan/<int:pk>/ambil/", views.request_assign, name="request_assign"),
    path("layanan/<int:pk>/kembalikan/", views.request_return, name="request_return"),
    path("layanan/<int:pk>/wawancara/", views.interview, name="interview"),
    path("layanan/<int:pk>/langkah/", views.request_step, name="request_step"),
    path("layanan/<int:pk>/dokumen/<int:document_pk>/", views.document_pdf, name="document_pdf"),
    path("layanan/<int:pk>/draf/<int:document_pk>/", views.draft_pdf, name="draft_pdf"),
    path("dinas/persyaratan-lokal/", views.local_checklist, name="local_checklist"),
    path(
        "dinas/persyaratan-lokal/<int:pk>/nonaktifkan/",
        views.local_checklist_deactivate,
        name="local_checklist_deactivate",
    ),
    path("dinas/pp/<int:agreement_pk>/berkas/layanan/<int:file_pk>/", views.agreement_file, name="agreement_file"),
]
