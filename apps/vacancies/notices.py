"""What applying for a vacancy tells the job seeker and the company, rendered in each recipient's language
(`messaging.notices`), never in the language of whoever acted."""

from django.utils.translation import gettext_lazy as _

from apps.messaging.notices import Notice

# To the job seeker, about their application
APPLIED = Notice(
    title=_("Lamaran terkirim"),
    body=_("Lamaran Anda untuk %(position)s di %(employer)s (%(country)s) sudah dikirim ke %(agency)s."),
)
WITHDRAWN = Notice(
    title=_("Lamaran dibatalkan"),
    body=_("Lamaran Anda untuk %(position)s sudah dibatalkan."),
)
IN_REVIEW = Notice(
    title=_("Lamaran sedang diproses"),
    body=_("%(agency)s sedang memproses lamaran Anda untuk %(position)s."),
)
INTERVIEW_SCHEDULED = Notice(
    title=_("Jadwal wawancara"),
    body=_("Wawancara untuk %(position)s: %(note)s."),
)
INTERVIEW_RESCHEDULED = Notice(
    title=_("Jadwal wawancara diubah"),
    body=_("Wawancara untuk %(position)s: %(note)s."),
)
INTERVIEW_REMINDER = Notice(
    title=_("Pengingat wawancara besok"),
    body=_("Wawancara untuk %(position)s: %(when)s · %(where)s."),
)
ACCEPTED_OVERSEAS = Notice(
    title=_("Lamaran diterima"),
    body=_(
        "Selamat, Anda diterima untuk %(position)s di %(employer)s. %(agency)s akan menyiapkan perjanjian penempatan."
    ),
)
ACCEPTED_DOMESTIC = Notice(
    title=_("Lamaran diterima"),
    body=_("Selamat, Anda diterima untuk %(position)s di %(employer)s (%(city)s)."),
)
REJECTED = Notice(
    title=_("Lamaran tidak diterima"),
    body=_("Lamaran Anda untuk %(position)s tidak diterima. Alasan: %(reason)s"),
)

# To the company's team
NEW_APPLICATION = Notice(
    title=_("Lamaran baru"),
    body=_("%(name)s melamar lowongan %(position)s (%(city)s, %(country)s)."),
)
