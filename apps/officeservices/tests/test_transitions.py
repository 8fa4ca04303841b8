"""The step engine never moves a request along a transition the status table does not list, every step leads to a
status a request can reach, and every step's action is the action of the role the catalogue names for it. (That the
permission table grants only allowed moves is refused at import by `access.tables`; its rows are walked in
test_policy.)"""

import pytest

from apps.access.roles import Role
from apps.core.errors import ServiceError
from apps.offices.catalogue import SERVICES
from apps.officeservices import services
from apps.officeservices.models import ALLOWED_TRANSITIONS, RequestStatus, ServiceRequest
from apps.officeservices.permissions import REQUESTS, step_actions
from apps.officeservices.services import engine


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


def test_every_step_is_performed_by_the_role_the_catalogue_names_and_has_one_command():
    for definition in SERVICES.values():
        for step in definition.steps:
            assert step.code in services.STEP_COMMANDS, step.code
            for action in step_actions(step.code):
                assert REQUESTS.roles_for(action) == {step.role}, (step.code, action)
