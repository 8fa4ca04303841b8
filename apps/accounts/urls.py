from django.contrib.auth import views as auth_views
from django.urls import path

from apps.accounts import views

app_name = "accounts"
urlpatterns = [
    path("daftar/", views.register, name="register"),
    path("daftar/penyelenggara/", views.register_organiser, name="register_organiser"),
    path("daftar/aktivasi/", views.activate, name="activate"),
    path("masuk/", views.login_view, name="login"),
    path("keluar/", views.logout_view, name="logout"),
    path("pengaturan/", views.settings_view, name="settings"),
    path("pengaturan/email/<str:token>/", views.email_confirm, name="email_confirm"),
    path("dinas/buka-kunci-nik/", views.nik_unlock, name="nik_unlock"),
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
]
