"""Forms of the company, office and central-admin pages. They only parse input; rules live in the services."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.accounts.forms import RegistrationForm
from apps.agencies.models import AgencyDocumentKind, CompanyKind, MemberRole
from apps.core import dates
from apps.core.forms import EMPTY_CHOICE, EMPTY_CHOICE_LABEL, StyledFormMixin
from apps.core.uploads import DOCUMENT_ACCEPT
from apps.offices.models import LabourOffice
from apps.regions.models import Region, RegionLevel


class AgencyRegisterForm(StyledFormMixin, forms.Form):
    name = forms.CharField(label=_("Nama perusahaan"), max_length=200)
    nib = forms.CharField(label=_("NIB (OSS)"), max_length=13, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    sip2mi_number = forms.CharField(label=_("Nomor SIP2MI"), max_length=100)
    sip2mi_valid_until = dates.DateField(dates.VALID_UNTIL, label=_("SIP2MI berlaku sampai"))
    address = forms.CharField(label=_("Alamat"), max_length=300)
    region = forms.ModelChoiceField(
        label=_("Kabupaten/kota domisili"),
        queryset=Region.objects.filter(level=RegionLevel.REGENCY),
        required=False,
        empty_label=EMPTY_CHOICE_LABEL,
    )
    phone = forms.CharField(label=_("Telepon"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail perusahaan"), required=False)
    owner_email = forms.EmailField(
        label=_("E-mail pemilik akun"), help_text=_("Undangan aktivasi akun dikirim ke alamat ini.")
    )


class DocumentUploadForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Jenis dokumen"), choices=AgencyDocumentKind.choices)
    file = forms.FileField(
        label=_("Berkas"),
        allow_empty_file=True,  # the service says why an empty file is refused
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        help_text=_("JPG, PNG atau PDF, maksimal 5 MB."),
    )


class InviteForm(StyledFormMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail anggota"))
    role = forms.ChoiceField(
        label=_("Peran"), choices=[(MemberRole.STAFF, MemberRole.STAFF.label)], initial=MemberRole.STAFF
    )


class InvitationAcceptForm(StyledFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Nama lengkap"), max_length=150)
    password = forms.CharField(
        label=_("Kata sandi"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )
    password_again = forms.CharField(
        label=_("Ulangi kata sandi"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("Kedua kata sandi tidak sama."))
        return data


class OfficerForm(StyledFormMixin, forms.Form):
    full_name = forms.CharField(label=_("Nama petugas"), max_length=150)
    nik = forms.CharField(
        label=_("NIK"), max_length=16, widget=forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "16"})
    )
    phone = forms.CharField(label=_("Nomor HP"), max_length=16, required=False)
    assignment_letter_number = forms.CharField(label=_("Nomor surat tugas"), max_length=100)


class OfficeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ApprovalRequestForm(StyledFormMixin, forms.Form):
    """The office is chosen from a list narrowed by a name search (`cari`)."""

    office = OfficeChoiceField(
        label=_("Dinas tenaga kerja"),
        queryset=LabourOffice.objects.order_by("region_id"),
        empty_label=EMPTY_CHOICE_LABEL,
    )

    def __init__(self, *args, search: str = "", **kwargs):
        # Every office validates a posted form; the search only narrows the list shown.
        super().__init__(*args, **kwargs)
        if search and not self.is_bound:
            self.fields["office"].queryset = LabourOffice.objects.filter(
                Q(name__icontains=search) | Q(region__name__icontains=search)
            ).order_by("region_id")


class DecisionForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Alasan penolakan"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class CompanySignupForm(RegistrationForm):
    """Seed 003 C.2: the person (checked like every sign-up) and the company, by WLKP code or by hand."""

    kind = forms.ChoiceField(
        label=_("Jenis perusahaan"),
        choices=[EMPTY_CHOICE, *CompanyKind.choices],
        help_text=_("Hanya P3MI dengan SIP2MI yang berlaku dapat menempatkan pekerja migran ke luar negeri."),
    )
    wlkp_code = forms.CharField(
        label=_("Kode WLKP"),
        max_length=30,
        required=False,
        help_text=_("Wajib Lapor Ketenagakerjaan. Bila diisi, data perusahaan diambil dari WLKP."),
    )
    company_name = forms.CharField(label=_("Nama perusahaan"), max_length=200, required=False)
    nib = forms.CharField(
        label=_("NIB (OSS)"), max_length=13, required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    company_address = forms.CharField(label=_("Alamat perusahaan"), max_length=300, required=False)
    company_region = forms.ModelChoiceField(
        label=_("Kabupaten/kota domisili"),
        queryset=Region.objects.filter(level=RegionLevel.REGENCY).order_by("name"),
        required=False,
        empty_label=EMPTY_CHOICE_LABEL,
    )
    sector = forms.CharField(label=_("Sektor usaha"), max_length=100, required=False)
    company_phone = forms.CharField(label=_("Telepon perusahaan"), max_length=30, required=False)
    company_email = forms.EmailField(label=_("E-mail perusahaan"), required=False)
    sip2mi_number = forms.CharField(label=_("Nomor SIP2MI (khusus P3MI)"), max_length=100, required=False)
    sip2mi_valid_until = dates.DateField(
        dates.VALID_UNTIL, label=_("SIP2MI berlaku sampai (khusus P3MI)"), required=False
    )

    def company_data(self):
        from apps.agencies.services import CompanyData

        data = self.cleaned_data
        return CompanyData(
            kind=data["kind"],
            wlkp_code=data["wlkp_code"],
            name=data["company_name"],
            nib=data["nib"],
            address=data["company_address"],
            region=data["company_region"],
            sector=data["sector"],
            phone=data["company_phone"],
            email=data["company_email"],
            sip2mi_number=data["sip2mi_number"],
            sip2mi_valid_until=data["sip2mi_valid_until"],
        )
