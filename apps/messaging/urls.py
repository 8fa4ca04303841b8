from django.urls import path

from apps.messaging import views

app_name = "messaging"
urlpatterns = [
    path("admin-pusat/kotak-keluar/", views.outbox, name="outbox"),
    # Every signed-in user's own in-app notices, and the bell's polled fragment.
    path("notifikasi/", views.notifications, name="notifications"),
    path("notifikasi/lonceng/", views.notification_bell, name="notification_bell"),
    path("notifikasi/tandai-semua-dibaca/", views.notifications_mark_all_read, name="notifications_mark_all_read"),
    path("notifikasi/<int:pk>/buka/", views.notification_open, name="notification_open"),
]
