from django.contrib.auth import views as auth_views
from django.urls import path

from apps.accounts import views

app_name = "accounts"
urlpatterns = [
    path("daftar/", views.register, name="register"),
    path("daftar/aktivasi/", views.activate, name="activate"),
    path("masuk/", views.login_view, name="login"),
    path("keluar/", views.logout_view, name="logout"),
    path("pengaturan/", views.settings_view, name="settings"),
    path("lupa-sandi/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "lupa-sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path("lupa-sandi/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path(
        "lupa-sandi/selesai/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("dasbor/pencaker/", views.dashboard_job_seeker, name="dashboard_job_seeker"),
    path("dasbor/dinas/", views.dashboard_office, name="dashboard_office"),
    path("dasbor/perusahaan/", views.dashboard_agency, name="dashboard_agency"),
    path("dasbor/penyelenggara/", views.dashboard_organiser, name="dashboard_organiser"),
    path("dasbor/admin-pusat/", views.dashboard_central_admin, name="dashboard_central_admin"),
]
