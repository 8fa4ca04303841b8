"""In a real browser: a job seeker and a company talk during a running fair; each sees the other's message
appear without reloading (htmx polling under the Content-Security-Policy), on a phone's screen."""

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.jobfairs.conversations import selectors as conversation_selectors
from apps.jobfairs.models import FairFollower, FairParticipation
from testing import factories
from testing.browser import log_in, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def test_job_seeker_and_company_see_new_messages_without_reloading(new_page, organiser, company, owner, job_seeker):
    factories.organiser_profile(organiser, institution="Disnaker Kota Depok")
    fair = factories.running_fair(organiser=organiser, name="Job Fair Depok")
    FairParticipation.objects.create(fair=fair, agency=company, status="accepted", requested_by=owner)
    FairFollower.objects.create(fair=fair, user=job_seeker, checked_in_at=timezone.now())

    # The job seeker starts a conversation with the company from the fair's start page
    seeker_page = new_page()
    seeker_page.add_init_script(RECORD_VIOLATIONS)
    log_in(seeker_page, job_seeker)
    seeker_page.goto(reverse("jobfairs:conversation_new", args=[fair.pk]))
    seeker_page.click("[data-testid=start-companies] button")
    seeker_page.fill("textarea[name=body]", "Apakah ada lowongan operator untuk lulusan SMK?")
    seeker_page.click("[data-testid=chat-form] button[type=submit]")
    seeker_page.wait_for_selector("text=Apakah ada lowongan operator")

    # The company owner opens it from the list and answers
    company_page = new_page()
    log_in(company_page, owner)
    company_page.goto(reverse("jobfairs:conversation_list"))
    assert company_page.inner_text("[data-testid=conversation-unread]").startswith("1")
    company_page.click("[data-testid=conversation-list] a")
    company_page.fill("textarea[name=body]", "Ada, silakan mampir ke stand nomor 12.")
    company_page.click("[data-testid=chat-form] button[type=submit]")

    # The job seeker's open page shows the answer by itself
    seeker_page.wait_for_selector("text=silakan mampir ke stand nomor 12", timeout=15000)
    assert seeker_page.evaluate("window.cspViolations") == []
    assert seeker_page.evaluate("document.documentElement.scrollWidth") <= 360
    conversation = conversation_selectors.visible_conversations(job_seeker).get()
    assert conversation_selectors.unread_total(job_seeker) == 0  # seen in the open page: read
    assert conversation.messages.count() == 2
    shoot(seeker_page, "conversation")
