from django.contrib import admin

from apps.messaging.models import OutboundMessage


@admin.register(OutboundMessage)
class OutboundMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "channel", "recipient", "subject", "status"]
    list_filter = ["channel", "status"]
    search_fields = ["recipient", "subject"]
    readonly_fields = ["sent_at"]  # written by the worker when it hands the message over; never typed
