"""Rejecting a CPMI registration asks first, naming what the applicant must then do."""

import pytest
from django.urls import reverse

from apps.cpmi import services
from apps.cpmi.models import RegistrationStatus

pytestmark = pytest.mark.django_db


def test_rejecting_asks_first_keeps_the_note_and_only_the_answer_rejects(client, submitted, officer):
    for document in services.current_documents(submitted):
        services.document_review(document=document, actor=officer, accepted=False, reason="Buram")
    client.force_login(officer)
    url = reverse("cpmi:decide", args=[submitted.pk])

    asked = client.post(url, {"action": "reject", "note": "Foto KTP buram."})

    page = asked.content.decode()
    assert asked.status_code == 200 and "Tolak pengajuan CPMI ini?" in page
    assert "harus merevisi dan mengirim ulang" in page
    assert 'name="note" value="Foto KTP buram."' in page  # sent again with the answer
    submitted.refresh_from_db()
    assert submitted.status == RegistrationStatus.SUBMITTED

    client.post(url, {"action": "reject", "note": "Foto KTP buram.", "confirmed": "1"})

    submitted.refresh_from_db()
    assert submitted.status == RegistrationStatus.REJECTED
    assert submitted.decisions.get().note == "Foto KTP buram."
