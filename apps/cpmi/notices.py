"""What the CPMI registration tells its applicant, rendered in the applicant's language (`messaging.notices`)."""

from django.utils.translation import gettext_lazy as _

from apps.messaging.notices import Notice

SUBMITTED = Notice(
    title=_("Pengajuan CPMI diajukan"),
    body=_("Pengajuan Anda dikirim ke %(office)s untuk diverifikasi."),
)
VERIFIED = Notice(
    title=_("Pengajuan CPMI terverifikasi"),
    body=_("Selamat, Anda terdaftar sebagai CPMI dengan nomor %(number)s."),
)
REJECTED = Notice(
    title=_("Pengajuan CPMI ditolak"),
    body=_("Ada dokumen yang perlu diperbaiki. Buka SIPMI, lihat detail, lalu tekan Revisi Pengajuan."),
)
