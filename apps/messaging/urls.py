from django.urls import path

from apps.messaging import views

app_name = "messaging"
urlpatterns = [path("kotak-keluar/", views.outbox, name="outbox")]
