"""The PP review page's decision card: whoever may sign sees "sign" first and the return form folded away (a
required reason beside "sign" read as needed to sign); an officer, who may only return, sees the form open."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def return_details(html: str) -> str:
    return html.split('data-testid="return-details"', 1)[1].split(">", 1)[0]


def test_the_signer_sees_the_return_form_folded(client, submitted, office_head):
    client.force_login(office_head)
    html = client.get(reverse("agreements:review", args=[submitted.pk])).content.decode()
    assert 'data-testid="sign"' in html
    assert " open" not in return_details(html)


def test_an_officer_who_may_only_return_sees_the_form_open(client, submitted, officer):
    client.force_login(officer)
    html = client.get(reverse("agreements:review", args=[submitted.pk])).content.decode()
    assert 'data-testid="sign"' not in html
    assert " open" in return_details(html)
