from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import MaritalStatus
from apps.core import dates
from apps.core.forms import EMPTY_CHOICE, StyledFormMixin
from apps.profiles.models import EducationLevel
from apps.regions.forms import RegionCascadeMixin

PICK = EMPTY_CHOICE


def _year_field(label):
    # The service checks the upper bound against the current year.
    return forms.IntegerField(
        label=label,
        min_value=1950,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class PhotoForm(StyledFormMixin, forms.Form):
    photo = forms.FileField(
        label=_("Foto profil"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPG, PNG atau WEBP, maksimal 2 MB. Foto resmi yang didominasi oleh wajah."),
    )


class PersonalForm(StyledFormMixin, RegionCascadeMixin, forms.Form):
    region_prefixes = ("domicile",)
    region_required = False

    description = forms.CharField(
        label=_("Deskripsi diri"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ceritakan singkat tentang diri Anda, pengalaman dan tujuan kerja Anda."),
    )
    marital_status = forms.ChoiceField(label=_("Status perkawinan"), choices=[PICK, *MaritalStatus.choices])
    domicile_street = forms.CharField(
        label=_("Alamat domisili (jalan, RT/RW)"),
        max_length=255,
        help_text=_("Alamat tempat tinggal Anda sekarang, bisa berbeda dengan alamat KTP."),
    )
    looking_for_training = forms.BooleanField(label=_("Saya sedang mencari pelatihan"), required=False)
    wanted_jobs = forms.CharField(
        label=_("Pekerjaan yang diinginkan"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Contoh: perawat lansia, operator pabrik, juru masak. Pisahkan dengan koma."),
    )

    def region_fields(self):
        return [self[f"domicile_{suffix}"] for suffix in ("province", "regency", "district", "village")]

    def top_fields(self):
        return [self["description"], self["marital_status"]]


class ExperienceForm(StyledFormMixin, forms.Form):
    company = forms.CharField(label=_("Nama perusahaan"), max_length=150)
    position = forms.CharField(label=_("Jabatan"), max_length=150)
    start_date = dates.DateField(dates.PERSONAL_HISTORY, label=_("Mulai bekerja"))
    end_date = dates.DateField(
        dates.PERSONAL_HISTORY,
        label=_("Selesai bekerja"),
        required=False,
        help_text=_("Kosongkan jika masih bekerja di sini."),
    )
    description = forms.CharField(
        label=_("Uraian pekerjaan"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TrainingForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Nama pelatihan"), max_length=150)
    institution = forms.CharField(label=_("Lembaga penyelenggara"), max_length=150)
    year = _year_field(_("Tahun"))


class EducationForm(StyledFormMixin, forms.Form):
    level = forms.ChoiceField(label=_("Jenjang"), choices=[PICK, *EducationLevel.choices])
    institution = forms.CharField(label=_("Nama sekolah/perguruan tinggi"), max_length=150)
    major = forms.CharField(label=_("Jurusan"), max_length=150, required=False)
    graduation_year = _year_field(_("Tahun lulus"))


class CertificationForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Nama sertifikat"), max_length=150)
    bnsp_number = forms.CharField(
        label=_("Nomor sertifikat BNSP"),
        max_length=60,
        required=False,
        help_text=_("Isi jika sertifikat diterbitkan oleh BNSP/LSP."),
    )
    issuer = forms.CharField(label=_("Penerbit"), max_length=150)
    issued_on = dates.DateField(dates.PERSONAL_HISTORY, label=_("Tanggal terbit"))
    file = forms.FileField(
        label=_("Berkas sertifikat"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
        help_text=_("Pindaian atau foto sertifikat: JPG, PNG atau PDF, maksimal 5 MB (tidak wajib)."),
    )


class SkillForm(StyledFormMixin, forms.Form):
    name = forms.CharField(
        label=_("Keahlian"),
        max_length=100,
        help_text=_("Contoh: memasak, merawat lansia, mengemudi, bahasa Inggris."),
    )


LIST_FORMS = {
    "experience": ExperienceForm,
    "training": TrainingForm,
    "education": EducationForm,
    "certification": CertificationForm,
    "skills": SkillForm,
}
