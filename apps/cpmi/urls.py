from django.urls import path

from apps.cpmi import views

app_name = "cpmi"

urlpatterns = [
    path("", views.status, name="status"),
    path("formulir/", views.form, name="form"),
    path("revisi/", views.revise, name="revise"),
    path("antrean/", views.queue, name="queue"),
    path("periksa/<int:pk>/", views.review, name="review"),
    path("periksa/<int:pk>/dokumen/<int:document_pk>/", views.review_document, name="review_document"),
    path("periksa/<int:pk>/keputusan/", views.decide, name="decide"),
    path("dokumen/<int:pk>/", views.document_file, name="document_file"),
]
