"""Two people claiming the same e-mail or phone number at the same moment, each on its own connection.

On PostgreSQL both pass the "is it free?" check together and the unique index decides; the loser gets the
form's "already used" message, never a 500. On the test suite's SQLite the threads take turns.
"""

import pytest
from django.urls import reverse

from apps.accounts import services
from apps.accounts.models import User
from apps.core.errors import ServiceError
from testing import factories
from testing.concurrency import run_together

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]


def test_two_people_change_to_the_same_email_at_once(password):
    ani, budi = factories.user(), factories.user()

    results = run_together(
        *(
            lambda person=person: services.account_change_email(
                user=person, new_email="Rebutan@Contoh.id", password=password
            )
            for person in (ani, budi)
        )
    )

    refused = [r for r in results if isinstance(r, ServiceError)]
    assert len(refused) == 1, results
    assert refused[0].code == "email_taken" and refused[0].field == "email"
    assert str(refused[0].message) == "E-mail ini sudah dipakai akun lain."
    assert User.objects.filter(email="rebutan@contoh.id").count() == 1


def test_two_people_change_to_the_same_phone_at_once():
    ani, budi = factories.user(activated=False), factories.user(activated=False)

    results = run_together(
        *(
            lambda person=person: services.account_change_phone(user=person, phone="0813 9999 0000")
            for person in (ani, budi)
        )
    )

    refused = [r for r in results if isinstance(r, ServiceError)]
    assert len(refused) == 1, results
    assert refused[0].code == "phone_taken" and refused[0].field == "phone"
    assert User.objects.filter(phone="+6281399990000").count() == 1
    pairs = zip((ani, budi), results, strict=True)
    loser = next(person for person, result in pairs if isinstance(result, ServiceError))
    assert User.objects.get(pk=loser.pk).phone == loser.phone  # the loser's object keeps its stored number


def test_settings_page_shows_already_used_when_the_database_refuses(client, password, monkeypatch):
    """The check passes (the other account is saved between check and write) and the unique index refuses."""
    ani = factories.user()
    factories.user(email="rebutan@contoh.id")
    real_filter = User.objects.filter

    def check_sees_nothing(*args, **lookup):  # the other account is saved just after this check
        return real_filter(pk=None) if "email__iexact" in lookup else real_filter(*args, **lookup)

    monkeypatch.setattr(User.objects, "filter", check_sees_nothing)
    client.force_login(ani)

    response = client.post(
        reverse("accounts:settings"), {"action": "email", "email": "rebutan@contoh.id", "password": password}
    )

    assert response.status_code == 200
    assert "E-mail ini sudah dipakai akun lain." in response.content.decode()
    assert User.objects.get(pk=ani.pk).email != "rebutan@contoh.id"
