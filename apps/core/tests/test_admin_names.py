"""The Django admin speaks Indonesian: every model it lists has a name written for people, not its class name."""

from django.contrib import admin
from django.db.models.options import camel_case_to_spaces


def test_every_model_in_the_admin_has_an_indonesian_name():
    unnamed = [
        model._meta.label
        for model in admin.site._registry
        if model.__module__.startswith("apps.")
        and str(model._meta.verbose_name) == camel_case_to_spaces(model.__name__)
    ]
    assert unnamed == []
