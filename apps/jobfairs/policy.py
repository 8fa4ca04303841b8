"""The job fair's own policy (`POLICY`, on the FAIRS table) and the base the fair's sub-domains share.

Every question of the job-fair workflows is answered here and in `participation/policy.py`,
`attendance/policy.py` and `conversations/policy.py`: views, templates, tags and the demo ask
`available_actions(obj, actor)`; the commands start with `require(obj, actor, action)`.

`JobFairPolicy` asks the same questions in the same order as `apps.access.policy.Policy`, and adds two things
these workflows need: the clock (`now`, so the boundaries — the start, the end, two hours before — are tested
exactly; the commands pass the `now` they were given) and one relation and status lookup per call of
`available_actions` (both may be queries: the company's membership, a conversation's open/closed state).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.access.policy import Actions, Decision, Policy
from apps.access.roles import Role
from apps.core.errors import PermissionDenied, ServiceError
from apps.jobfairs.models import FairStatus, JobFair, OrganiserProfile
from apps.jobfairs.permissions import FAIRS


class JobFairPolicy(Policy):
    def facts(self, obj, actor, action: str, now=None) -> ServiceError | None:
        return None

    def status_refusal(self, obj, status: str, action: str, memo: dict) -> ServiceError:
        """The refusal when the status does not allow `action` (the table's, unless a policy names it better)."""
        return self.table.refusal(status, action)

    def _decide(self, obj, actor, action: str, memo: dict) -> Decision:
        role = self.role(actor)
        if role not in self.table.roles_for(action):
            return Decision(action, PermissionDenied(self.table.denial_message(action)), offered=False)
        if "relation" not in memo:
            memo["relation"] = self.relation(obj, actor, action)
        if memo["relation"] is not None:
            return Decision(action, memo["relation"], offered=False)
        if "status" not in memo:
            memo["status"] = self.status(obj)
        status = memo["status"]
        if not self.table.allows(role, status, action):
            return Decision(action, self.status_refusal(obj, status, action, memo))
        refusal = self.facts(obj, actor, action, now=memo.get("now"))
        return Decision(action, refusal) if refusal is not None else Decision(action)

    def decide(self, obj, actor, action: str, now=None) -> Decision:
        return self._decide(obj, actor, action, {"now": now})

    def available_actions(self, obj, actor, now=None) -> Actions:
        memo = {"now": now}
        return Actions({action: self._decide(obj, actor, action, memo) for action in self.table.actions})

    def allows(self, obj, actor, action: str, now=None) -> bool:
        return self.decide(obj, actor, action, now=now).allowed

    def require(self, obj, actor, action: str, now=None) -> None:
        self.decide(obj, actor, action, now=now).raise_if_refused()


class FairPolicy(JobFairPolicy):
    """An organiser acts on their own fairs only; the central admin on every fair the table lets them see."""

    table = FAIRS

    def relation(self, fair: JobFair, actor, action: str):
        if self.role(actor) == Role.JOBFAIR_ORGANISER and fair.organiser_id != actor.pk:
            return PermissionDenied(_("Job fair ini milik penyelenggara lain."))
        return None

    def facts(self, fair: JobFair, actor, action: str, now=None):
        now = now or timezone.now()
        if action == "submit":
            profile = OrganiserProfile.objects.filter(user_id=fair.organiser_id).first()
            if profile is None or not profile.is_complete:
                return ServiceError(
                    "profile_incomplete", _("Lengkapi profil penyelenggara sebelum mengajukan job fair.")
                )
            if fair.ends_at <= now:
                return ServiceError(
                    "already_over", _("Waktu selesai job fair sudah lewat. Ubah tanggalnya."), field="ends_at"
                )
        if action == "publish" and fair.ends_at <= now:
            return ServiceError(
                "already_over", _("Waktu selesai job fair sudah lewat; job fair tidak dapat diterbitkan.")
            )
        if action == "cancel" and fair.status == FairStatus.PUBLISHED and fair.ends_at <= now:
            return ServiceError("already_over", _("Job fair yang sudah selesai tidak dapat dibatalkan."))
        return None


POLICY = FairPolicy()
