"""The pages as their users meet them: the company opens, uploads and submits; the officer works the steps from
the request page; the division head approves from the approvals list; everyone entitled downloads the PDF."""

import pytest
from django.urls import reverse

from apps.documents.models import DocumentType
from apps.offices.catalogue import Service
from apps.officeservices import selectors, services
from apps.officeservices.models import RequestStatus
from apps.officeservices.tests.builders import cpmi_with_file, pdf, upload_missing, walk
from testing import factories

pytestmark = pytest.mark.django_db


def detail(sr):
    return reverse("officeservices:request_detail", args=[sr.pk])


def test_the_company_opens_a_request_from_its_selected_cpmi(client, company_staff, cpmi, recruiter):
    client.force_login(company_staff)
    page = client.get(reverse("officeservices:request_open"))
    assert cpmi.user.full_name in page.content.decode()
    response = client.post(
        reverse("officeservices:request_open"),
        {
            "service": Service.PASSPORT_RECOMMENDATION,
            "candidates": [cpmi.pk],
            "recruiting_officer": recruiter.pk,
            "immigration_office": "Kantor Imigrasi Kelas I Depok",
        },
    )
    request = cpmi.service_requests.get().request
    assert response.status_code == 302 and response["Location"] == detail(request)
    page = client.get(detail(request)).content.decode()
    assert "Terlampir otomatis" in page and "Belum ada" in page


def test_a_refused_opening_shows_the_reason_beside_the_form(client, company_staff, cpmi, recruiter):
    client.force_login(company_staff)
    response = client.post(
        reverse("officeservices:request_open"),
        {"service": Service.PASSPORT_RECOMMENDATION, "candidates": [cpmi.pk], "recruiting_officer": recruiter.pk},
    )
    assert response.status_code == 200
    assert "Isi kantor imigrasi" in response.content.decode()


def test_upload_and_submit_from_the_request_page(client, opened, company_staff):
    client.force_login(company_staff)
    for entry in selectors.checklist_missing(opened):
        url = reverse("officeservices:checklist_upload", args=[opened.pk, entry.pk])
        assert client.post(url, {"file": pdf()}).status_code == 302
    client.post(reverse("officeservices:request_submit", args=[opened.pk]))
    opened.refresh_from_db()
    assert opened.status == RequestStatus.SUBMITTED


def test_the_officer_works_the_steps_from_the_request_page(client, submitted, officer):
    client.force_login(officer)
    page = client.get(detail(submitted)).content.decode()
    assert "Terima permohonan" in page
    client.post(reverse("officeservices:request_step", args=[submitted.pk]), {"step": "receive"})
    client.post(reverse("officeservices:request_step", args=[submitted.pk]), {"step": "completeness"})
    submitted.refresh_from_db()
    assert submitted.current_step == "recruiting_officer" and submitted.assigned_officer == officer
    page = client.get(detail(submitted)).content.decode()
    assert "Memeriksa kelengkapan berkas" in page  # the timeline


def test_the_division_head_sees_the_approvals_and_approves(client, received, officer, company_staff, division_head):
    request = walk(received, officer, to="approval", company_staff=company_staff)
    client.force_login(division_head)
    assert request.reference in client.get(reverse("officeservices:approval_queue")).content.decode()
    assert "Setujui dan tandatangani" in client.get(detail(request)).content.decode()
    client.post(reverse("officeservices:request_step", args=[request.pk]), {"step": "approval", "decision": "approve"})
    request.refresh_from_db()
    assert request.current_step == "archive" and request.approved_at


def test_a_step_form_is_not_offered_to_a_role_the_step_does_not_name(client, submitted, division_head):
    client.force_login(division_head)
    page = client.get(detail(submitted)).content.decode()
    assert 'data-testid="step-form"' not in page
    client.post(reverse("officeservices:request_step", args=[submitted.pk]), {"step": "receive"})
    submitted.refresh_from_db()
    assert submitted.current_step == "receive"


def test_the_pdf_is_downloaded_by_the_company_the_office_and_the_cpmi_only(
    client, received, officer, company_staff, division_head, job_seeker, other_company_staff, other_office_officer
):
    request = walk(received, officer, to="archive", company_staff=company_staff, division_head=division_head)
    row = request.documents.get(document_type=DocumentType.PASSPORT_RECOMMENDATION)
    url = reverse("officeservices:document_pdf", args=[request.pk, row.pk])
    for user in (company_staff, officer, division_head, job_seeker):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF"), user
    for user in (other_company_staff, other_office_officer):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_the_queue_shows_overdue_first_in_a_fixed_number_of_queries(
    client, officer, company, company_staff, recruiter, details, django_assert_max_num_queries
):
    import datetime

    from django.utils import timezone

    from apps.officeservices.models import ServiceRequest

    requests = []
    for _ in range(4):
        candidate = cpmi_with_file(company)
        request = services.request_open(
            actor=company_staff,
            agency=company,
            service=Service.PASSPORT_RECOMMENDATION,
            candidates=[candidate],
            recruiting_officer=recruiter,
            details=details,
        )
        upload_missing(request, company_staff)
        requests.append(services.request_submit(request=request, actor=company_staff))
    old = requests[2]
    ServiceRequest.objects.filter(pk=old.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=10))
    client.force_login(officer)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("officeservices:office_queue")).content.decode()
    assert page.count('data-testid="service-queue-row"') == 4
    assert page.index(old.reference) < min(page.index(r.reference) for r in requests if r != old)
    assert "Lewat 3 hari kerja" in page


def test_the_time_report_shows_steps_against_their_standard(client, received, officer):
    walk(received, officer, to="interview")
    client.force_login(officer)
    page = client.get(reverse("officeservices:time_report")).content.decode()
    assert "Menerima surat permohonan" in page and "Memeriksa kelengkapan berkas" in page


def test_a_counter_request_is_opened_by_the_officer_for_a_walk_in_company(client, officer, company, cpmi, recruiter):
    client.force_login(officer)
    page = client.get(reverse("officeservices:counter_open"), {"agency": company.pk}).content.decode()
    assert cpmi.user.full_name in page
    client.post(
        reverse("officeservices:counter_open"),
        {
            "agency": company.pk,
            "service": Service.PASSPORT_RECOMMENDATION,
            "candidates": [cpmi.pk],
            "recruiting_officer": recruiter.pk,
            "immigration_office": "Kantor Imigrasi Kelas I Depok",
        },
    )
    request = cpmi.service_requests.get().request
    assert request.channel == "counter" and request.opened_by == officer


def test_the_division_head_s_dashboard_says_what_waits_for_approval(
    client, received, officer, company_staff, division_head
):
    walk(received, officer, to="approval", company_staff=company_staff)
    client.force_login(division_head)
    page = client.get(reverse("dashboards:dashboard_office")).content.decode()
    assert "1 menunggu persetujuan Kabid" in page
    assert reverse("officeservices:approval_queue") in page


def test_the_company_dashboard_leads_to_its_requests(client, company_staff):
    client.force_login(company_staff)
    page = client.get(reverse("dashboards:dashboard_agency")).content.decode()
    assert reverse("officeservices:company_requests") in page


def test_the_officer_returns_the_request_naming_the_item_and_the_company_reads_why(
    client, received, officer, company_staff
):
    entry = received.checklist.get(code="diploma")
    client.force_login(officer)
    client.post(
        reverse("officeservices:request_return", args=[received.pk]),
        {"codes": ["document_unreadable"], "entry": entry.pk, "text": "Scan buram"},
    )
    received.refresh_from_db()
    assert received.status == RequestStatus.RETURNED
    assert received.return_reasons.get().entry == entry
    client.force_login(company_staff)
    page = client.get(detail(received)).content.decode()
    assert "Dokumen tidak terbaca" in page and "Scan buram" in page and "Ajukan kembali" in page


def test_the_cpmi_finds_the_issued_documents_on_the_dashboard(
    client, received, officer, company_staff, division_head, job_seeker
):
    request = walk(received, officer, to="archive", company_staff=company_staff, division_head=division_head)
    client.force_login(job_seeker)
    page = client.get(reverse("dashboards:dashboard_job_seeker")).content.decode()
    rows = request.documents.filter(request_candidate__isnull=False)
    for row in rows:
        assert reverse("officeservices:document_pdf", args=[request.pk, row.pk]) in page


def test_the_company_list_and_the_approvals_take_a_fixed_number_of_queries(
    client, company, company_staff, recruiter, details, division_head, django_assert_max_num_queries
):
    for _ in range(3):
        services.request_open(
            actor=company_staff,
            agency=company,
            service=Service.PASSPORT_RECOMMENDATION,
            candidates=[cpmi_with_file(company)],
            recruiting_officer=recruiter,
            details=details,
        )
    client.force_login(company_staff)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("officeservices:company_requests")).content.decode()
    assert page.count("LYN-") == 3
    client.force_login(division_head)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("officeservices:approval_queue")).status_code == 200


def test_the_office_previews_the_drafts_before_approval_and_the_company_cannot(
    client, received, officer, company_staff, division_head
):
    from testing.pdfs import pdf_text

    request = walk(received, officer, to="approval", company_staff=company_staff)
    row = request.documents.get(document_type=DocumentType.PASSPORT_RECOMMENDATION)
    url = reverse("officeservices:draft_pdf", args=[request.pk, row.pk])
    client.force_login(division_head)
    assert "Lihat draf (PDF)" in client.get(detail(request)).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert row.entry.number in text and division_head.full_name in text
    client.force_login(company_staff)
    assert client.get(url).status_code == 404


def test_a_request_longer_at_its_step_than_the_sop_standard_is_flagged(
    officer, company, company_staff, recruiter, details
):
    import datetime

    from django.utils import timezone

    from apps.officeservices.models import ServiceRequest
    from apps.officeservices.selectors import office_queue

    request = services.request_open(
        actor=company_staff,
        agency=company,
        service=Service.PASSPORT_RECOMMENDATION,
        candidates=[cpmi_with_file(company)],
        recruiting_officer=recruiter,
        details=details,
    )
    upload_missing(request, company_staff)
    request = services.request_receive(
        request=services.request_submit(request=request, actor=company_staff), actor=officer
    )
    ServiceRequest.objects.filter(pk=request.pk).update(step_started_at=timezone.now() - datetime.timedelta(minutes=25))
    (row,) = office_queue(request.office)
    assert row.step_overdue and not row.overdue  # 25 minutes at a 20-minute step, within 3 working days
    ServiceRequest.objects.filter(pk=request.pk).update(current_step="receive")
    (row,) = office_queue(request.office)
    assert row.step_overdue  # 25 minutes at a 5-minute step


def test_another_officer_reads_why_the_step_button_is_disabled_and_may_take_the_request_over(client, received):
    colleague = factories.staff(full_name="Gita Petugas")
    client.force_login(colleague)
    page = client.get(detail(received)).content.decode()
    assert 'data-testid="step-form"' not in page
    assert 'data-testid="step-held"' in page and 'aria-describedby="why-work"' in page
    assert 'id="why-work">Permohonan ini ditangani petugas lain.' in page
    assert 'data-testid="assign"' in page
    client.post(reverse("officeservices:request_assign", args=[received.pk]))
    page = client.get(detail(received)).content.decode()
    assert 'data-testid="step-form"' in page and 'data-testid="step-held"' not in page


def test_a_company_whose_licence_expired_sees_why_it_cannot_send(client, opened, company, company_staff):
    import datetime

    company.sip2mi_valid_until = datetime.date(2020, 1, 1)
    company.save(update_fields=["sip2mi_valid_until"])
    client.force_login(company_staff)
    page = client.get(detail(opened)).content.decode()
    assert 'data-testid="submit-request"' not in page and 'data-testid="submit-request-held"' in page
    assert 'id="why-submit">SIP2MI perusahaan sudah tidak berlaku' in page


def test_the_counter_is_offered_to_officers_only_and_approvals_to_the_division_head(client, officer, division_head):
    counter = reverse("officeservices:counter_open")
    approvals = reverse("officeservices:approval_queue")
    client.force_login(officer)
    assert counter in client.get(reverse("officeservices:office_queue")).content.decode()
    card = client.get(reverse("dashboards:dashboard_office")).content.decode()
    assert counter in card and approvals not in card
    client.force_login(division_head)
    assert counter not in client.get(reverse("officeservices:office_queue")).content.decode()
    card = client.get(reverse("dashboards:dashboard_office")).content.decode()
    assert counter not in card and approvals in card
    assert client.get(counter).status_code == 403


def test_the_division_head_goes_back_to_the_approvals_and_the_officer_to_the_queue(
    client, received, officer, division_head
):
    client.force_login(division_head)
    nav = client.get(detail(received)).content.decode().split('<nav class="mb-2">')[1].split("</nav>")[0]
    assert reverse("officeservices:approval_queue") in nav
    client.force_login(officer)
    nav = client.get(detail(received)).content.decode().split('<nav class="mb-2">')[1].split("</nav>")[0]
    assert reverse("officeservices:office_queue") in nav


def test_a_company_whose_licence_expired_reads_why_it_cannot_open_a_request(client, company, company_staff, officer):
    import datetime

    company.sip2mi_valid_until = datetime.date(2020, 1, 1)
    company.save(update_fields=["sip2mi_valid_until"])
    client.force_login(company_staff)
    page = client.get(reverse("officeservices:request_open")).content.decode()
    assert 'data-testid="open-submit"' not in page and 'id="why-open">SIP2MI perusahaan sudah tidak berlaku' in page
    client.force_login(officer)
    page = client.get(reverse("officeservices:counter_open"), {"agency": company.pk}).content.decode()
    assert 'data-testid="open-submit"' not in page and 'id="why-open_counter">SIP2MI' in page
