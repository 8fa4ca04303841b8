"""The placement agreement's table, walked pair by pair through the services: every move it allows works for
the roles it names, every other move is refused and changes nothing, and which moves write an audit row."""

import pytest

from apps.agreements import services
from apps.agreements.models import ALLOWED_TRANSITIONS, AgreementStatus, PlacementAgreement
from apps.agreements.permissions import AGREEMENTS, SIGNER_RULE
from apps.agreements.policy import POLICY
from apps.agreements.tests import builders
from apps.agreements.tests.conftest import make_delegation
from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied
from testing import factories
from testing.policy_walk import walk

pytestmark = pytest.mark.django_db

MOVES = {
    "edit": lambda a, actor: services.agreement_update_terms(agreement=a, actor=actor, city="Kaohsiung"),
    "submit": lambda a, actor: services.agreement_submit(agreement=a, actor=actor),
    "return": lambda a, actor: services.agreement_return(agreement=a, actor=actor, reason="Gaji belum sesuai."),
    "sign": lambda a, actor: services.agreement_sign(agreement=a, actor=actor),
}
AUDITED_AS = {
    "edit": "agreement.update_terms",
    "submit": "agreement.submit",
    "return": "agreement.return",
    "sign": "agreement.sign",
}


def test_the_table_allows_exactly_the_moves_of_the_status_table():
    assert AGREEMENTS.moves() == {(s, t) for s, targets in ALLOWED_TRANSITIONS.items() for t in targets}


# The table as this test expects it: a change to apps/agreements/permissions.py must be made here too.
_OFFICE_READS = {"returned": {"review"}, "verified": {"review", "download"}}
_SIGNERS = {"submitted": {"review", "return", "sign"}, **_OFFICE_READS}
EXPECTED = {
    "agency_staff": {
        "draft": {"view", "edit", "submit"},
        "returned": {"view", "edit", "submit"},
        "submitted": {"view"},
        "verified": {"view", "download"},
    },
    "job_seeker": {"verified": {"download"}},
    "officer": {"submitted": {"review", "return"}, **_OFFICE_READS},
    "division_head": _SIGNERS,
    "secretary": _SIGNERS,
    "office_head": _SIGNERS,
}


def _audited(action):
    def command(agreement, actor):
        MOVES[action](agreement, actor)
        assert AuditEvent.objects.filter(action=AUDITED_AS[action], object_id=str(agreement.pk)).exists(), action

    return command


def test_agreement_walk_every_role_status_and_action_through_the_policy_and_the_services(
    company, company_staff, officer, office_head, secretary, secretary_delegation, division_head
):
    make_delegation(office_head, division_head, number="800/124/Disnaker/2026")  # both delegates hold an SK
    people = {
        "agency_staff": company_staff,
        "officer": officer,
        "division_head": division_head,
        "secretary": secretary,
        "office_head": office_head,
        "jobfair_organiser": factories.user(account_type="jobfair_organiser"),
    }

    def make(role, status):
        agreement = services.agreement_create_draft(
            application=builders.accepted_application(company), actor=company_staff
        )
        PlacementAgreement.objects.filter(pk=agreement.pk).update(status=status)
        agreement.refresh_from_db()
        return agreement, agreement.candidate.user if role == "job_seeker" else people[role]

    performed = walk(
        POLICY,
        expected=EXPECTED,
        make=make,
        roles=[*EXPECTED, "jobfair_organiser"],
        perform={action: _audited(action) for action in MOVES},
        not_performed={
            "view": "the company's page: test_views.py",
            "review": "the office's page: test_views.py",
            "download": "the signed PDF: test_views.py",
        },
    )
    assert performed == 4 + 4 + 3  # edit and submit in draft and returned; return by 4 positions; sign by 3


def test_a_secretary_without_an_sk_sees_why_she_cannot_sign(submitted, secretary):
    decision = POLICY.decide(submitted, secretary, "sign")
    assert decision.offered and decision.code == "permission_denied" and str(decision.reason) == str(SIGNER_RULE)
    with pytest.raises(PermissionDenied):
        services.agreement_sign(agreement=submitted, actor=secretary)


def test_another_office_cannot_return_or_sign(submitted, other_office_officer):
    for action in ("return", "sign"):
        with pytest.raises(PermissionDenied):
            MOVES[action](submitted, other_office_officer)
    submitted.refresh_from_db()
    assert submitted.status == AgreementStatus.SUBMITTED
