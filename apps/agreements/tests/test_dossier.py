"""The office's PP review page shows the PP's whole file (seed 001's list) before the head signs, each item
openable by staff of the PP's office only, with what is missing marked."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.agencies import services as agency_services
from apps.agencies.models import AgencyDocument
from apps.agreements import services
from apps.agreements.tests import builders
from apps.cpmi import services as cpmi_services
from apps.cpmi.models import CpmiDocument, DocumentKind
from apps.cpmi.tests.builders import complete_details, pdf_upload, png_upload, ready_registration, review_all
from apps.vacancies.models import Application, ApplicationStatus, PermitUse
from testing import factories

pytestmark = pytest.mark.django_db


def full_candidate(user, officer):
    """A married CPMI of Kota Depok whose registration holds every document seed 001 asks of a CPMI, the
    permission letter (optional in the form) and the marriage certificate included."""
    registration = ready_registration(user)
    details = complete_details(
        permission_letter_number="470/12/DS/2026",
        permission_letter_date=timezone.localdate() - datetime.timedelta(days=10),
        village_head_name="H. Rahmat",
        guardian_nik=factories.make_nik(serial=4321),
        guardian_name="Sutrisno",
    )
    cpmi_services.registration_save_details(registration=registration, actor=user, details=details)
    # (the builder uploads the marriage certificate of a married user)
    cpmi_services.document_upload(
        registration=registration, actor=user, kind=DocumentKind.PERMISSION_LETTER, uploaded=png_upload("izin.png")
    )
    cpmi_services.registration_submit(registration=registration, actor=user)
    review_all(registration, officer)
    return cpmi_services.registration_verify(registration=registration, actor=officer)


@pytest.fixture
def married_seeker(db):
    return factories.user(full_name="Ani Lestari", marital_status="married")


@pytest.fixture
def full_file(married_seeker, officer, company, company_staff):
    """A PP with the office: the company's NIB and SIP2MI uploaded, an approved recruiting officer, the SPR used."""
    candidate = full_candidate(married_seeker, officer)
    for kind in ("nib", "sip2mi"):
        agency_services.agency_document_upload(
            agency=company, actor=company_staff, kind=kind, uploaded=pdf_upload(f"{kind}.pdf")
        )
    factories.approved_officer(agency=company, full_name="Rudi Rekrut")
    application = builders.accepted_application(company, candidate)
    PermitUse.objects.create(permit=application.vacancy.permit, application=application)
    draft = services.agreement_create_draft(application=application, actor=company_staff)
    return services.agreement_submit(agreement=draft, actor=company_staff)


def review_page(client, user, agreement) -> str:
    client.force_login(user)
    response = client.get(reverse("agreements:review", args=[agreement.pk]))
    assert response.status_code == 200
    return response.content.decode()


def items_of(response_context) -> dict:
    return {item.code: item for item in response_context["dossier"].items}


def test_the_review_page_lists_every_item_of_the_file_with_links_to_open_them(client, office_head, full_file):
    client.force_login(office_head)
    response = client.get(reverse("agreements:review", args=[full_file.pk]))
    page = response.content.decode()
    items = items_of(response.context)

    # Seed 001's list: company documents, the SPR, the recruiting officer, the CPMI's documents and the PP.
    for code in (
        "nib",
        "sip2mi",
        "permit",
        "assignment_letter",
        "ktp",
        "birth_certificate",
        "family_card",
        "marriage_certificate",
        "ak1",
        "permission_letter",
        "agreement",
    ):
        assert items[code].state == "attached", (code, items[code].notes)
    for document in CpmiDocument.objects.filter(registration=full_file.candidate.registration):
        assert reverse("agreements:file_candidate", args=[full_file.pk, document.pk]) in page, document.kind
    for document in AgencyDocument.objects.filter(agency=full_file.agency):
        assert reverse("agreements:file_agency", args=[full_file.pk, document.pk]) in page
    assert full_file.application.vacancy.permit.number in page
    assert "Rudi Rekrut" in page
    assert "470/12/DS/2026" in page  # the permission letter's number, beside its scan
    # What the company brings with the office-service request is not on the platform: marked missing.
    for code in ("request_letter", "appointment_letter", "pkwt", "officer_ktp"):
        assert items[code].state == "missing"
    assert 'data-testid="dossier-missing"' in page


def test_missing_documents_are_marked(client, office_head, submitted):
    # A CPMI without a permission letter, a company without licence scans or an approved recruiting officer.
    client.force_login(office_head)
    response = client.get(reverse("agreements:review", args=[submitted.pk]))
    items = items_of(response.context)
    for code in ("nib", "assignment_letter", "ktp", "permission_letter", "ak1"):
        assert items[code].state == "missing", code
    assert items["marriage_certificate"].state == "not_required"  # Ani is not married
    page = response.content.decode()
    assert "Belum ada" in page
    assert 'data-testid="sign-missing-warning"' in page


def test_an_spr_of_another_destination_needs_a_look(client, office_head, submitted):
    Application.objects.filter(pk=submitted.application_id).update(status=ApplicationStatus.ACCEPTED)
    permit = submitted.application.vacancy.permit
    permit.country = "Hong Kong"
    permit.save(update_fields=["country"])
    client.force_login(office_head)
    item = items_of(client.get(reverse("agreements:review", args=[submitted.pk])).context)["permit"]
    assert item.state == "warning"
    assert any("Hong Kong" in note for note in item.notes)


def test_the_review_page_reads_the_file_in_a_bounded_number_of_queries(
    client, office_head, full_file, django_assert_max_num_queries
):
    client.force_login(office_head)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("agreements:review", args=[full_file.pk])).status_code == 200


# --- the files ------------------------------------------------------------------------------------------------


def _urls(agreement):
    cpmi_document = CpmiDocument.objects.filter(registration=agreement.candidate.registration).first()
    agency_document = AgencyDocument.objects.filter(agency=agreement.agency).first()
    return (
        reverse("agreements:file_candidate", args=[agreement.pk, cpmi_document.pk]),
        reverse("agreements:file_agency", args=[agreement.pk, agency_document.pk]),
    )


@pytest.mark.parametrize("persona", ["officer", "office_head"])
def test_staff_of_the_pps_office_open_every_file(client, request, full_file, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in _urls(full_file):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Security-Policy"].startswith("default-src 'none'")
        b"".join(response.streaming_content)


@pytest.mark.parametrize(
    "persona", ["other_office_officer", "married_seeker", "company_staff", "other_job_seeker", "central_admin"]
)
def test_nobody_else_opens_the_files_through_the_pp(client, request, full_file, persona):
    client.force_login(request.getfixturevalue(persona))
    for url in _urls(full_file):
        assert client.get(url).status_code == 404, url


def test_a_document_of_another_cpmi_or_company_is_not_reachable_through_this_pp(
    client, officer, full_file, other_company
):
    stranger = ready_registration(factories.user(full_name="Orang Lain"))
    foreign_cpmi = CpmiDocument.objects.filter(registration=stranger).first()
    foreign_agency = AgencyDocument.objects.create(
        agency=other_company,
        kind="nib",
        file="x.pdf",
        original_name="x.pdf",
        content_type="application/pdf",
        uploaded_by=officer,
    )
    client.force_login(officer)
    assert client.get(reverse("agreements:file_candidate", args=[full_file.pk, foreign_cpmi.pk])).status_code == 404
    assert client.get(reverse("agreements:file_agency", args=[full_file.pk, foreign_agency.pk])).status_code == 404


def test_a_draft_pp_has_no_file_to_open(client, officer, draft):
    client.force_login(officer)
    document = CpmiDocument.objects.create(
        registration=draft.candidate.registration,
        kind="ktp",
        file="k.png",
        original_name="k.png",
        content_type="image/png",
        size=1,
        round=1,
        uploaded_by=officer,
    )
    assert client.get(reverse("agreements:file_candidate", args=[draft.pk, document.pk])).status_code == 404
