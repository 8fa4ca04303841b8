"""Signing a PP asks first, naming what signing does."""

import pytest
from django.urls import reverse

from apps.agreements.models import AgreementStatus

pytestmark = pytest.mark.django_db


def test_signing_asks_first_and_only_the_answer_signs(client, submitted, office_head):
    client.force_login(office_head)
    url = reverse("agreements:review", args=[submitted.pk])

    asked = client.post(url, {"action": "sign"})

    page = asked.content.decode()
    assert asked.status_code == 200 and 'data-testid="confirm-page"' in page
    assert "Tandatangani PP ini?" in page and "tidak dapat diubah lagi" in page
    assert submitted.agency.name in page
    submitted.refresh_from_db()
    assert submitted.status == AgreementStatus.SUBMITTED

    client.post(url, {"action": "sign", "confirmed": "1"})

    submitted.refresh_from_db()
    assert submitted.status == AgreementStatus.VERIFIED


def test_the_sign_button_carries_the_consequence_for_the_dialog(client, submitted, office_head):
    client.force_login(office_head)

    page = client.get(reverse("agreements:review", args=[submitted.pk])).content.decode()

    assert 'data-testid="sign" data-confirm="PP antara' in page
