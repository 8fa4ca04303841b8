"""Walk tests for workflow policies: role × status × action through the policy *and* the command.

A walk test keeps its own copy of the table it expects (`expected`: role → status → actions). It fails when
the table in the code no longer matches that copy (a row added or removed), when the policy's answer for a real
object differs from the copy, and when the command (the service that performs the action) does not do what the
policy said: it must refuse with the same code where the policy refuses, and go through where it allows.

    walk(
        POLICY,
        expected=EXPECTED,                                   # the test's own copy of the table
        make=lambda role, status: (obj, actor),              # a real object in `status` and an actor in `role`
        perform={"submit": lambda obj, actor: registration_submit(registration=obj, actor=actor), ...},
    )

`make` is called once per (role, status) for the refusals (a refused command changes nothing) and once more per
allowed command that is performed (it may move the object). Actions without an entry in `perform` are checked
through the policy only; list them in `not_performed` with why, so a forgotten command is visible.
"""

from collections.abc import Callable, Iterable, Mapping

from apps.access.policy import Policy
from apps.core.errors import ServiceError


def _normalised(expected: Mapping) -> dict:
    return {
        role: {status: sorted(actions) for status, actions in by_status.items() if actions}
        for role, by_status in expected.items()
    }


def assert_table_is(policy: Policy, expected: Mapping) -> None:
    """The table in the code is exactly the test's copy: a changed row fails here first, by name."""
    actual = policy.table.grant_rows()
    wanted = _normalised(expected)
    differences = []
    for role in sorted(set(actual) | set(wanted), key=str):
        for status in sorted(set(actual.get(role, {})) | set(wanted.get(role, {}))):
            have = set(actual.get(role, {}).get(status, ()))
            want = set(wanted.get(role, {}).get(status, ()))
            if have != want:
                differences.append(
                    f"{role}/{status}: table has extra {sorted(have - want)}, lacks {sorted(want - have)}"
                )
    assert not differences, f"{policy.table.name} table differs from the walk's copy:\n" + "\n".join(differences)


def walk(
    policy: Policy,
    *,
    expected: Mapping,
    make: Callable[[str, str], tuple[object, object]],
    perform: Mapping[str, Callable[[object, object], object]] | None = None,
    roles: Iterable | None = None,
    statuses: Iterable[str] | None = None,
    not_performed: Mapping[str, str] | None = None,
) -> int:
    """Walk every role × status × action; return the number of commands performed (so a test can say how
    many it drove). `roles` and `statuses` default to those in `expected` and the table."""
    perform = dict(perform or {})
    not_performed = dict(not_performed or {})
    unknown = (set(perform) | set(not_performed)) - set(policy.table.actions)
    assert not unknown, f"walk names actions the {policy.table.name} table does not have: {sorted(unknown)}"
    missing = set(policy.table.actions) - set(perform) - set(not_performed)
    assert not missing, f"no command walked for {sorted(missing)}: add it to perform or say why in not_performed"

    assert_table_is(policy, expected)
    wanted = _normalised(expected)
    roles = list(roles) if roles is not None else list(wanted)
    statuses = list(statuses) if statuses is not None else sorted(policy.table.statuses)
    performed = 0
    for role in roles:
        for status in statuses:
            allowed_here = set(wanted.get(role, {}).get(status, ()))
            obj, actor = make(role, status)
            for action in policy.table.actions:
                _check_refusal(policy, obj, actor, action, action in allowed_here, perform.get(action), where=role)
            for action in sorted(allowed_here & set(perform)):
                fresh, actor = make(role, status)
                try:
                    perform[action](fresh, actor)
                except ServiceError as error:
                    raise AssertionError(
                        f"{policy.table.name}: {role}/{status}/{action}: allowed by the policy, refused by the "
                        f"command ({error.code}: {error.message})"
                    ) from error
                performed += 1
    return performed


def _check_refusal(policy, obj, actor, action, allowed, command, *, where) -> None:
    decision = policy.decide(obj, actor, action)
    where = f"{policy.table.name}: {where}/{policy.status(obj)}/{action}"
    assert decision.allowed == allowed, f"{where}: policy says {decision.code or 'allowed'}"
    if decision.allowed:
        return
    assert str(decision.reason), f"{where}: refused without a reason"
    if command is None:
        return
    try:
        command(obj, actor)
    except ServiceError as error:
        assert error.code == decision.code, f"{where}: command refused {error.code}, policy {decision.code}"
    else:
        raise AssertionError(f"{where}: the policy refuses ({decision.code}) but the command went through")
