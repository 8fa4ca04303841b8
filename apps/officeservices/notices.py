"""What an office-service request tells the company, its CPMI and the office, rendered in each recipient's
language (`messaging.notices`). %(service)s and the step labels come from the catalogue as lazy text, so they are
translated for the recipient too."""

from django.utils.translation import gettext_lazy as _

from apps.messaging.notices import Notice

STEP_DONE = Notice(
    title=_("Permohonan %(reference)s: langkah selesai"),
    body=_("%(done)s selesai. Berikutnya: %(next)s."),
)
LAST_STEP = _("selesai")  # "what comes next" after the last step
SUBMITTED = Notice(
    title=_("Permohonan layanan diajukan"),
    body=_("%(reference)s (%(service)s) dari %(agency)s sudah diajukan ke dinas."),
)
RECEIVED = Notice(
    title=_("Permohonan diterima dinas"),
    body=_("%(reference)s (%(service)s) diterima dan sedang diperiksa."),
)
RETURNED = Notice(
    title=_("Permohonan dikembalikan"),
    body=_("%(reference)s dikembalikan untuk dilengkapi: %(reasons)s"),
)
SIGN_HANDOVER = Notice(
    title=_("Tanda tangani Berita Acara Serah Terima"),
    body=_("%(reference)s: dokumen sudah disiapkan. Tanda tangani Berita Acara Serah Terima di aplikasi."),
)
AWAITING_DIVISION_HEAD = Notice(
    title=_("Menunggu persetujuan Kepala Bidang"),
    body=_("%(reference)s (%(service)s) menunggu persetujuan Kepala Bidang."),
)
ISSUED = Notice(
    title=_("Dokumen layanan terbit"),
    body=_("%(reference)s (%(service)s) disetujui; dokumen sudah ditandatangani dan dapat diunduh."),
)
SENT_BACK = Notice(
    title=_("Permohonan dikembalikan Kepala Bidang"),
    body=_("%(reference)s dikembalikan ke petugas: %(reason)s"),
)
COMPLETED = Notice(
    title=_("Layanan selesai"),
    body=_("%(reference)s (%(service)s) selesai; dokumen diserahkan."),
)
