from django.urls import path

from apps.documents import views

app_name = "documents"

urlpatterns = [
    # Public: the QR code's target.
    path("verifikasi/dokumen/<str:code>/", views.verify, name="verify"),
    # The office's register book.
    path("dinas/buku-register/", views.register_book, name="register_book"),
    path("dinas/buku-register/ekspor/", views.register_export, name="register_export"),
]
