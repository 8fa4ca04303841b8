"""One policy per workflow: `available_actions(obj, actor)` answers every action as allowed or refused with a
reason a person can read, and the workflow's commands ask the same policy before they change anything.

A policy is built on the workflow's `PermissionTable` (role × status → actions) and adds what the table cannot
know: who the actor is to this object (owner, member of its company, staff of its office: the *relation*) and
the object's own facts ("a request is already open for this CPMI"). The order of the questions is fixed, so
every caller gets the same answer and the same reason:

1. the actor's role never takes the action         → refused, `denied` (the table's denial message)
2. the actor is not related to the object          → refused, `denied` (views answer 404 for `view`)
3. the table does not allow it in this status      → refused with the table's refusal (status named)
4. a fact of the object stands in the way          → refused with that fact's message

    class RegistrationPolicy(Policy):
        table = REGISTRATIONS
        def relation(self, obj, actor, action): ...   # None when related, else a ServiceError
        def facts(self, obj, actor, action): ...      # None, or the ServiceError that stands in the way

    POLICY = RegistrationPolicy()
    POLICY.available_actions(registration, user)["submit"]   # Decision: bool(), .reason, .code, .offered
    POLICY.require(registration, user, "submit")             # raises the same ServiceError (the command's first line)

Views put `available_actions(...)` in the context as `actions`; templates show a button when
`actions.<name>` is true, and a disabled button with `actions.<name>.reason` beside it when it is
`offered` (the actor is the right person for it, only the status or a fact stands in the way).
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from apps.access.tables import PermissionTable
from apps.core.errors import PermissionDenied, ServiceError


@dataclass(frozen=True)
class Decision:
    """The answer for one action: allowed, or the error (code and readable reason) that refuses it."""

    action: str
    error: ServiceError | None = None
    # False when the actor is not someone who takes this action at all (wrong role, not their object): the page
    # shows no button. True when only the status or a fact of the object stands in the way: a disabled button
    # with the reason beside it.
    offered: bool = True

    @property
    def allowed(self) -> bool:
        return self.error is None

    def __bool__(self) -> bool:
        return self.allowed

    @property
    def reason(self):
        return self.error.message if self.error is not None else ""

    @property
    def code(self) -> str:
        return self.error.code if self.error is not None else ""

    @property
    def denied(self) -> bool:
        """Refused because of who the actor is (role or relation), not because of the object's state."""
        return self.error is not None and not self.offered

    def raise_if_refused(self) -> None:
        if self.error is not None:
            raise self.error


class Actions(Mapping):
    """Every action of a workflow for one object and one actor: `actions["submit"]` is a `Decision`."""

    def __init__(self, decisions: Mapping[str, Decision]):
        self._decisions = dict(decisions)

    def __getitem__(self, action: str) -> Decision:
        return self._decisions[action]

    def __iter__(self) -> Iterator[str]:
        return iter(self._decisions)

    def __len__(self) -> int:
        return len(self._decisions)

    def __contains__(self, action) -> bool:
        """`"edit" in actions` reads as "may edit", as it did when views handed templates a set of names."""
        decision = self._decisions.get(action)
        return decision is not None and decision.allowed

    def allowed(self) -> frozenset[str]:
        return frozenset(name for name, decision in self._decisions.items() if decision.allowed)

    def offered(self) -> dict[str, Decision]:
        """The actions to show a button for (enabled or disabled with its reason)."""
        return {name: decision for name, decision in self._decisions.items() if decision.offered}


class Policy:
    """Base of every workflow's policy; subclasses set `table` and override `relation` and `facts`."""

    table: PermissionTable

    # --- what a workflow overrides ---------------------------------------------------------------------------

    def role(self, actor) -> str | None:
        return getattr(actor, "role", None) if getattr(actor, "is_authenticated", False) else None

    def status(self, obj) -> str:
        return obj.status

    def relation(self, obj, actor, action: str) -> ServiceError | None:
        """None when the actor is someone who may act on this object at all (its owner, a member of its
        company, staff of its office); otherwise the refusal (usually `PermissionDenied`)."""
        return None

    def facts(self, obj, actor, action: str) -> ServiceError | None:
        """None when nothing about the object stands in the way of `action`; otherwise the refusal."""
        return None

    # --- the questions every caller asks ---------------------------------------------------------------------

    def decide(self, obj, actor, action: str) -> Decision:
        role = self.role(actor)
        if role not in self.table.roles_for(action):
            return Decision(action, PermissionDenied(self.table.denial_message(action)), offered=False)
        refusal = self.relation(obj, actor, action)
        if refusal is not None:
            return Decision(action, refusal, offered=False)
        status = self.status(obj)
        if not self.table.allows(role, status, action):
            return Decision(action, self.table.refusal(status, action))
        refusal = self.facts(obj, actor, action)
        if refusal is not None:
            return Decision(action, refusal)
        return Decision(action)

    def available_actions(self, obj, actor) -> Actions:
        return Actions({action: self.decide(obj, actor, action) for action in self.table.actions})

    def allows(self, obj, actor, action: str) -> bool:
        return self.decide(obj, actor, action).allowed

    def require(self, obj, actor, action: str) -> None:
        """The first line of every command: raise the refusal the page showed, or return."""
        self.decide(obj, actor, action).raise_if_refused()
