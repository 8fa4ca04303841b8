from django.urls import path

from apps.complaints import views

app_name = "complaints"

urlpatterns = [
    path("pengaduan/", views.submit, name="file"),
    path("pengaduan/terkirim/", views.filed, name="filed"),
    path("pengaduan/cek/", views.check, name="check"),
    path("dinas/pengaduan/", views.office_list, name="office_list"),
    path("dinas/pengaduan/<int:pk>/", views.office_detail, name="office_detail"),
    path("dinas/pengaduan/<int:pk>/lampiran/", views.attachment, name="attachment"),
]
