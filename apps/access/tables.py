"""Permission tables: for one workflow, the actions each role may take on an object in each status.

A table is the one place where "who may do what, and when" is written down for a role and a status. It is
asked through the workflow's policy (`apps.access.policy.Policy`), which adds the actor's relation to the
object and the object's own facts; services, views and templates ask the policy, never the table directly.

    APPLICATIONS = PermissionTable(
        name="application",
        transitions=ALLOWED_TRANSITIONS,
        actions={"view": None, "accept": ApplicationStatus.ACCEPTED, ...},   # action → the status it moves to
        grants={Role.AGENCY_STAFF: {ApplicationStatus.PROCESSING: {"view", "accept"}, ...}, ...},
    )
    APPLICATIONS.allows(actor.role, application.status, "accept")

A table refuses to load when a grant names an unknown status or action, or lets an action move an object
along a transition its status table does not allow: the two tables cannot drift apart.
"""

from collections.abc import Callable, Iterable, Mapping

from django.utils.translation import gettext_lazy as _

from apps.core.errors import ServiceError

# The role of someone who is not signed in.
ANONYMOUS = None


def default_refusal(status: str, action: str) -> ServiceError:
    return ServiceError("transition_not_allowed", _("Tindakan ini tidak dapat dilakukan pada status sekarang."))


class PermissionTable:
    """role × status → allowed actions, for one workflow. Read-only once built."""

    def __init__(
        self,
        *,
        name: str,
        transitions: Mapping[str, Iterable[str]],
        actions: Mapping[str, str | None],
        grants: Mapping[str | None, Mapping[str, Iterable[str]]],
        refusal: Callable[[str, str], ServiceError] = default_refusal,
        denial_messages: Mapping[str, str] | None = None,
    ):
        self.name = name
        self.statuses = frozenset(transitions)
        self.transitions = {status: frozenset(targets) for status, targets in transitions.items()}
        self.actions = dict(actions)
        self.grants = {
            role: {status: frozenset(granted) for status, granted in by_status.items()}
            for role, by_status in grants.items()
        }
        self._refusal = refusal
        self._denial_messages = dict(denial_messages or {})
        self._validate()

    def _validate(self) -> None:
        for role, by_status in self.grants.items():
            for status, granted in by_status.items():
                if status not in self.statuses:
                    raise ValueError(f"{self.name} table: unknown status {status!r} for role {role!r}")
                unknown = granted - set(self.actions)
                if unknown:
                    raise ValueError(f"{self.name} table: unknown actions {sorted(unknown)} for {role!r}/{status}")
                for action in granted:
                    target = self.actions[action]
                    if target is not None and target not in self.transitions[status]:
                        raise ValueError(
                            f"{self.name} table: {role!r} may {action!r} in {status!r}, "
                            f"but {status!r} → {target!r} is not an allowed transition"
                        )

    # --- questions -----------------------------------------------------------------------------------

    def actions_for(self, role: str | None, status: str) -> frozenset[str]:
        """What `role` may do to an object in `status` (ownership and jurisdiction are the caller's to check)."""
        return self.grants.get(role, {}).get(status, frozenset())

    def allows(self, role: str | None, status: str, action: str) -> bool:
        return action in self.actions_for(role, status)

    def roles_for(self, action: str) -> frozenset:
        """Every role that may take `action` in at least one status."""
        self._known(action)
        return frozenset(
            role for role, by_status in self.grants.items() if any(action in granted for granted in by_status.values())
        )

    def target(self, action: str) -> str | None:
        """The status `action` moves the object to (None for an action that does not move it)."""
        self._known(action)
        return self.actions[action]

    def moves(self) -> frozenset[tuple[str, str]]:
        """Every (status, target) pair some role may cause through the table."""
        return frozenset(
            (status, self.actions[action])
            for by_status in self.grants.values()
            for status, granted in by_status.items()
            for action in granted
            if self.actions[action] is not None
        )

    def denial_message(self, action: str):
        """What someone whose role never takes `action` is told (None: the generic "not authorised")."""
        return self._denial_messages.get(action)

    def refusal(self, status: str, action: str) -> ServiceError:
        """The workflow's refusal when `status` does not allow `action` (it names why)."""
        return self._refusal(status, action)

    def grant_rows(self) -> dict:
        """The table as plain data, role → status → sorted actions: what a walk test compares with its copy."""
        return {
            role: {status: sorted(granted) for status, granted in by_status.items() if granted}
            for role, by_status in self.grants.items()
        }

    def _known(self, action: str) -> None:
        if action not in self.actions:
            raise KeyError(f"{self.name} table has no action {action!r}")
