"""Forms of the company's job fair pages and the organiser's decision. They only parse input; the rules live in
`apps.jobfairs.participation`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import StyledFormMixin
from apps.jobfairs.participation.services import FAQ_ANSWER_MAX, FAQ_QUESTION_MAX


class DecisionForm(StyledFormMixin, forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Terima")), ("reject", _("Tolak"))])
    reason = forms.CharField(
        label=_("Alasan penolakan"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class VacancyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, vacancy):
        return _("%(position)s — %(city)s, %(country)s (tutup %(date)s)") % {
            "position": vacancy.position,
            "city": vacancy.city,
            "country": vacancy.country_name,
            "date": vacancy.closing_date.strftime("%d-%m-%Y"),
        }


class ExistingVacancyForm(StyledFormMixin, forms.Form):
    vacancy = VacancyChoiceField(queryset=None, label=_("Lowongan yang sudah tayang"), empty_label=_("— pilih —"))

    def __init__(self, *args, vacancies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancy"].queryset = vacancies


class FaqForm(StyledFormMixin, forms.Form):
    question = forms.CharField(label=_("Pertanyaan"), max_length=FAQ_QUESTION_MAX)
    answer = forms.CharField(label=_("Jawaban"), max_length=FAQ_ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 3}))
