"""Conversation (Percakapan) URLs, included into the "jobfairs" namespace."""

from django.urls import path

from apps.jobfairs.conversations import views

urlpatterns = [
    path("percakapan/", views.conversation_list, name="conversation_list"),
    path("percakapan/<int:pk>/", views.conversation_detail, name="conversation_detail"),
    path("percakapan/<int:pk>/pesan/", views.conversation_messages, name="conversation_messages"),
    path(
        "percakapan/<int:pk>/lampiran/<int:message_pk>/",
        views.conversation_attachment,
        name="conversation_attachment",
    ),
    path("job-fair/<int:pk>/percakapan/baru/", views.conversation_new, name="conversation_new"),
]
