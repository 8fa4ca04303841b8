"""What the placement agreement (PP) tells people, rendered in each recipient's language (`messaging.notices`)."""

from django.utils.translation import gettext_lazy as _

from apps.messaging.notices import Notice

DELEGATION_GRANTED = Notice(
    title=_("Pendelegasian penandatanganan PP"),
    body=_("Anda menerima pendelegasian penandatanganan PP (SK Nomor %(number)s), berlaku %(start)s–%(end)s."),
)
DELEGATION_REVOKED = Notice(
    title=_("Pendelegasian penandatanganan PP dicabut"),
    body=_("SK pendelegasian Nomor %(number)s telah dicabut."),
)
SUBMITTED_FOR_CANDIDATE = Notice(
    title=_("PP menunggu verifikasi"),
    body=_("Perjanjian penempatan Anda dengan %(agency)s dikirim ke %(office)s untuk diverifikasi."),
)
SUBMITTED_FOR_OFFICE = Notice(
    title=_("PP menunggu verifikasi"),
    body=_("PP %(name)s dari %(agency)s menunggu verifikasi."),
)
RETURNED = Notice(
    title=_("PP dikembalikan"),
    body=_("PP %(name)s dikembalikan oleh %(office)s: %(reason)s"),
)
SIGNED = Notice(
    title=_("PP telah diverifikasi"),
    body=_("PP Nomor %(number)s telah diverifikasi dan ditandatangani oleh %(office)s."),
)
