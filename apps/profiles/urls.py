from django.urls import path

from apps.profiles import views

app_name = "profiles"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("langkah/<str:key>/", views.step, name="step"),
    path("foto/<int:user_id>/", views.photo, name="photo"),
    path("sertifikat/<int:item_id>/berkas/", views.certificate_file, name="certificate_file"),
]
