"""The office's archive of issued documents and its monthly reports: counts by type, destination, sex, sector and
company, charts, CSV; each office sees its own documents only."""

import csv
import io

import pytest
from django.urls import reverse

from apps.dashboards.tests.builders import NOV, OCT, YEAR, issue
from apps.documents import services as documents
from apps.documents.models import DocumentType
from testing import factories

pytestmark = pytest.mark.django_db
T = DocumentType


MAJU = (101, "PT Maju Sejahtera")
JAYA = (102, "PT Jaya Abadi")


@pytest.fixture
def issued(office_head):
    """Kota Depok's year: 3 recommendations, 1 ID CPMI, 3 PPs (one revoked), 1 selection minutes."""
    taiwan = {"country": "Taiwan", "sex": "P", "sector": "Perawat lansia", "agency": MAJU}
    made = {
        "rec1": issue(office_head, T.PASSPORT_RECOMMENDATION, month=NOV, subject="Siti Aminah — Taiwan", **taiwan),
        "rec2": issue(office_head, T.PASSPORT_RECOMMENDATION, month=NOV, subject="Rina Wati — Taiwan", **taiwan),
        "rec3": issue(
            office_head,
            T.PASSPORT_RECOMMENDATION,
            month=OCT,
            subject="Budi Santoso — Hong Kong",
            country="Hong Kong",
            sex="L",
            sector="Manufaktur",
            agency=JAYA,
        ),
        "id": issue(office_head, T.ID_CPMI, month=NOV, subject="Siti Aminah", **taiwan),
        "pp1": issue(office_head, T.PLACEMENT_AGREEMENT, month=NOV, subject="PP Siti Aminah", **taiwan),
        "pp2": issue(office_head, T.PLACEMENT_AGREEMENT, month=NOV, subject="PP Rina Wati", **taiwan),
        "pp3": issue(
            office_head,
            T.PLACEMENT_AGREEMENT,
            month=OCT,
            subject="PP Joko Malaysia",
            country="Malaysia",
            sex="L",
            sector="Perkebunan",
            agency=JAYA,
        ),
        "pp_revoked": issue(office_head, T.PLACEMENT_AGREEMENT, month=NOV, subject="PP Dicabut", **taiwan),
        "minutes": issue(office_head, T.SELECTION_MINUTES, month=NOV, subject="BA Seleksi November"),
    }
    documents.document_revoke(document=made["pp_revoked"], actor=office_head, reason="Salah nama CPMI.")
    return made


@pytest.fixture
def bogor_pp(db):
    head = factories.staff(position="office_head", regency_code="32.71", full_name="Kepala Bogor")
    return issue(head, T.PLACEMENT_AGREEMENT, month=NOV, subject="PP Bogor", country="Taiwan", sex="P", agency=MAJU)


def report(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("dashboards:office_reports"), {"year": YEAR, **params})
    assert response.status_code == 200
    return {table.code: table for table in response.context["tables"]}, response


def rows(table) -> dict:
    return {row.label: row.months for row in table.rows}


def month_counts(**by_month) -> list[int]:
    counts = [0] * 12
    for name, n in by_month.items():
        counts[{"oct": 9, "nov": 10}[name]] = n
    return counts


def test_monthly_counts_per_document_type(client, officer, issued, bogor_pp):
    tables, _ = report(client, officer)
    assert rows(tables["types"]) == {
        "Rekomendasi Paspor": month_counts(oct=1, nov=2),
        "ID CPMI": month_counts(nov=1),
        "Perjanjian Penempatan": month_counts(oct=1, nov=2),  # the revoked PP and Bogor's are not counted
    }
    assert tables["types"].total == 7


def test_the_report_says_which_documents_it_counts(client, officer):
    client.force_login(officer)
    page = client.get(reverse("dashboards:office_reports")).content.decode()
    scope = page.split('data-testid="report-scope"', 1)[1].split("</p>", 1)[0]
    assert "Rekomendasi Paspor, ID CPMI, Perjanjian Penempatan" in scope and "arsip dokumen" in scope
    assert "Belum ada dokumen yang dihitung pada tahun ini." in page


def test_pps_by_destination_sex_sector_and_company(client, officer, issued, bogor_pp):
    tables, _ = report(client, officer, type=T.PLACEMENT_AGREEMENT)
    assert rows(tables["country"]) == {"Taiwan": month_counts(nov=2), "Malaysia": month_counts(oct=1)}
    assert rows(tables["sex"]) == {"Perempuan": month_counts(nov=2), "Laki-laki": month_counts(oct=1)}
    assert rows(tables["sector"]) == {"Perawat lansia": month_counts(nov=2), "Perkebunan": month_counts(oct=1)}
    assert rows(tables["agency"]) == {"PT Maju Sejahtera": month_counts(nov=2), "PT Jaya Abadi": month_counts(oct=1)}


def test_the_breakdowns_follow_the_chosen_type(client, officer, issued):
    tables, _ = report(client, officer, type=T.PASSPORT_RECOMMENDATION)
    assert rows(tables["country"]) == {"Taiwan": month_counts(nov=2), "Hong Kong": month_counts(oct=1)}


def test_the_report_draws_svg_charts_without_scripts_or_style_attributes(client, officer, issued):
    _, response = report(client, officer)
    page = response.content.decode()
    assert page.count('data-testid="report-chart"') == 5
    assert "<rect" in page and "style=" not in page and "<script>" not in page
    assert ',5"' not in page  # coordinates are written with a dot, whatever the page's language


def test_another_office_sees_none_of_it(client, other_office_officer, issued):
    tables, _ = report(client, other_office_officer)
    assert all(table.total == 0 for table in tables.values())
    client.force_login(other_office_officer)
    page = client.get(reverse("dashboards:office_archive")).content.decode()
    assert 'data-testid="archive-empty"' in page
    for document in issued.values():
        assert document.entry.number not in page


def test_the_report_runs_a_fixed_number_of_queries(client, officer, issued, django_assert_max_num_queries):
    client.force_login(officer)
    with django_assert_max_num_queries(15):
        client.get(reverse("dashboards:office_reports"), {"year": YEAR})


# --- CSV ------------------------------------------------------------------------------------------------------


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_each_table_exports_as_csv(client, officer, issued):
    client.force_login(officer)
    url = reverse("dashboards:office_reports_csv")
    response = client.get(url, {"year": YEAR, "type": T.PLACEMENT_AGREEMENT, "table": "country"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = csv_rows(response)
    assert lines[1][0] == "Uraian" and lines[1][-1] == "Jumlah"
    assert lines[2] == ["Taiwan", *map(str, month_counts(nov=2)), "2"]
    assert lines[-1][0] == "Jumlah" and lines[-1][-1] == "3"
    for table in ("types", "sex", "sector", "agency"):
        assert client.get(url, {"year": YEAR, "table": table}).status_code == 200
    assert client.get(url, {"year": YEAR, "table": "nope"}).status_code == 404


def test_a_company_name_is_never_a_spreadsheet_formula(client, officer, office_head):
    issue(office_head, T.PLACEMENT_AGREEMENT, month=NOV, subject="PP", agency=(5, "=HYPERLINK(1)"))
    client.force_login(officer)
    response = client.get(reverse("dashboards:office_reports_csv"), {"year": YEAR, "table": "agency"})
    assert csv_rows(response)[2][0] == "'=HYPERLINK(1)"


# --- the archive ----------------------------------------------------------------------------------------------


def archive(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("dashboards:office_archive"), params)
    assert response.status_code == 200
    return [document.pk for document in response.context["page"].object_list], response


def test_the_archive_lists_everything_the_office_issued(client, office_head, issued, bogor_pp):
    found, response = archive(client, office_head)
    assert set(found) == {document.pk for document in issued.values()}
    page = response.content.decode()
    assert issued["pp_revoked"].entry.number in page
    assert "Salah nama CPMI." in page  # why it was revoked
    assert reverse("documents:verify", args=[issued["rec1"].verification_code]) in page


def test_the_archive_searches_numbers_and_subjects(client, officer, issued):
    assert set(archive(client, officer, q="rina wati")[0]) == {issued["pp2"].pk, issued["rec2"].pk}
    assert archive(client, officer, q=issued["rec3"].entry.number)[0] == [issued["rec3"].pk]


def test_the_archive_filters_by_type_month_and_status(client, officer, issued):
    assert set(archive(client, officer, type=T.PLACEMENT_AGREEMENT)[0]) == {
        issued[name].pk for name in ("pp1", "pp2", "pp3", "pp_revoked")
    }
    assert set(archive(client, officer, month="2026-10")[0]) == {issued["rec3"].pk, issued["pp3"].pk}
    assert archive(client, officer, status="revoked")[0] == [issued["pp_revoked"].pk]
    assert issued["pp_revoked"].pk not in archive(client, officer, status="valid")[0]
    assert len(archive(client, officer, month="bukan-bulan")[0]) == len(issued)  # a malformed month is ignored


def test_the_archive_pages_with_a_fixed_number_of_queries(
    client, officer, office_head, issued, django_assert_max_num_queries
):
    for n in range(20):
        issue(office_head, T.KITKI, month=NOV, subject=f"KITKI {n}")
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("dashboards:office_archive"))
    assert len(response.context["page"].object_list) == 25
    second = client.get(reverse("dashboards:office_archive"), {"page": 2, "type": ""})
    assert len(second.context["page"].object_list) == len(issued) + 20 - 25


def test_the_office_dashboard_links_the_archive_and_the_reports(client, officer):
    client.force_login(officer)
    page = client.get(reverse("dashboards:dashboard_office")).content.decode()
    assert reverse("dashboards:office_archive") in page
    assert reverse("dashboards:office_reports") in page


@pytest.mark.parametrize("persona", ["job_seeker", "agency_staff", "central_admin"])
def test_people_outside_the_offices_are_refused(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    for name in ("dashboards:office_archive", "dashboards:office_reports", "dashboards:office_reports_csv"):
        assert client.get(reverse(name)).status_code == 403
