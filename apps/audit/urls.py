from django.urls import path

from apps.audit import views

app_name = "audit"
urlpatterns = [path("log-audit/", views.audit_log, name="log")]
