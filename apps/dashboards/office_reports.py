"""The office's archive of issued documents and its monthly reports (tables, SVG charts, CSV): staff of the
office only, each seeing their own office's documents. They read from the read replica when there is one."""

import csv

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from apps.access.decorators import role_required
from apps.access.roles import OFFICE_ROLES
from apps.core import dates
from apps.core.replica import reads_from_replica
from apps.dashboards import reports
from apps.documents.models import DocumentType
from apps.offices.selectors import office_of

ARCHIVE_PAGE_SIZE = 25


def _office(request):
    office = office_of(request.user)
    if office is None:  # an office role without an assignment: nothing to show
        raise Http404
    return office


@role_required(*OFFICE_ROLES)
@require_GET
@reads_from_replica
def archive(request):
    office = _office(request)
    month_value = request.GET.get("month", "")
    filters = {
        "query": request.GET.get("q", "")[:100],
        "document_type": request.GET.get("type", ""),
        "month": reports.parse_month(month_value),
        "status": request.GET.get("status", ""),
    }
    page = Paginator(reports.archive(office, **filters), ARCHIVE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "office": office,
        "page": page,
        "filters": filters,
        "month_value": month_value if filters["month"] else "",
        "types": DocumentType.choices,
        "statuses": [(reports.ARCHIVE_VALID, _("Berlaku")), (reports.ARCHIVE_REVOKED, _("Dicabut"))],
        "query_string": query.urlencode(),
    }
    return render(request, "dashboards/office_archive.html", context)


def _year_and_type(request, office) -> tuple[int, str, list[int]]:
    years = reports.report_years(office)
    year = dates.year_in(request.GET.get("year"), dates.REPORT_DATE) or timezone.localdate().year
    document_type = request.GET.get("type", "")
    if document_type not in reports.REPORTED_TYPES:
        document_type = DocumentType.PLACEMENT_AGREEMENT
    return year, document_type, years


@role_required(*OFFICE_ROLES)
@require_GET
@reads_from_replica
def monthly(request):
    office = _office(request)
    year, document_type, years = _year_and_type(request, office)
    tables = reports.monthly_report(office, year, document_type)
    sections = [
        {
            "table": table,
            "chart": reports.month_chart(table) if table.code == "types" else reports.total_chart(table),
        }
        for table in tables
    ]
    context = {
        "office": office,
        "year": year,
        "years": years,
        "document_type": document_type,
        "types": [(value, DocumentType(value).label) for value in reports.REPORTED_TYPES],
        "tables": tables,
        "sections": sections,
        "months": reports.MONTH_ABBR,
    }
    return render(request, "dashboards/office_reports.html", context)


@role_required(*OFFICE_ROLES)
@require_GET
@reads_from_replica
def monthly_csv(request):
    office = _office(request)
    year, document_type, _years = _year_and_type(request, office)
    table = reports.report_table(office, year, document_type, request.GET.get("table", "types"))
    if table is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"laporan-{table.code}-{document_type if table.code != 'types' else 'dokumen'}-{year}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read the UTF-8 names right
    writer = csv.writer(response)
    writer.writerow([table.title, year])
    writer.writerow([_("Uraian"), *reports.MONTH_ABBR, _("Jumlah")])
    for row in table.rows:
        writer.writerow([_csv_text(row.label), *row.months, row.total])
    writer.writerow([_("Jumlah"), *table.month_totals, table.total])
    return response


def _csv_text(value: str) -> str:
    """A company name starting with =, +, - or @ is not run as a formula by a spreadsheet."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
