"""The office's archive of what it issued and its monthly reports, read from `documents.IssuedDocument` (its
report columns: month, country, sex, sector, agency). A fixed number of queries per page, whatever the data.

Counts leave out revoked documents: a revoked document no longer stands (the archive still lists it, marked).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core import dates
from apps.documents.models import DocumentType, IssuedDocument

T = DocumentType

# The types the monthly report counts (seed 002 and 001's outputs the issue names), in the report's order.
REPORTED_TYPES = (T.PASSPORT_RECOMMENDATION, T.ID_CPMI, T.PLACEMENT_AGREEMENT)
BREAKDOWNS = ("country", "sex", "sector", "agency")
# The same, inside a sentence: "Perjanjian Penempatan menurut negara tujuan".
BREAKDOWN_PHRASES = {
    "country": gettext_lazy("negara tujuan"),
    "sex": gettext_lazy("jenis kelamin"),
    "sector": gettext_lazy("sektor"),
    "agency": gettext_lazy("perusahaan (P3MI)"),
}
SEX_LABELS = {"L": gettext_lazy("Laki-laki"), "P": gettext_lazy("Perempuan")}
MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")

ARCHIVE_VALID, ARCHIVE_REVOKED = "valid", "revoked"


# --- the archive ------------------------------------------------------------------------------------------------


def parse_month(value: str) -> datetime.date | None:
    """ "2026-11" (an <input type="month">) -> the first of that month; None when empty, malformed or out of the
    reports' range (`apps.core.dates.REPORT_DATE`, by its years)."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        first = datetime.date(year, month, 1)
    except ValueError:
        return None
    return first if dates.year_in(year, dates.REPORT_DATE) else None


def archive(office, *, query: str = "", document_type: str = "", month: datetime.date | None = None, status: str = ""):
    """Everything `office` issued, newest first, filtered; each row with its register line and signer."""
    rows = IssuedDocument.objects.filter(office=office).select_related("entry", "signed_by")
    if document_type in T.values:
        rows = rows.filter(document_type=document_type)
    if month is not None:
        rows = rows.filter(month=month)
    if status == ARCHIVE_VALID:
        rows = rows.filter(revoked_at__isnull=True)
    elif status == ARCHIVE_REVOKED:
        rows = rows.filter(revoked_at__isnull=False)
    query = (query or "").strip()
    if query:
        rows = rows.filter(Q(entry__number__icontains=query) | Q(entry__subject__icontains=query))
    return rows.order_by("-signed_at", "-id")


# --- the monthly report -----------------------------------------------------------------------------------------


@dataclass
class Row:
    key: str
    label: str
    months: list[int]  # 12 counts, January first

    @property
    def total(self) -> int:
        return sum(self.months)


@dataclass
class Table:
    code: str
    title: str
    rows: list[Row] = field(default_factory=list)

    @property
    def month_totals(self) -> list[int]:
        return [sum(row.months[index] for row in self.rows) for index in range(12)]

    @property
    def total(self) -> int:
        return sum(row.total for row in self.rows)


def report_years(office) -> list[int]:
    """Years the office issued something in, and the current year, newest first (one query)."""
    months = IssuedDocument.objects.filter(office=office).dates("month", "year")
    years = {value.year for value in months} | {timezone.localdate().year}
    return sorted(years, reverse=True)


def _year_documents(office, year: int):
    return IssuedDocument.objects.filter(
        office=office,
        revoked_at__isnull=True,
        month__gte=datetime.date(year, 1, 1),
        month__lte=datetime.date(year, 12, 1),
    )


def _fill(rows_by_key: dict, key, label, month: datetime.date, count: int) -> None:
    row = rows_by_key.setdefault(key, Row(str(key), str(label), [0] * 12))
    row.months[month.month - 1] += count


def types_table(office, year: int) -> Table:
    """Recommendations, ID CPMI and PPs per month (one query)."""
    counts = (
        _year_documents(office, year)
        .filter(document_type__in=REPORTED_TYPES)
        .values("document_type", "month")
        .annotate(n=Count("id"))
    )
    rows = {value: Row(value, str(T(value).label), [0] * 12) for value in REPORTED_TYPES}
    for line in counts:
        rows[line["document_type"]].months[line["month"].month - 1] += line["n"]
    return Table("types", _("Dokumen yang diterbitkan per bulan"), list(rows.values()))


def breakdown_table(office, year: int, document_type: str, dimension: str) -> Table:
    """Documents of one type per month, by destination country, sex, sector or company (one query); the largest
    rows first."""
    documents = _year_documents(office, year).filter(document_type=document_type)
    rows: dict = {}
    if dimension == "agency":
        for line in documents.values("agency_id", "agency_name", "month").annotate(n=Count("id")):
            label = line["agency_name"] or _("Tidak tercatat")
            # Keyed by the company: a company renamed during the year stays one row (under the first name met).
            _fill(rows, line["agency_id"] or 0, label, line["month"], line["n"])
    else:
        for line in documents.values(dimension, "month").annotate(n=Count("id")):
            value = (line[dimension] or "").strip()
            if dimension == "sex":
                label = SEX_LABELS.get(value.upper(), value) if value else _("Tidak tercatat")
            else:
                label = value or _("Tidak tercatat")
            _fill(rows, value.lower() or "-", label, line["month"], line["n"])
    ordered = sorted(rows.values(), key=lambda row: (-row.total, row.label.lower()))
    title = _("%(type)s menurut %(dimension)s") % {
        "type": T(document_type).label,
        "dimension": BREAKDOWN_PHRASES[dimension],
    }
    return Table(dimension, title, ordered)


def monthly_report(office, year: int, document_type: str) -> list[Table]:
    """The report page's tables: types per month, then the chosen type by each breakdown (five queries)."""
    return [types_table(office, year)] + [
        breakdown_table(office, year, document_type, dimension) for dimension in BREAKDOWNS
    ]


def report_table(office, year: int, document_type: str, code: str) -> Table | None:
    """One table, for its CSV export."""
    if code == "types":
        return types_table(office, year)
    if code in BREAKDOWNS:
        return breakdown_table(office, year, document_type, code)
    return None


# --- charts (server-rendered SVG: no script, no style attribute) --------------------------------------------------

CHART_WIDTH = 640
BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 190
PLOT_HEIGHT = 160
MAX_BARS = 10  # a breakdown's chart shows its largest rows; the table has them all


@dataclass
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    css: str  # a class of static/css/sipmi.css


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar]
    labels: list[tuple[float, float, str, str]]  # (x, y, text, text-anchor)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (class, text)
    description: str = ""


def _scale(value: int, largest: int, length: float) -> float:
    return round(length * value / largest, 1) if largest else 0.0


def month_chart(table: Table) -> Chart:
    """Stacked columns, one per month, one colour per document type."""
    column = (CHART_WIDTH - 40) / 12
    top = 16
    largest = max(table.month_totals + [1])
    bars, labels = [], []
    for index in range(12):
        x = 40 + index * column + 4
        base = top + PLOT_HEIGHT
        for series, row in enumerate(table.rows):
            height = _scale(row.months[index], largest, PLOT_HEIGHT)
            if height:
                base -= height
                bars.append(Bar(row.label, row.months[index], x, base, column - 8, height, f"chart-series-{series}"))
        labels.append((x + (column - 8) / 2, top + PLOT_HEIGHT + 16, MONTH_ABBR[index], "middle"))
        if table.month_totals[index]:
            labels.append((x + (column - 8) / 2, base - 4, str(table.month_totals[index]), "middle"))
    legend = [(f"chart-series-{series}", row.label) for series, row in enumerate(table.rows)]
    return Chart(CHART_WIDTH, top + PLOT_HEIGHT + 26, bars, labels, legend, table.title)


def total_chart(table: Table) -> Chart:
    """Horizontal bars of the year's totals, largest first."""
    rows = table.rows[:MAX_BARS]
    largest = max([row.total for row in rows] + [1])
    length = CHART_WIDTH - LABEL_WIDTH - 50
    bars, labels = [], []
    for index, row in enumerate(rows):
        y = index * (BAR_HEIGHT + BAR_GAP)
        width = _scale(row.total, largest, length)
        bars.append(Bar(row.label, row.total, LABEL_WIDTH, y, max(width, 1), BAR_HEIGHT, "chart-series-0"))
        text = row.label if len(row.label) <= 26 else row.label[:25] + "…"
        labels.append((LABEL_WIDTH - 6, y + BAR_HEIGHT * 0.7, text, "end"))
        labels.append((LABEL_WIDTH + width + 6, y + BAR_HEIGHT * 0.7, str(row.total), "start"))
    height = max(len(rows), 1) * (BAR_HEIGHT + BAR_GAP)
    return Chart(CHART_WIDTH, height, bars, labels, [], table.title)
