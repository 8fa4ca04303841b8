"""The request's status table and the permission table agree, and the step engine never moves a request along a
transition the table does not list."""

import pytest

from apps.access.roles import Role
from apps.core.errors import ServiceError
from apps.offices.catalogue import SERVICES
from apps.officeservices.models import ALLOWED_TRANSITIONS, RequestStatus, ServiceRequest
from apps.officeservices.permissions import REQUESTS
from apps.officeservices.services import engine


def test_every_move_the_table_grants_is_an_allowed_transition():
    for status, target in REQUESTS.moves():
        assert target in ALLOWED_TRANSITIONS[status], (status, target)


@pytest.mark.parametrize("status", RequestStatus.values)
def test_the_engine_refuses_every_move_outside_the_transitions(status):
    for target in RequestStatus.values:
        request = ServiceRequest(status=status)
        if target == status or target in ALLOWED_TRANSITIONS[status]:
            engine._set_status(request, target)
            assert request.status == target
        else:
            with pytest.raises(ServiceError):
                engine._set_status(request, target)


def test_every_step_of_every_service_leads_to_a_status_the_request_can_reach():
    reachable = {RequestStatus.DRAFT}
    for targets in ALLOWED_TRANSITIONS.values():
        reachable |= targets
    for definition in SERVICES.values():
        for step in definition.steps:
            assert engine._status_for_step(definition, step.code) in reachable
            assert step.role in Role.values


def test_finished_requests_can_only_be_read():
    for role in (None, *Role.values):
        for status in (RequestStatus.COMPLETED, RequestStatus.CANCELLED):
            assert REQUESTS.actions_for(role, status) <= {"view", "download"}


def test_only_the_division_head_approves_and_only_the_company_signs_the_handover_minutes():
    assert REQUESTS.roles_for("approve") == {Role.DIVISION_HEAD}
    assert REQUESTS.roles_for("send_back") == {Role.DIVISION_HEAD}
    assert REQUESTS.roles_for("sign_handover") == {Role.AGENCY_STAFF}
    assert REQUESTS.roles_for("work") == {Role.OFFICER}
