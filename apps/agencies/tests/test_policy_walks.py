"""Walk tests of the company team, invitation and recruiting-officer approval policies: every role × status ×
action through the policy and through the command, against this file's own copy of each table."""

import itertools

import pytest

from apps.agencies import services
from apps.agencies.models import AgencyMember, AgencyOfficerApproval, MemberRole
from apps.agencies.policy import APPROVAL_POLICY, INVITATION_POLICY, TEAM_POLICY, InvitationHolder
from apps.offices.models import StaffAssignment
from testing import factories
from testing.policy_walk import walk

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)


def _email() -> str:
    return f"undangan{next(_serial)}@contoh.id"


# --- the team -----------------------------------------------------------------------------------------------------

EXPECTED_TEAM = {
    "owner": {
        "pending": {"view", "invite", "remove"},
        "active": {"view", "invite", "transfer", "remove"},
        "removed": {"invite"},
    },
    "staff": {
        "pending": {"view"},
        "active": {"view"},
    },
}


def _team_row(company, owner, status) -> AgencyMember:
    if status == "pending":
        return services.member_invite(agency=company, actor=owner, email=_email())
    row = AgencyMember.objects.get(user=factories.agency_member(agency=company, role="staff"))
    if status == "removed":
        row = services.member_remove(member=row, actor=owner)
    return AgencyMember.objects.select_related("agency").get(pk=row.pk)


def _make_team(role, status):
    company = factories.agency()
    owner = factories.agency_member(agency=company, role="owner")
    row = _team_row(company, owner, status)
    if role == "owner":
        return row, owner
    if role == "staff":
        return row, factories.agency_member(agency=company, role="staff")
    return row, factories.agency_member(role="owner")  # the owner of another company


TEAM_COMMANDS = {
    "invite": lambda row, actor: services.member_invite(agency=row.agency, actor=actor, email=_email()),
    "transfer": lambda row, actor: services.ownership_transfer(agency=row.agency, actor=actor, member=row),
    "remove": lambda row, actor: services.member_remove(member=row, actor=actor),
}


def test_the_company_team_walk_matches_the_table_and_the_commands():
    performed = walk(
        TEAM_POLICY,
        expected=EXPECTED_TEAM,
        make=_make_team,
        perform=TEAM_COMMANDS,
        roles=[MemberRole.OWNER, MemberRole.STAFF, "another company's owner"],
        not_performed={"view": "a page: the team list (test_views), no command"},
    )
    assert performed == 6  # invite ×3, remove ×2, transfer ×1 (view is not a command)


def test_the_team_policy_names_why_the_owner_cannot_act_on_their_own_row():
    company = factories.agency()
    owner = factories.agency_member(agency=company, role="owner")
    own_row = AgencyMember.objects.get(user=owner)
    actions = TEAM_POLICY.available_actions(own_row, owner)
    assert actions["invite"] and actions["remove"].code == "remove_self" and actions["remove"].offered
    assert actions["transfer"].code == "already_owner"


# --- the invitation -----------------------------------------------------------------------------------------------

EXPECTED_INVITATIONS = {"invitee": {"pending": {"accept"}}}


def _make_invitation(role, status):
    company = factories.agency()
    owner = factories.agency_member(agency=company, role="owner")
    row = services.member_invite(agency=company, actor=owner, email=_email())
    token = row.invitation_token
    if status == "active":
        services.invitation_accept(token=token, full_name="Sudah Bergabung", password=factories.PASSWORD)
    elif status == "removed":
        services.member_remove(member=row, actor=owner)
    return AgencyMember.objects.get(pk=row.pk), InvitationHolder(token)


def _accept(row, holder):
    return services.invitation_accept(token=holder.token, full_name="Anggota Baru", password=factories.PASSWORD)


def test_the_team_invitation_walk_matches_the_table_and_the_command():
    performed = walk(
        INVITATION_POLICY, expected=EXPECTED_INVITATIONS, make=_make_invitation, perform={"accept": _accept}
    )
    assert performed == 1


# --- recruiting officers' approvals -------------------------------------------------------------------------------

_OFFICE = {"pending": {"view", "approve", "reject"}, "approved": {"view"}, "rejected": {"view"}}

EXPECTED_APPROVALS = {
    "agency_staff": {"new": {"request"}, "pending": {"view"}, "approved": {"view"}, "rejected": {"view", "request"}},
    "officer": _OFFICE,
    "division_head": _OFFICE,
    "secretary": _OFFICE,
    "office_head": _OFFICE,
}


def _depok_staff(position):
    # An office has one head: the walk's office heads are the same person.
    head = StaffAssignment.objects.filter(office=factories.office(), position=position, position__in=["office_head"])
    return head.first().user if head.exists() else factories.staff(position=position)


def _make_approval(role, status):
    company = factories.agency()
    member = factories.agency_member(agency=company)
    officer = services.officer_register(
        agency=company,
        actor=member,
        full_name="Rudi Rekrut",
        nik="3276011403950099",
        phone="",
        assignment_letter_number="ST/1",
    )
    depok = factories.office()
    if status == "new":
        approval = AgencyOfficerApproval(officer=officer, office=depok)
    else:
        approval = services.officer_request_approval(officer=officer, actor=member, office=depok)
        if status != "pending":
            decider = factories.staff(position="officer")
            approval = services.officer_approval_decide(
                approval=approval, actor=decider, approve=status == "approved", reason="Surat tugas tidak sah"
            )
    actors = {
        "agency_staff": lambda: member,
        "another company": lambda: factories.agency_member(),
        "another office": lambda: factories.staff(position="officer", regency_code="32.71"),
    }
    actor = actors[role]() if role in actors else _depok_staff(role)
    return approval, actor


APPROVAL_COMMANDS = {
    "request": lambda a, actor: services.officer_request_approval(officer=a.officer, actor=actor, office=a.office),
    "approve": lambda a, actor: services.officer_approval_decide(approval=a, actor=actor, approve=True),
    "reject": lambda a, actor: services.officer_approval_decide(
        approval=a, actor=actor, approve=False, reason="Surat tugas tidak sah"
    ),
}


def test_the_recruiting_officer_approval_walk_matches_the_table_and_the_commands():
    performed = walk(
        APPROVAL_POLICY,
        expected=EXPECTED_APPROVALS,
        make=_make_approval,
        perform=APPROVAL_COMMANDS,
        roles=[*EXPECTED_APPROVALS, "another company", "another office"],
        not_performed={"view": "pages: the office's list and the company's officers page, no command"},
    )
    assert performed == 2 + 4 * 2  # request ×2; approve and reject by each of the 4 office positions
