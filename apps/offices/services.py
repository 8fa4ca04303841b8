from django.db import transaction

from apps.core.locking import for_update
from apps.offices.models import LabourOffice, OfficeSequence


def office_sequence_next(*, office: LabourOffice, name: str, year: int) -> int:
    """The next number of this office's `name` counter for `year`: no repeats and no gaps.

    Call inside the transaction that uses the number, so a rollback gives the number back.
    """
    with transaction.atomic():
        # get_or_create retries the locked read when another transaction created the row first.
        sequence, _ = for_update(OfficeSequence).get_or_create(office=office, name=name, year=year)
        sequence.last_value += 1
        sequence.save(update_fields=["last_value"])
        return sequence.last_value


def office_has_staff(office: LabourOffice) -> bool:
    return office.staff.exists()
