"""What the complaints app tells office staff in the app, rendered in each recipient's language
(`messaging.notices`). The complainant, who has no account, is written to in Indonesian (services)."""

from django.utils.translation import gettext_lazy as _

from apps.messaging.notices import Notice

NEW_COMPLAINT = Notice(
    title=_("Pengaduan baru"),
    body=_("Pengaduan #%(pk)s tentang layanan %(service)s menunggu jawaban."),
)
