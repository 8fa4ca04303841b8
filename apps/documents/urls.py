from django.urls import path

from apps.documents import views

app_name = "documents"

urlpatterns = [
    # Public: the QR code's target, and each office's public key for an offline check.
    path("verifikasi/dokumen/<str:code>/", views.verify, name="verify"),
    path("verifikasi/kunci-publik/<int:office_pk>/", views.public_key, name="public_key"),
    # The office's register book (buku register).
    path("dinas/buku-register/", views.register_book, name="register_book"),
    path("dinas/buku-register/cetak/", views.register_print, name="register_print"),
    path("dinas/buku-register/ekspor/", views.register_export, name="register_export"),
    path("dinas/buku-register/format-nomor/", views.register_formats, name="register_formats"),
    path("dinas/buku-register/<int:pk>/batal/", views.register_cancel, name="register_cancel"),
    path("dinas/buku-register/<int:pk>/cabut/", views.document_revoke, name="document_revoke"),
    path("dinas/buku-register/<int:pk>/json/", views.document_json, name="document_json"),
]
