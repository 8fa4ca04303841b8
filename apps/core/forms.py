"""Form helpers shared by every app: Bootstrap classes and service errors placed beside their field."""

from django import forms
from django.utils.translation import gettext_lazy

from apps.core.dates import DateInput  # noqa: F401 (the date picker, here since before the date policy)
from apps.core.errors import ServiceError

# The one placeholder of an empty select, everywhere (forms here, the region picker's options in templates through
# the `empty_choice_label` tag). StyledFormMixin also puts it in place of Django's "---------".
EMPTY_CHOICE_LABEL = gettext_lazy("— pilih —")
EMPTY_CHOICE = ("", EMPTY_CHOICE_LABEL)


def _is_placeholder(label) -> bool:
    text = str(label or "").strip()
    return text.startswith(("---", "—"))


def use_empty_choice_label(field) -> None:
    """Gives a select field the one placeholder instead of "---------" or a home-made "— pilih … —"."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None and _is_placeholder(field.empty_label):
            field.empty_label = EMPTY_CHOICE_LABEL
        return
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
        choices = list(field.choices)
        if any(value == "" and _is_placeholder(label) for value, label in choices):
            field.choices = [
                (v, EMPTY_CHOICE_LABEL if v == "" and _is_placeholder(label) else label) for v, label in choices
            ]


class StyledFormMixin:
    """Adds Bootstrap classes, and marks invalid fields so screen readers announce the error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)
            use_empty_choice_label(field)

    def add_error(self, field, error):
        # Every error passes here, from validation and from services alike. Marking fields here, not in
        # __init__, keeps validation where Django runs it: after a subclass has set its choices.
        super().add_error(field, error)
        for name in self._errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                if "is-invalid" not in attrs.get("class", ""):
                    attrs["class"] = f"{attrs.get('class', '')} is-invalid".strip()
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self.prefix + '-' if self.prefix else ''}{name}-error"

    def add_service_error(self, error: ServiceError) -> None:
        self.add_error(error.field if error.field in self.fields else None, error.message)


class SearchTextForm(forms.Form):
    """A free-text search box read from the query string. Like every form CharField it refuses NUL bytes (which
    PostgreSQL cannot compare) and over-long text, so a bad value never reaches a query."""

    text = forms.CharField(required=False, max_length=100)


def search_text(params, name: str) -> str:
    """The cleaned search text of query parameter `name`, or "" when it is missing or malformed."""
    form = SearchTextForm({"text": params.get(name, "")})
    return form.cleaned_data["text"] if form.is_valid() else ""
