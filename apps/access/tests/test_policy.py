"""The policy base: the order of its questions decides which reason a person reads."""

from types import SimpleNamespace

import pytest

from apps.access.policy import Policy
from apps.access.tables import PermissionTable
from apps.core.errors import PermissionDenied, ServiceError
from testing.policy_walk import assert_table_is, walk

TABLE = PermissionTable(
    name="toy",
    transitions={"open": {"closed"}, "closed": set()},
    actions={"view": None, "close": "closed"},
    grants={"owner": {"open": {"view", "close"}, "closed": {"view"}}, "reader": {"open": {"view"}}},
    denial_messages={"close": "Only the owner closes it."},
)


class ToyPolicy(Policy):
    table = TABLE

    def relation(self, obj, actor, action):
        return None if obj.owner == actor.name else PermissionDenied()

    def facts(self, obj, actor, action):
        if action == "close" and obj.locked:
            return ServiceError("locked", "It is locked.")
        return None


POLICY = ToyPolicy()


def person(name, role):
    return SimpleNamespace(name=name, role=role, is_authenticated=True)


def toy(status="open", owner="alice", locked=False):
    return SimpleNamespace(status=status, owner=owner, locked=locked)


def test_it_allows_what_the_table_and_the_facts_allow():
    actions = POLICY.available_actions(toy(), person("alice", "owner"))
    assert actions["close"] and "close" in actions and actions.allowed() == {"view", "close"}


def test_it_refuses_a_role_that_never_acts_with_the_tables_message_and_offers_no_button():
    decision = POLICY.decide(toy(owner="bob"), person("bob", "reader"), "close")
    assert not decision and not decision.offered and str(decision.reason) == "Only the owner closes it."


def test_it_refuses_someone_elses_object_before_looking_at_its_status():
    decision = POLICY.decide(toy(status="closed"), person("bob", "owner"), "close")
    assert decision.code == "permission_denied" and decision.denied


def test_it_names_the_status_then_the_fact_and_offers_a_disabled_button():
    closed = POLICY.decide(toy(status="closed", locked=True), person("alice", "owner"), "close")
    assert closed.code == "transition_not_allowed" and closed.offered
    locked = POLICY.decide(toy(locked=True), person("alice", "owner"), "close")
    assert locked.code == "locked" and locked.offered and str(locked.reason) == "It is locked."
    with pytest.raises(ServiceError) as refused:
        POLICY.require(toy(locked=True), person("alice", "owner"), "close")
    assert refused.value.code == "locked"


def test_an_anonymous_visitor_is_refused_everything():
    actions = POLICY.available_actions(toy(), SimpleNamespace(is_authenticated=False))
    assert actions.allowed() == frozenset() and not actions.offered()


EXPECTED = {"owner": {"open": {"view", "close"}, "closed": {"view"}}, "reader": {"open": {"view"}}}


def _close(obj, actor):
    POLICY.require(obj, actor, "close")
    obj.status = "closed"


def test_the_walk_passes_on_the_table_and_fails_when_a_row_changes():
    make = lambda role, status: (toy(status=status), person("alice", role))  # noqa: E731
    performed = walk(POLICY, expected=EXPECTED, make=make, perform={"close": _close}, not_performed={"view": "a page"})
    assert performed == 1
    with pytest.raises(AssertionError, match="reader/closed: table has extra \\[\\], lacks \\['view'\\]"):
        assert_table_is(POLICY, {**EXPECTED, "reader": {"open": {"view"}, "closed": {"view"}}})


def test_the_walk_fails_when_the_command_does_not_ask_the_policy():
    make = lambda role, status: (toy(status=status), person("alice", role))  # noqa: E731
    careless = {"close": lambda obj, actor: None}
    with pytest.raises(AssertionError, match="the policy refuses"):
        walk(POLICY, expected=EXPECTED, make=make, perform=careless, not_performed={"view": "a page"})


def test_the_refusal_tag_shows_the_reason_only_to_whom_the_button_is_offered():
    from django.template import Context, Template

    page = Template('{% load policy %}{% refusal_reason actions "close" %}')
    locked = POLICY.available_actions(toy(locked=True), person("alice", "owner"))
    assert 'id="why-close">It is locked.</p>' in page.render(Context({"actions": locked}))
    stranger = POLICY.available_actions(toy(locked=True), person("bob", "owner"))
    assert page.render(Context({"actions": stranger})).strip() == ""
