"""What the job fair tells organisers, companies, job seekers and the central admin, rendered in each recipient's
language (`messaging.notices`), never in the language of whoever acted."""

from django.utils.translation import gettext_lazy as _

from apps.messaging.notices import Notice

# The fair (services.py)
FAIR_SUBMITTED = Notice(
    title=_("Job fair menunggu verifikasi"),
    body=_("%(name)s diajukan oleh %(org)s."),
)
FAIR_VERIFIED = Notice(
    title=_("Job fair terverifikasi"),
    body=_("%(name)s telah diverifikasi admin pusat. Terbitkan agar perusahaan dan pencari kerja dapat mendaftar."),
)
FAIR_RETURNED = Notice(
    title=_("Job fair dikembalikan"),
    body=_("%(name)s dikembalikan admin pusat: %(reason)s"),
)
FAIR_STARTED = Notice(
    title=_("Job fair dimulai"),
    body=_("%(name)s sedang berlangsung."),
)
FAIR_FINISHED = Notice(
    title=_("Job fair selesai"),
    body=_("%(name)s telah selesai."),
)

# Companies joining (participation.py)
PARTICIPATION_REQUESTED = Notice(
    title=_("Perusahaan mendaftar job fair"),
    body=_("%(company)s ingin mengikuti %(fair)s. Terima atau tolak di halaman job fair."),
)
PARTICIPATION_ACCEPTED = Notice(
    title=_("Diterima di job fair"),
    body=_("Perusahaan Anda diterima di %(fair)s. Publikasikan lowongan Anda di job fair ini."),
)
PARTICIPATION_REJECTED = Notice(
    title=_("Tidak diterima di job fair"),
    body=_("Permintaan perusahaan Anda untuk mengikuti %(fair)s ditolak. Alasan: %(reason)s"),
)
PARTICIPATION_WITHDRAWN = Notice(
    title=_("Perusahaan mengundurkan diri"),
    body=_("%(company)s mengundurkan diri dari %(fair)s."),
)

# Job seekers (attendance.py); %(when)s is a lazy date, written with the recipient's month names
CHECK_IN_OPEN = Notice(
    title=_("Check-in job fair dibuka"),
    body=_("%(name)s dimulai %(when)s. Check-in sekarang agar dapat melihat perusahaan dan melamar."),
)

# Conversations (conversations.py)
NEW_MESSAGE = Notice(
    title=_("Pesan baru dari %(name)s"),
    body=_("Job fair %(fair)s"),
)
