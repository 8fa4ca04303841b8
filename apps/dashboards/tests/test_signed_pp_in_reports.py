"""A PP signed through the agreements workflow (numbered in the register book, recorded as an issued document)
shows in the office's archive and is counted in the monthly report by country, sex, sector and company."""

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.agreements import services as agreement_services
from apps.agreements.tests import builders
from apps.dashboards import reports
from apps.documents.models import DocumentType, IssuedDocument
from testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_pp(company, office_head):
    staff = factories.agency_member(agency=company, full_name="Fajar P3MI")
    seeker = factories.user(full_name="Siti Aminah", sex="P")
    application = builders.accepted_application(company, builders.candidate(seeker), sector="care", country="Taiwan")
    draft = agreement_services.agreement_create_draft(application=application, actor=staff)
    submitted = agreement_services.agreement_submit(agreement=draft, actor=staff)
    return agreement_services.agreement_sign(agreement=submitted, actor=office_head)


def only_row(table) -> tuple[str, int]:
    (row,) = table.rows
    return row.label, row.total


def test_the_signed_pp_carries_its_report_facts(signed_pp, company):
    document = IssuedDocument.objects.get(entry__number=signed_pp.number)
    assert document.document_type == DocumentType.PLACEMENT_AGREEMENT
    assert (document.country, document.sex, document.sector) == ("Taiwan", "P", "Perawatan (caregiver/perawat)")
    assert (document.agency_id, document.agency_name, document.candidate_id) == (
        company.pk,
        company.name,
        signed_pp.candidate_id,
    )
    assert document.month == timezone.localdate().replace(day=1)


def test_the_monthly_report_counts_it_by_country_sex_sector_and_company(signed_pp, company, officer):
    year, month = timezone.localdate().year, timezone.localdate().month
    tables = {
        table.code: table for table in reports.monthly_report(signed_pp.office, year, DocumentType.PLACEMENT_AGREEMENT)
    }
    pp_row = next(row for row in tables["types"].rows if str(row.label) == str(DocumentType.PLACEMENT_AGREEMENT.label))
    assert pp_row.months[month - 1] == 1
    assert only_row(tables["country"]) == ("Taiwan", 1)
    assert only_row(tables["sex"]) == ("Perempuan", 1)
    assert only_row(tables["sector"]) == ("Perawatan (caregiver/perawat)", 1)
    assert only_row(tables["agency"]) == (company.name, 1)


def test_the_archive_and_the_report_page_show_it(client, signed_pp, officer):
    client.force_login(officer)
    archive = client.get(reverse("dashboards:office_archive"), {"q": signed_pp.number}).content.decode()
    assert signed_pp.number in archive
    page = client.get(reverse("dashboards:office_reports"), {"type": DocumentType.PLACEMENT_AGREEMENT}).content
    assert "Perawatan (caregiver/perawat)" in page.decode()
