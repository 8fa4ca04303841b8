"""What a first-time user of the office services trips over: how to reach them from the menu, in which order the
interview page asks for things, what a running step says, and the way back from a request."""

import re

import pytest
from django.urls import reverse

from apps.core.formatting import date_short_id
from apps.officeservices.tests.builders import walk

pytestmark = pytest.mark.django_db


def detail(sr):
    return reverse("officeservices:request_detail", args=[sr.pk])


def nav_links(html: str) -> list[str]:
    nav = html.split('<ul class="navbar-nav', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'href="([^"]+)"', nav)


def test_office_staff_reach_the_service_queue_from_the_menu(client, officer):
    client.force_login(officer)
    html = client.get(reverse("dashboards:dashboard_office")).content.decode()
    assert reverse("officeservices:office_queue") in nav_links(html)


def test_a_company_reaches_its_service_requests_from_the_menu(client, company_staff):
    client.force_login(company_staff)
    html = client.get(reverse("officeservices:company_requests")).content.decode()
    assert reverse("officeservices:company_requests") in nav_links(html)


def test_a_job_seeker_has_no_office_services_entry(client, job_seeker):
    client.force_login(job_seeker)
    links = nav_links(client.get(reverse("vacancies:list")).content.decode())
    assert reverse("officeservices:office_queue") not in links
    assert reverse("officeservices:company_requests") not in links


def test_the_interviews_are_recorded_before_the_step_is_closed(client, received, officer):
    request = walk(received, officer, to="interview")
    client.force_login(officer)
    html = client.get(detail(request)).content.decode()
    assert html.index('data-testid="interview-form"') < html.index('data-testid="step-form"')


def test_a_running_step_says_since_when_instead_of_dashes(client, submitted, officer):
    client.force_login(officer)
    html = client.get(detail(submitted)).content.decode()
    when = html.split('data-testid="timeline-when"', 1)[1].split("</div>", 1)[0]
    assert "sedang berjalan sejak" in when and date_short_id(submitted.submitted_at) in when
    assert "- menit" not in when and "-  ·" not in when


def test_the_division_head_goes_back_to_the_approvals(client, received, officer, company_staff, division_head):
    request = walk(received, officer, to="approval", company_staff=company_staff)
    client.force_login(division_head)
    html = client.get(detail(request)).content.decode()
    assert f'href="{reverse("officeservices:approval_queue")}"' in html.split("<h1", 1)[0]


def test_the_send_back_reason_is_folded_away_from_the_approval(client, received, officer, company_staff, division_head):
    request = walk(received, officer, to="approval", company_staff=company_staff)
    client.force_login(division_head)
    html = client.get(detail(request)).content.decode()
    folded = html.split('data-testid="send-back-details"', 1)[1].split("</details>", 1)[0]
    assert 'name="reason"' in folded and 'data-testid="send-back"' in folded
    assert 'data-testid="approve"' in html.split('data-testid="send-back-details"', 1)[0]


def test_the_cpmi_is_not_offered_a_revoked_document(
    client, received, officer, company_staff, division_head, office_head, job_seeker
):
    from apps.documents import services as documents
    from apps.documents.models import DocumentType
    from apps.officeservices.models import RequestDocument

    request = walk(received, officer, to="archive", company_staff=company_staff, division_head=division_head)
    recommendation = RequestDocument.objects.get(
        request=request, document_type=DocumentType.PASSPORT_RECOMMENDATION
    ).document
    documents.document_revoke(document=recommendation, actor=office_head, reason="Salah tanggal lahir.")
    client.force_login(job_seeker)
    html = client.get(reverse("dashboards:dashboard_job_seeker")).content.decode()
    revoked = html.split('data-testid="my-document-revoked"', 1)[1].split("</div>", 1)[0]
    assert "Rekomendasi Paspor dicabut dinas pada" in revoked and "Salah tanggal lahir." in revoked
    offered = html.count('data-testid="my-document"')
    assert (
        offered
        == RequestDocument.objects.filter(request=request, document__revoked_at__isnull=True)
        .filter(request_candidate__candidate__user=job_seeker)
        .count()
    )


def test_a_completed_request_says_when_it_was_completed(client, received, officer, company_staff, division_head):
    from apps.officeservices import services

    request = walk(received, officer, to="archive", company_staff=company_staff, division_head=division_head)
    request = services.request_archive(request=request, actor=officer)
    client.force_login(company_staff)
    html = client.get(detail(request)).content.decode()
    age = html.split('data-testid="request-age"', 1)[1].split("</span>", 1)[0]
    assert age.startswith(">Selesai " + date_short_id(request.completed_at))
    assert "sejak diajukan" not in age
    # On a phone the documents sit below the summary: a link near the top jumps to them.
    assert 'href="#judul-dokumen"' in html.split("<h2", 1)[0]


def test_reasons_already_dealt_with_fold_into_the_history(client, received, officer, company_staff):
    from apps.officeservices import services
    from apps.officeservices.models import ReturnCode

    reason = services.Reason(ReturnCode.DOCUMENT_UNREADABLE, "Foto KTP buram.")
    returned = services.request_return(request=received, actor=officer, reasons=[reason])
    client.force_login(company_staff)
    html = client.get(detail(returned)).content.decode()
    assert html.count('data-testid="return-reasons"') == 1 and "Foto KTP buram." in html
    assert 'data-testid="earlier-return-reasons"' not in html

    resubmitted = services.request_submit(request=returned, actor=company_staff)
    html = client.get(detail(resubmitted)).content.decode()
    assert 'data-testid="return-reasons"' not in html
    earlier = html.split('data-testid="earlier-return-reasons"', 1)[1].split("</details>", 1)[0]
    assert "Foto KTP buram." in earlier and "pengajuan ke-1" in earlier
    assert html.count("</details>") == html.count("<details")


def test_a_company_without_requests_learns_what_a_request_is_for(client, company_staff):
    client.force_login(company_staff)
    html = client.get(reverse("officeservices:company_requests")).content.decode()
    empty = html.split('data-testid="company-requests-empty"', 1)[1].split("</div>", 1)[0]
    assert "lamarannya sudah Anda terima" in empty and "terlampir otomatis" in empty
    assert reverse("officeservices:request_open") in html


def test_the_spr_choice_reads_like_the_copy_the_company_brought(client, received, officer):
    request = walk(received, officer, to="permit")
    client.force_login(officer)
    html = client.get(detail(request)).content.decode()
    permit = request.agency.permits.get()
    assert f"{permit.number} — {permit.country}, s.d. " in html
    assert f"sisa {permit.remaining} dari {permit.quota}" in html
    assert f"SPR {permit.number}" not in html.split('name="permit"')[1].split("</select>")[0]
