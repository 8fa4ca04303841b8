"""Form helpers shared by every app: Bootstrap classes and service errors placed beside their field."""

from django import forms

from apps.core.errors import ServiceError


class DateInput(forms.DateInput):
    """The phone's date picker; the value travels as YYYY-MM-DD whatever the display language."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


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
