"""What the documents app tells people, rendered in each recipient's language (`messaging.notices`)."""

from django.utils.translation import gettext_lazy as _

from apps.messaging.notices import Notice

NUMBER_CANCELLED = Notice(
    title=_("Nomor register dibatalkan"),
    body=_("Nomor %(number)s dibatalkan: %(reason)s"),
)
DOCUMENT_REVOKED = Notice(
    title=_("Dokumen dicabut"),
    body=_("Dokumen Nomor %(number)s telah dicabut: %(reason)s"),
)
