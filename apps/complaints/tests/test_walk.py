"""The complaint's policy walked role × status × action, through the policy and the commands."""

import secrets

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.complaints import services
from apps.complaints.models import Complaint, ComplaintStatus
from apps.complaints.policy import POLICY
from apps.complaints.tests.helpers import TEXT
from apps.offices.models import LabourOffice
from testing import factories
from testing.policy_walk import walk

pytestmark = pytest.mark.django_db

# The table as this test expects it: a change to apps/complaints/permissions.py must be made here too.
_STAFF = {"open": {"view", "answer", "close"}, "answered": {"view", "close"}, "closed": {"view"}}
EXPECTED = dict.fromkeys(("officer", "division_head", "secretary", "office_head"), _STAFF)
# Roles the table gives nothing: every action refused to them.
OTHERS = ("job_seeker", "agency_staff", "jobfair_organiser", "central_admin", None)


def test_complaint_walk_every_role_status_and_action_through_the_policy_and_the_services():
    staff = {role: factories.staff(position=role) for role in EXPECTED}
    office = LabourOffice.objects.get(pk=staff["officer"].staff_assignment.office_id)
    others = {
        "job_seeker": factories.user(),
        "agency_staff": factories.agency_member(),
        "jobfair_organiser": factories.user(account_type="jobfair_organiser"),
        "central_admin": factories.user(account_type="central_admin"),
        None: AnonymousUser(),
    }

    def make(role, status):
        complaint = Complaint.objects.create(
            office=office, service="passport_recommendation", text=TEXT, code_hash=secrets.token_hex(32), status=status
        )
        return complaint, staff.get(role) or others[role]

    performed = walk(
        POLICY,
        expected=EXPECTED,
        make=make,
        roles=[*EXPECTED, *OTHERS],
        perform={
            "answer": lambda c, actor: services.complaint_answer(
                complaint=c, actor=actor, answer="Sudah kami periksa."
            ),
            "close": lambda c, actor: services.complaint_close(complaint=c, actor=actor),
        },
        not_performed={"view": "a page: test_views.py opens it per persona"},
    )
    assert performed == 4 * 3  # answer an open one, close an open and an answered one, for each position


def test_staff_of_another_office_are_refused_every_action(depok, other_office_head):
    complaint = Complaint.objects.create(
        office=depok,
        service="passport_recommendation",
        text=TEXT,
        code_hash=secrets.token_hex(32),
    )
    actions = POLICY.available_actions(complaint, other_office_head)
    assert actions.allowed() == frozenset() and not actions.offered()
    assert complaint.status == ComplaintStatus.OPEN
