"""The error summary partial every form includes: form-wide errors first, field errors linking to their input."""

import re

import pytest
from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from apps.core.forms import StyledFormMixin
from testing import factories


class PassportForm(StyledFormMixin, forms.Form):
    number = forms.CharField(label="Nomor paspor")
    country = forms.CharField(label="Negara")
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("Paspor ini sudah terdaftar.")


def test_form_wide_errors_come_first_and_each_field_error_links_to_its_input():
    form = PassportForm({"country": "", "number": "", "token": ""}, prefix="paspor")
    form.is_valid()

    html = render_to_string("_partials/form_errors.html", {"form": form})

    items = re.findall(r'<li data-testid="error-summary-item">(.*?)</li>', html, re.S)
    assert items[0] == "Paspor ini sudah terdaftar."
    assert '<a class="alert-link" href="#id_paspor-number">Nomor paspor: ' in items[1]
    assert '<a class="alert-link" href="#id_paspor-country">Negara: ' in items[2]
    assert "<a " not in items[3]  # a hidden field has nothing to focus
    assert 'tabindex="-1"' in html and 'role="alert"' in html


def test_a_valid_form_renders_no_summary():
    assert render_to_string("_partials/form_errors.html", {"form": PassportForm()}).strip() == ""


@pytest.mark.django_db
def test_sign_up_with_nothing_filled_in_lists_the_errors_at_the_top(client):
    # Step one, the registry check, sent empty.
    html = client.post(reverse("accounts:register"), {"action": "identity_check"}).content.decode()
    assert 'data-testid="error-summary"' in html
    assert html.index("error-summary") < html.index('name="nik"')

    # Step two, after the registry answered, sent empty.
    person = factories.registry_person(mother="Nur Hidayah")
    client.post(
        reverse("accounts:register"),
        {"action": "identity_check", "nik": person.nik, "parent": "mother", "parent_name": "Nur Hidayah"},
    )
    html = client.post(reverse("accounts:register"), {}).content.decode()
    assert 'data-testid="error-summary"' in html
    assert html.index("error-summary") < html.index('name="password')
    assert 'href="#id_' in html
