"""The audit log speaks Indonesian: "PP ditandatangani", not `agreement.sign`."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from apps.audit.labels import ACTION_LABELS, action_label
from apps.audit.services import audit_record
from testing import factories


def test_a_known_action_has_its_label_and_an_unknown_one_falls_back_to_its_name():
    assert action_label("agreement.sign") == "PP ditandatangani"
    assert action_label("cpmi.verify") == "CPMI diverifikasi"
    assert action_label("something.new") == "something.new"


def test_every_action_the_code_writes_has_a_label():
    written = set()
    for path in Path(settings.BASE_DIR, "apps").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        written |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8")))

    assert written, "the walk found no audit actions"
    assert sorted(written - set(ACTION_LABELS)) == []


@pytest.mark.django_db
def test_the_audit_log_page_shows_the_label(client):
    admin = factories.user(account_type="central_admin", full_name="Admin Pusat")
    audit_record(actor=admin, action="agreement.sign", target=admin)
    client.force_login(admin)

    html = client.get(reverse("audit:log")).content.decode()

    assert "PP ditandatangani" in html
