"""The complaint's policy: staff of the complained-about office (any position) read, answer and close it, as the
COMPLAINTS table says for its status. The complainant is not a role: the tracking code is their key, checked by
`services.complaint_by_code`. Services start with `POLICY.require(...)`; the office's page shows
`POLICY.available_actions(...)`.
"""

from apps.access.policy import Policy
from apps.complaints.permissions import COMPLAINTS, OFFICE_ONLY
from apps.core.errors import PermissionDenied
from apps.offices.selectors import is_staff_of


class ComplaintPolicy(Policy):
    table = COMPLAINTS

    def relation(self, complaint, actor, action):
        return None if is_staff_of(actor, complaint.office_id) else PermissionDenied(OFFICE_ONLY)


POLICY = ComplaintPolicy()
