"""The office's local checklist items (`offices.OfficeChecklistItem`): offices sits below audit, so its audited
writes live here, beside the requests that copy the items."""

from django.db import transaction
from django.utils.translation import gettext as _

from apps.audit.services import audit_record
from apps.core.errors import ServiceError
from apps.core.locking import lock
from apps.offices.catalogue import SERVICES, Party
from apps.offices.models import LabourOffice, OfficeChecklistItem
from apps.officeservices.policy import checklist_refusal

LABEL_MAX_LENGTH = 200


def office_checklist_item_add(
    *, office: LabourOffice, actor, service: str, label: str, party: str, required: bool = True
) -> OfficeChecklistItem:
    """Add a local item to a service's national checklist at `office`."""
    refusal = checklist_refusal(actor, office)
    if refusal is not None:
        raise refusal
    if service not in SERVICES:
        raise ServiceError("service_unknown", _("Pilih layanan."), field="service")
    if party not in (Party.COMPANY, Party.CANDIDATE):
        raise ServiceError("party_unknown", _("Pilih untuk siapa persyaratan ini."), field="party")
    label = " ".join((label or "").split())
    if not label:
        raise ServiceError("label_empty", _("Tuliskan nama persyaratan."), field="label")
    if len(label) > LABEL_MAX_LENGTH:
        raise ServiceError(
            "label_long", _("Nama persyaratan paling banyak %(n)s huruf.") % {"n": LABEL_MAX_LENGTH}, field="label"
        )
    national = {str(item.label).casefold() for item in SERVICES[service].checklist}
    with transaction.atomic():
        existing = OfficeChecklistItem.objects.filter(office=office, service=service, active=True)
        if label.casefold() in national or any(item.label.casefold() == label.casefold() for item in existing):
            raise ServiceError(
                "label_duplicate", _("Persyaratan ini sudah ada dalam daftar layanan tersebut."), field="label"
            )
        item = OfficeChecklistItem.objects.create(
            office=office, service=service, label=label, party=party, required=required, created_by=actor
        )
        audit_record(
            actor=actor,
            action="office_checklist_item.add",
            target=item,
            data={"office": office.pk, "service": service, "label": label, "party": party, "required": required},
        )
    return item


def office_checklist_item_deactivate(*, item: OfficeChecklistItem, actor) -> OfficeChecklistItem:
    """Retire a local item: never deleted, so requests that used it still show it."""
    with transaction.atomic():
        item = lock(OfficeChecklistItem, pk=item.pk)
        refusal = checklist_refusal(actor, item.office_id)
        if refusal is not None:
            raise refusal
        if not item.active:
            return item
        item.active = False
        item.save(update_fields=["active"])
        audit_record(actor=actor, action="office_checklist_item.deactivate", target=item)
    return item
