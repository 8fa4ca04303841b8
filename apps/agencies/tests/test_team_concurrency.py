"""Invitations accepted at the same moment, each thread on its own connection: the loser reads a clear
message, never a 500. On PostgreSQL the threads really race (row lock, unique constraints); on the test
suite's SQLite they take turns."""

import pytest

from apps.accounts.models import User
from apps.agencies import services
from apps.agencies.models import AgencyMember, MemberStatus
from apps.agencies.tests.conftest import token_sent_to
from apps.core.errors import ServiceError
from testing import factories
from testing.concurrency import run_together

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres_only]

PASSWORD = "Sandi-Kuat-2026!"


def refusals(results) -> list[ServiceError]:
    unexpected = [r for r in results if isinstance(r, Exception) and not isinstance(r, ServiceError)]
    assert not unexpected, unexpected
    return [r for r in results if isinstance(r, ServiceError)]


def test_the_same_invitation_accepted_twice_at_once(company, owner):
    services.member_invite(agency=company, actor=owner, email="baru@contoh.id")
    token = token_sent_to("baru@contoh.id")

    results = run_together(
        *(lambda: services.invitation_accept(token=token, full_name="Lina Baru", password=PASSWORD) for _ in "ab")
    )

    refused = refusals(results)
    assert [r.code for r in refused] == ["invitation_used"]
    assert User.objects.filter(email="baru@contoh.id").count() == 1
    assert AgencyMember.objects.get(email="baru@contoh.id").status == MemberStatus.ACTIVE


def test_two_companies_invitations_to_one_new_email_accepted_at_once(company, owner, other_company, other_owner):
    services.member_invite(agency=company, actor=owner, email="baru@contoh.id")
    first = token_sent_to("baru@contoh.id")
    services.member_invite(agency=other_company, actor=other_owner, email="baru@contoh.id")
    second = token_sent_to("baru@contoh.id")

    results = run_together(
        *(
            lambda token=token: services.invitation_accept(token=token, full_name="Lina Baru", password=PASSWORD)
            for token in (first, second)
        )
    )

    refused = refusals(results)
    assert [r.code for r in refused] == ["account_exists"]
    assert "Masuk dulu" in str(refused[0].message)
    assert User.objects.filter(email="baru@contoh.id").count() == 1
    assert AgencyMember.objects.filter(email="baru@contoh.id", status=MemberStatus.ACTIVE).count() == 1


def test_one_account_accepts_two_companies_invitations_at_once(company, owner, other_company, other_owner):
    person = factories.user(account_type="agency_staff", email="lina@contoh.id")
    tokens = []
    for agency, agency_owner in ((company, owner), (other_company, other_owner)):
        services.member_invite(agency=agency, actor=agency_owner, email="lina@contoh.id")
        tokens.append(token_sent_to("lina@contoh.id"))

    results = run_together(
        *(lambda token=token: services.invitation_accept(token=token, user=person) for token in tokens)
    )

    refused = refusals(results)
    assert [r.code for r in refused] == ["member_elsewhere"]
    assert str(refused[0].message) == "Akun Anda sudah aktif di tim perusahaan lain."
    assert AgencyMember.objects.filter(user=person, status=MemberStatus.ACTIVE).count() == 1
