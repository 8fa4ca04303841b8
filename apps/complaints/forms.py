from django import forms
from django.utils.translation import gettext_lazy as _

from apps.complaints.models import service_choices
from apps.core.forms import StyledFormMixin
from apps.core.uploads import DOCUMENT_ACCEPT
from apps.offices.models import LabourOffice


class OfficeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ComplaintForm(StyledFormMixin, forms.Form):
    """Checks only the shape of the input; the rules (contact needed, text length, the file) are the service's."""

    office = OfficeChoiceField(
        label=_("Dinas yang diadukan"),
        queryset=LabourOffice.objects.order_by("name"),
        empty_label=_("— pilih dinas —"),
        error_messages={
            "required": _("Pilih dinas yang Anda adukan."),
            "invalid_choice": _("Pilih dinas dari daftar."),
        },
    )
    service = forms.ChoiceField(
        label=_("Layanan"),
        choices=[("", _("— pilih layanan —")), *service_choices()],
        error_messages={"required": _("Pilih layanan yang Anda adukan, atau Lainnya.")},
    )
    text = forms.CharField(
        label=_("Isi pengaduan"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        help_text=_("Ceritakan apa yang terjadi, kapan, dan apa yang Anda harapkan."),
        error_messages={"required": _("Tuliskan isi pengaduan Anda.")},
    )
    name = forms.CharField(label=_("Nama (boleh dikosongkan)"), required=False, max_length=120)
    phone = forms.CharField(
        label=_("Nomor HP"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_("Nomor HP atau e-mail, salah satu cukup: kami kabari di sana jika pengaduan dijawab."),
        error_messages={"invalid": _("Alamat e-mail tidak valid.")},
    )
    attachment = forms.FileField(
        label=_("Lampiran (boleh dikosongkan)"),
        required=False,
        help_text=_("Foto atau PDF, paling besar 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
    )


class CodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Kode pelacakan"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        help_text=_("Kode yang Anda terima saat mengadu, misalnya ADU-7K3M-Q9PX."),
        error_messages={"required": _("Masukkan kode pelacakan Anda.")},
    )


class AnswerForm(StyledFormMixin, forms.Form):
    answer = forms.CharField(
        label=_("Jawaban untuk pengadu"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        error_messages={"required": _("Tuliskan jawaban untuk pengadu.")},
    )


class ListFilterForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Tampilkan"),
        required=False,
        choices=[
            ("open", _("Menunggu jawaban")),
            ("answered", _("Sudah dijawab")),
            ("closed", _("Ditutup")),
            ("all", _("Semua")),
        ],
    )
