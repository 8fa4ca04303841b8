"""The PP review page's file shows the company documents seed 001 asks for that only come with the ID CPMI
request (request letter, recruiting officer's appointment letter, PKWT, KTP), openable by the PP's office only."""

import pytest
from django.urls import reverse

from apps.agreements import services as agreement_services
from apps.audit.models import AuditEvent
from apps.offices.catalogue import Service
from apps.officeservices import services
from apps.officeservices.dossier import COMPANY_UPLOAD_CODES
from apps.officeservices.models import ChecklistFile
from apps.officeservices.tests.builders import pdf, upload_missing
from apps.vacancies.models import Application, ApplicationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreement(cpmi, company_staff):
    """The CPMI's PP, sent to the office."""
    application = Application.objects.get(candidate=cpmi, status=ApplicationStatus.ACCEPTED)
    draft = agreement_services.agreement_create_draft(application=application, actor=company_staff)
    return agreement_services.agreement_submit(agreement=draft, actor=company_staff)


@pytest.fixture
def id_request(agreement, company, company_staff, cpmi, recruiter, details):
    request = services.request_open(
        actor=company_staff,
        agency=company,
        service=Service.ID_CPMI,
        candidates=[cpmi],
        recruiting_officer=recruiter,
        details=details,
    )
    upload_missing(request, company_staff)
    # A second version of the request letter: the file shows the latest.
    letter = request.checklist.get(code="request_letter")
    services.checklist_upload(entry=letter, actor=company_staff, uploaded=pdf("surat-permohonan-revisi.pdf"))
    return request


def dossier_items(client, user, agreement) -> dict:
    client.force_login(user)
    response = client.get(reverse("agreements:review", args=[agreement.pk]))
    assert response.status_code == 200
    return {item.code: item for item in response.context["dossier"].items}


def test_the_four_items_are_missing_without_a_request(client, office_head, agreement):
    items = dossier_items(client, office_head, agreement)
    assert COMPANY_UPLOAD_CODES == ("request_letter", "appointment_letter", "pkwt", "officer_ktp")
    assert all(items[code].state == "missing" for code in COMPANY_UPLOAD_CODES)


def test_a_draft_request_is_not_shown_to_the_office(client, office_head, id_request, agreement):
    items = dossier_items(client, office_head, agreement)
    assert all(not items[code].files for code in COMPANY_UPLOAD_CODES)


def test_the_review_page_lists_the_request_uploads_and_the_office_opens_them(
    client, office_head, officer, id_request, agreement, company_staff
):
    services.request_submit(request=id_request, actor=company_staff)

    items = dossier_items(client, office_head, agreement)

    for code in COMPANY_UPLOAD_CODES:
        assert items[code].state == "attached", code
        assert len(items[code].files) == 1, code
    assert items["request_letter"].files[0].label == "surat-permohonan-revisi.pdf"
    page = client.get(reverse("agreements:review", args=[agreement.pk])).content.decode()
    latest = ChecklistFile.objects.filter(entry__request=id_request, entry__code="request_letter").first()
    url = reverse("officeservices:agreement_file", args=[agreement.pk, latest.pk])
    assert url in page
    client.force_login(officer)
    response = client.get(url + "?inline=1")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="agreement.file_service_request", actor=officer).count() == 1


def test_another_office_the_company_and_an_older_version_get_404(
    client, other_office_officer, company_staff, officer, id_request, agreement
):
    services.request_submit(request=id_request, actor=company_staff)
    versions = ChecklistFile.objects.filter(entry__request=id_request, entry__code="request_letter").order_by("id")
    older, latest = list(versions)
    for user in (other_office_officer, company_staff):
        client.force_login(user)
        url = reverse("officeservices:agreement_file", args=[agreement.pk, latest.pk])
        assert client.get(url).status_code == 404
    client.force_login(officer)
    assert client.get(reverse("officeservices:agreement_file", args=[agreement.pk, older.pk])).status_code == 404


def test_a_cancelled_request_leaves_the_items_missing(client, office_head, id_request, agreement, company_staff):
    services.request_cancel(request=id_request, actor=company_staff)
    items = dossier_items(client, office_head, agreement)
    assert all(items[code].state == "missing" for code in COMPANY_UPLOAD_CODES)


def test_the_file_costs_the_same_queries_with_the_uploads(
    client, office_head, id_request, agreement, company_staff, django_assert_max_num_queries
):
    services.request_submit(request=id_request, actor=company_staff)
    client.force_login(office_head)
    client.get(reverse("agreements:review", args=[agreement.pk]))  # warm caches
    with django_assert_max_num_queries(31):
        assert client.get(reverse("agreements:review", args=[agreement.pk])).status_code == 200
