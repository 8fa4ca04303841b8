"""In a real browser: the monthly report's SVG charts draw under the Content-Security-Policy, coloured by the
stylesheet, and stay inside a phone's screen."""

import pytest
from django.urls import reverse

from apps.dashboards.tests.builders import NOV, issue
from apps.documents.models import DocumentType
from testing import factories
from testing.browser import log_in, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def test_the_report_charts_draw_without_policy_violations_on_a_phone(new_page):
    head = factories.staff(position="office_head", full_name="Eko Kadis")
    for document_type in (DocumentType.PASSPORT_RECOMMENDATION, DocumentType.PLACEMENT_AGREEMENT):
        issue(head, document_type, month=NOV, subject="Siti Aminah — Taiwan", country="Taiwan", sex="P")

    page = new_page()  # 360 px wide
    page.add_init_script(RECORD_VIOLATIONS)
    log_in(page, head)
    page.goto(reverse("dashboards:office_reports") + "?year=2026")
    page.wait_for_selector("[data-testid=report-chart] rect")

    assert page.evaluate("window.cspViolations") == []
    fill = page.eval_on_selector("[data-testid=report-chart] rect.chart-series-0", "e => getComputedStyle(e).fill")
    assert fill == "rgb(13, 110, 253)"  # the stylesheet's colour, not the browser's default black
    # The page itself does not scroll sideways: a wide chart scrolls inside its card.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    shoot(page, "office-reports")
