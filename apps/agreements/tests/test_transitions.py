"""The placement agreement's table, walked pair by pair through the services: every move it allows works for
the roles it names, every other move is refused and changes nothing, and which moves write an audit row."""

import pytest

from apps.agreements import services
from apps.agreements.models import ALLOWED_TRANSITIONS, AgreementStatus, PlacementAgreement
from apps.agreements.permissions import AGREEMENTS
from apps.agreements.tests import builders
from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError

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


def test_every_move_works_exactly_when_the_table_allows_it(
    company, company_staff, officer, office_head, secretary, secretary_delegation, division_head
):
    checked = []
    actors = (company_staff, officer, division_head, secretary, office_head)
    for status in AgreementStatus:
        for action, perform in MOVES.items():
            for actor in actors:
                # Given a PP of the company, sent to Kota Depok, put in `status`
                draft = services.agreement_create_draft(
                    application=builders.accepted_application(company), actor=company_staff
                )
                PlacementAgreement.objects.filter(pk=draft.pk).update(status=status)
                draft.refresh_from_db()
                # The division head holds no delegation: the table lets the role sign, the service then asks for one.
                allowed = AGREEMENTS.allows(actor.role, status, action) and not (
                    action == "sign" and actor == division_head
                )

                # When `actor` takes `action`
                if allowed:
                    perform(draft, actor)
                else:
                    with pytest.raises(ServiceError) as refused:
                        perform(draft, actor)

                # Then it moved (with its audit row) exactly when the table allows it; a refusal changed nothing
                draft.refresh_from_db()
                audited = AuditEvent.objects.filter(action=AUDITED_AS[action], object_id=str(draft.pk)).exists()
                target = AGREEMENTS.target(action)
                if allowed:
                    assert draft.status == (target or status), (status, action, actor.role)
                    assert audited, (status, action, actor.role)
                else:
                    assert draft.status == status, (status, action, actor.role)
                    assert draft.city == "Taipei" and not draft.number, (status, action, actor.role)
                    assert not audited, (status, action, actor.role)
                    if actor.role not in AGREEMENTS.roles_for(action):
                        assert isinstance(refused.value, PermissionDenied), (status, action, actor.role)
                checked.append((status, action, actor.role, allowed))

    moves = {(s, AGREEMENTS.target(a)) for s, a, _role, allowed in checked if allowed and AGREEMENTS.target(a)}
    assert moves == {(s, t) for s, targets in ALLOWED_TRANSITIONS.items() for t in targets}
    # Signing: the head on their own authority, the secretary by the decree; never an officer or the company.
    signers = {role for s, a, role, allowed in checked if a == "sign" and allowed}
    assert signers == {"office_head", "secretary"}


def test_another_office_cannot_return_or_sign(submitted, other_office_officer):
    for action in ("return", "sign"):
        with pytest.raises(PermissionDenied):
            MOVES[action](submitted, other_office_officer)
    submitted.refresh_from_db()
    assert submitted.status == AgreementStatus.SUBMITTED
