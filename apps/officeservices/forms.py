from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import dates
from apps.core.formatting import date_id
from apps.core.forms import StyledFormMixin
from apps.core.uploads import DOCUMENT_ACCEPT
from apps.offices.catalogue import SERVICE_CHOICES, Party
from apps.officeservices.models import InterviewOutcome, ReturnCode


class CandidateChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.user.full_name} — {obj.registration_number}"


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.assignment_letter_number})"


class PermitChoiceField(forms.ModelChoiceField):
    """The SPR as the officer compares it with the company's copy: number, destination, validity, places left."""

    def label_from_instance(self, obj):
        return _("%(number)s — %(country)s, s.d. %(until)s, sisa %(left)s dari %(quota)s") % {
            "number": obj.number,
            "country": obj.country_name,
            "until": date_id(obj.valid_until),
            "left": obj.remaining,
            "quota": obj.quota,
        }


class OpenRequestForm(StyledFormMixin, forms.Form):
    service = forms.ChoiceField(
        label=_("Layanan"), choices=SERVICE_CHOICES, widget=forms.RadioSelect(attrs={"class": "form-check-input"})
    )
    candidates = CandidateChoiceField(
        label=_("CPMI terseleksi"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    recruiting_officer = OfficerChoiceField(label=_("Petugas rekrut"), queryset=None)
    letter_number = forms.CharField(label=_("Nomor surat permohonan"), max_length=100, required=False)
    letter_date = dates.DateField(dates.LETTER_DATE, label=_("Tanggal surat permohonan"), required=False)
    immigration_office = forms.CharField(
        label=_("Kantor imigrasi tujuan (untuk rekomendasi paspor)"),
        max_length=200,
        required=False,
        help_text=_("Contoh: Kantor Imigrasi Kelas I TPI Bandung"),
    )
    immigration_city = forms.CharField(label=_("Kota kantor imigrasi"), max_length=100, required=False)

    def __init__(self, *args, candidates, officers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidates"].queryset = candidates
        self.fields["recruiting_officer"].queryset = officers


class UploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Berkas (PDF, JPG atau PNG, maks. 5 MB)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = DOCUMENT_ACCEPT


class ReturnForm(StyledFormMixin, forms.Form):
    codes = forms.MultipleChoiceField(
        label=_("Alasan"),
        choices=ReturnCode.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    entry = forms.TypedChoiceField(label=_("Butir checklist (bila ada)"), coerce=int, required=False, empty_value=None)
    text = forms.CharField(label=_("Keterangan"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [("", "—")] + [
            (
                entry.pk,
                f"{entry.display_label} ({entry.request_candidate.candidate.user.full_name})"
                if entry.request_candidate_id
                else entry.display_label,
            )
            for entry in entries
        ]


class InterviewForm(StyledFormMixin, forms.Form):
    request_candidate = forms.IntegerField(widget=forms.HiddenInput)
    interviewed_at = dates.DateTimeField(dates.RECENT_EVENT, label=_("Waktu wawancara"))
    recruiter_present = forms.BooleanField(label=_("Petugas rekrut hadir"), required=False, initial=True)
    outcome = forms.ChoiceField(label=_("Hasil"), choices=InterviewOutcome.choices)
    note = forms.CharField(label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PermitForm(StyledFormMixin, forms.Form):
    permit = PermitChoiceField(label=_("Nomor SPR"), queryset=None)
    copy_matches = forms.BooleanField(label=_("SPR sesuai dengan salinan yang dibawa perusahaan"), required=False)

    def __init__(self, *args, permits, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["permit"].queryset = permits


class SelectionForm(StyledFormMixin, forms.Form):
    selection_date = dates.DateField(dates.RECENT_EVENT, label=_("Tanggal seleksi"))
    selection_place = forms.CharField(label=_("Tempat seleksi"), max_length=200)


class SendBackForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan pengembalian ke petugas"), widget=forms.Textarea(attrs={"rows": 3}))


class ReportForm(StyledFormMixin, forms.Form):
    since = dates.DateField(dates.REPORT_DATE, label=_("Dari"), required=False)
    until = dates.DateField(dates.REPORT_DATE, label=_("Sampai"), required=False)


class ChecklistItemForm(StyledFormMixin, forms.Form):
    service = forms.ChoiceField(label=_("Layanan"), choices=SERVICE_CHOICES)
    label = forms.CharField(
        label=_("Persyaratan"),
        max_length=200,
        error_messages={"required": _("Tuliskan nama persyaratan.")},
    )
    party = forms.ChoiceField(
        label=_("Untuk"),
        choices=[(Party.COMPANY, _("Perusahaan (P3MI)")), (Party.CANDIDATE, _("Setiap CPMI"))],
    )
    required = forms.BooleanField(label=_("Wajib"), required=False, initial=True)
