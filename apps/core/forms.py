"""Form helpers shared by every app: Bootstrap classes and service errors placed beside their field."""

from django import forms

from apps.core.errors import ServiceError


class StyledFormMixin:
    """Adds Bootstrap classes, and marks invalid fields so screen readers announce the error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)
            if self.is_bound and name in self.errors:
                widget.attrs["class"] += " is-invalid"
                widget.attrs["aria-invalid"] = "true"
                widget.attrs["aria-describedby"] = f"{self.prefix + '-' if self.prefix else ''}{name}-error"

    def add_service_error(self, error: ServiceError) -> None:
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)
        if field:
            widget = self.fields[field].widget
            widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"
