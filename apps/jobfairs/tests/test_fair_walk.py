"""Walk tests of the four job-fair tables: role × status × action through the policy and the commands.

Each keeps its own copy of its table: adding or removing a row in `permissions.py` fails here, and so does a
command that does not refuse (with the policy's code) what the policy refuses, or refuses what it allows."""

from apps.jobfairs import services as fair_services
from apps.jobfairs.policy import POLICY as FAIR_POLICY
from testing import factories
from testing.policy_walk import walk

PAGES = "a page: its view answers 404 (or hides the part) when the policy refuses"

FAIRS_EXPECTED = {
    "jobfair_organiser": {
        "draft": {"view", "edit", "submit", "cancel", "banner"},
        "returned": {"view", "edit", "submit", "cancel", "banner"},
        "submitted": {"view", "cancel", "banner"},
        "verified": {"view", "publish", "cancel", "stats", "banner"},
        "published": {"view", "cancel", "stats", "banner"},
        "cancelled": {"view", "banner"},
    },
    "central_admin": {
        "draft": {"banner"},
        "submitted": {"review", "verify", "return", "banner"},
        "returned": {"review", "banner"},
        "verified": {"review", "stats", "banner"},
        "published": {"review", "stats", "banner"},
        "cancelled": {"review", "banner"},
    },
}


def test_fairs_walk_every_role_status_and_action(organiser, central_admin):
    factories.organiser_profile(organiser)
    actors = {"jobfair_organiser": organiser, "central_admin": central_admin}

    def make(role, status):
        return factories.job_fair(organiser=organiser, status=status), actors[role]

    performed = walk(
        FAIR_POLICY,
        expected=FAIRS_EXPECTED,
        make=make,
        perform={
            "edit": lambda fair, actor: fair_services.fair_update(fair=fair, actor=actor, name="Nama baru"),
            "submit": lambda fair, actor: fair_services.fair_submit(fair=fair, actor=actor),
            "verify": lambda fair, actor: fair_services.fair_verify(fair=fair, actor=actor),
            "return": lambda fair, actor: fair_services.fair_return(fair=fair, actor=actor, reason="Lengkapi."),
            "publish": lambda fair, actor: fair_services.fair_publish(fair=fair, actor=actor),
            "cancel": lambda fair, actor: fair_services.fair_cancel(fair=fair, actor=actor),
        },
        not_performed={"view": PAGES, "review": PAGES, "stats": PAGES, "banner": PAGES},
    )
    assert performed == 12


def test_fairs_walk_another_organisers_fair_is_refused_as_not_theirs(organiser, other_organiser):
    fair = factories.job_fair(organiser=other_organiser, status="draft")
    actions = FAIR_POLICY.available_actions(fair, organiser)
    assert actions.allowed() == frozenset() and not actions.offered()
