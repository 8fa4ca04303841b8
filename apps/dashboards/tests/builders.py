"""Issued documents for the report tests, made through the documents services, then dated into a chosen month."""

import datetime

from apps.documents import services as documents
from apps.documents.models import IssuedDocument

YEAR = 2026
OCT, NOV = datetime.date(YEAR, 10, 1), datetime.date(YEAR, 11, 1)


def issue(office_head, document_type, *, month, subject, country="", sex="", sector="", agency=(None, "")):
    office = office_head.staff_assignment.office
    entry = documents.register_allocate(office=office, document_type=document_type, actor=office_head, subject=subject)
    facts = {"country": country, "sex": sex, "sector": sector, "agency_id": agency[0], "agency_name": agency[1]}
    document = documents.document_issue(
        entry=entry,
        body={"candidate": {"name": subject}},
        signer=office_head,
        authority="Kepala Dinas",
        actor=office_head,
        facts=facts,
    )
    # Signed in the month the report counts it in.
    signed_at = datetime.datetime(month.year, month.month, 15, 10, tzinfo=datetime.UTC)
    IssuedDocument.objects.filter(pk=document.pk).update(month=month, signed_at=signed_at)
    return document
