"""Two people claiming the same e-mail or phone number at the same moment, each on its own connection.

Both asked for a link or a code to the free e-mail or number; on PostgreSQL both confirm together and the unique
index decides; the loser gets the form's "already used" message, never a 500. On the test suite's SQLite the
threads take turns.
"""

import re

import pytest
from django.urls import reverse

from apps.accounts import services
from apps.accounts.models import User
from apps.core.errors import ServiceError
from testing import factories
from testing.concurrency import run_together
from testing.outbox import otp_sent_to, received

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


def links_to(email: str) -> list[str]:
    """The confirmation links mailed to `email`, oldest first."""
    bodies = [message.body for message in reversed(received(recipient=email, channel="email"))]
    return [re.search(r"https?://[^/\s]+(/pengaturan/email/\S+)", body).group(1) for body in bodies]


def token_of(link: str) -> str:
    return link.rstrip("/").rsplit("/", 1)[-1]


def test_two_people_confirm_the_same_new_email_at_once(password):
    ani, budi = factories.user(), factories.user()
    for person in (ani, budi):
        services.account_change_email(user=person, new_email="Rebutan@Contoh.id", password=password)
    tokens = [token_of(link) for link in links_to("rebutan@contoh.id")]

    results = run_together(
        *(
            lambda person=person, token=token: services.account_confirm_email(user=person, token=token)
            for person, token in zip((ani, budi), tokens, strict=True)
        )
    )

    refused = [r for r in results if isinstance(r, ServiceError)]
    assert len(refused) == 1, results
    assert refused[0].code == "email_taken" and refused[0].field == "email"
    assert str(refused[0].message) == "E-mail ini sudah dipakai akun lain."
    assert User.objects.filter(email="rebutan@contoh.id").count() == 1


def test_two_people_confirm_the_same_new_phone_at_once():
    ani, budi = factories.user(), factories.user()
    codes = []
    for person in (ani, budi):
        services.account_change_phone(user=person, phone="0813 9999 0000")
        codes.append(otp_sent_to("+6281399990000"))

    results = run_together(
        *(
            lambda person=person, code=code: services.otp_verify(user=person, code=code)
            for person, code in zip((ani, budi), codes, strict=True)
        )
    )

    refused = [r for r in results if isinstance(r, ServiceError)]
    assert len(refused) == 1, results
    assert refused[0].code == "phone_taken" and refused[0].field == "phone"
    assert User.objects.filter(phone="+6281399990000").count() == 1
    pairs = zip((ani, budi), results, strict=True)
    loser = next(person for person, result in pairs if isinstance(result, ServiceError))
    assert User.objects.get(pk=loser.pk).phone == loser.phone  # the loser keeps its stored number


def test_the_settings_page_says_already_used_when_the_address_was_taken_after_the_link_was_sent(client, password):
    ani = factories.user()
    client.force_login(ani)
    client.post(reverse("accounts:settings"), {"action": "email", "email": "rebutan@contoh.id", "password": password})
    factories.user(email="rebutan@contoh.id")  # someone else takes it before Ani opens the link

    response = client.post(links_to("rebutan@contoh.id")[0], follow=True)

    assert response.status_code == 200
    assert "E-mail ini sudah dipakai akun lain." in response.content.decode()
    assert User.objects.get(pk=ani.pk).email != "rebutan@contoh.id"
