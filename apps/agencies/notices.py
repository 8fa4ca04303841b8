"""What the placement-company app tells people, rendered in each recipient's language (`messaging.notices`)."""

from django.utils.translation import gettext_lazy as _

from apps.messaging.notices import Notice

OFFICER_APPROVED = Notice(
    title=_("Petugas rekrut disetujui"),
    body=_("%(officer)s disetujui oleh %(office)s."),
)
OFFICER_REJECTED = Notice(
    title=_("Petugas rekrut ditolak"),
    body=_("%(officer)s ditolak oleh %(office)s: %(reason)s"),
)
OWNERSHIP_RECEIVED = Notice(
    title=_("Anda kini pemilik akun perusahaan"),
    body=_("Kepemilikan akun %(agency)s di SIPMI telah ditransfer kepada Anda."),
)
