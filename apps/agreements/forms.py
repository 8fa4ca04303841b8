"""Forms of the PP pages. They only parse input; every rule lives in `apps.agreements.services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.agreements.models import PlacementAgreement
from apps.agreements.services import DELEGABLE_POSITIONS, EDITABLE_TERMS
from apps.core import dates
from apps.core.forms import StyledFormMixin


class TermsForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PlacementAgreement
        fields = EDITABLE_TERMS
        widgets = {
            "placement_costs": forms.Textarea(attrs={"rows": 6}),
            "rights_and_duties": forms.Textarea(attrs={"rows": 10}),
        }


class ReturnForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Alasan pengembalian"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Perusahaan membaca alasan ini, memperbaiki PP, lalu mengirimkannya kembali."),
    )


class DelegateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} — {obj.staff_assignment.get_position_display()}"


class DelegationForm(StyledFormMixin, forms.Form):
    # A posted delegate is checked by the service, which says why one of another office is refused; the
    # choices shown are narrowed to the office's secretary and division head.
    delegate = DelegateChoiceField(
        label=_("Penerima delegasi"),
        queryset=User.objects.filter(staff_assignment__position__in=DELEGABLE_POSITIONS).select_related(
            "staff_assignment"
        ),
    )
    decree_number = forms.CharField(label=_("Nomor SK"), max_length=100)
    decree_date = dates.DateField(dates.DECREE_DATE, label=_("Tanggal SK"))
    valid_from = dates.DateField(dates.VALID_FROM, label=_("Berlaku dari"))
    valid_until = dates.DateField(dates.VALID_UNTIL, label=_("Berlaku sampai"))

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            return
        self.fields["delegate"].queryset = (
            User.objects.filter(staff_assignment__office=office, staff_assignment__position__in=DELEGABLE_POSITIONS)
            .select_related("staff_assignment")
            .order_by("full_name")
        )
