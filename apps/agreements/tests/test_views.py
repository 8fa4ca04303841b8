"""The PP pages per role: company drafts, office queue and review, SK delegations, the PDF and the public check."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.agencies.models import PlacementAgency
from apps.agreements import services
from apps.agreements.models import AgreementStatus, PlacementAgreement, SignatureDelegation
from apps.agreements.tests import builders
from apps.offices.models import LabourOffice
from testing import factories

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate().isoformat()
NEXT_YEAR = (timezone.localdate() + datetime.timedelta(days=365)).isoformat()


def refused(response) -> bool:
    """404 for signed-in people; a redirect to the login page for anonymous ones."""
    if response.status_code == 302:
        return response.url.startswith(reverse("accounts:login"))
    return response.status_code == 404


# --- download ----------------------------------------------------------------------------------------------


@pytest.fixture
def people(request, signed, office_head):
    names = ("officer", "other_job_seeker", "company_staff", "other_company_staff", "other_office_officer")
    found = {name: request.getfixturevalue(name) for name in names}
    return {"owner": signed.candidate.user, "office_head": office_head, "anonymous": None, **found}


DOWNLOAD_ALLOWED = {"owner", "company_staff", "officer", "office_head"}


@pytest.mark.parametrize(
    "persona",
    [
        "owner",
        "company_staff",
        "officer",
        "office_head",
        "other_job_seeker",
        "other_company_staff",
        "other_office_officer",
        "anonymous",
    ],
)
def test_download_per_role(client, people, signed, persona):
    if people[persona] is not None:
        client.force_login(people[persona])

    response = client.get(reverse("agreements:download", args=[signed.pk]))

    if persona in DOWNLOAD_ALLOWED:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "PP-3276-" in response["Content-Disposition"]
    else:
        assert refused(response)


def test_no_download_before_signing(client, submitted, officer):
    client.force_login(submitted.candidate.user)
    assert client.get(reverse("agreements:download", args=[submitted.pk])).status_code == 404
    client.force_login(officer)
    assert client.get(reverse("agreements:download", args=[submitted.pk])).status_code == 404


# --- public verification -----------------------------------------------------------------------------------


def test_verification_page_valid(client, signed):
    response = client.get(reverse("agreements:verify", args=[signed.verification_code]))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Tanda tangan elektronik SAH" in body and 'data-testid="signature-invalid"' not in body
    assert signed.number in body and "Eko Kadis" in body and signed.signing_authority in body
    assert "A** L******" in body
    assert "Ani Lestari" not in body and signed.candidate.user.nik not in body
    assert response["X-Robots-Tag"] == "noindex"


def test_verification_page_shows_the_names_as_signed_after_renames(client, signed):
    office_name = signed.office.name
    LabourOffice.objects.filter(pk=signed.office_id).update(name="Dinas Baru")
    User.objects.filter(pk=signed.signed_by_id).update(full_name="Kepala Baru")
    PlacementAgency.objects.filter(pk=signed.agency_id).update(name="PT Nama Baru")

    body = client.get(reverse("agreements:verify", args=[signed.verification_code])).content.decode()

    assert 'data-testid="signature-valid"' in body
    assert office_name in body and "Eko Kadis" in body and "PT Maju Bersama Sejahtera" in body
    assert "Dinas Baru" not in body and "Kepala Baru" not in body and "PT Nama Baru" not in body


def test_verification_page_warns_when_the_snapshot_is_edited(client, signed):
    content = signed.signed_content
    content["office"]["name"] = "Dinas Palsu"
    PlacementAgreement.objects.filter(pk=signed.pk).update(signed_content=content)

    body = client.get(reverse("agreements:verify", args=[signed.verification_code])).content.decode()

    assert 'data-testid="signature-invalid"' in body


def test_verification_page_warns_when_tampered(client, signed):
    PlacementAgreement.objects.filter(pk=signed.pk).update(salary="99999.00")

    body = client.get(reverse("agreements:verify", args=[signed.verification_code])).content.decode()

    assert 'data-testid="signature-invalid"' in body and "TIDAK SAH" in body
    assert "Tanda tangan elektronik SAH" not in body


def test_verification_page_unknown_or_unsigned(client, submitted):
    assert client.get(reverse("agreements:verify", args=[uuid.uuid4()])).status_code == 404
    assert client.get(reverse("agreements:verify", args=[submitted.verification_code])).status_code == 404


# --- the company's pages -----------------------------------------------------------------------------------


def test_company_list_offers_draft_for_accepted_application(client, application, company_staff):
    client.force_login(company_staff)

    response = client.get(reverse("agreements:agency_list"))

    assert response.status_code == 200
    assert reverse("agreements:create", args=[application.pk]) in response.content.decode()


def test_company_creates_and_submits(client, application, company_staff):
    client.force_login(company_staff)

    response = client.post(reverse("agreements:create", args=[application.pk]))
    agreement = PlacementAgreement.objects.get()
    assert response.status_code == 302 and response.url == reverse("agreements:edit", args=[agreement.pk])

    data = {name: getattr(agreement, name) for name in services.EDITABLE_TERMS}
    data.update(salary="21000", employer_address="Taipei", action="submit")
    response = client.post(reverse("agreements:edit", args=[agreement.pk]), data)

    agreement.refresh_from_db()
    assert response.status_code == 302
    assert agreement.status == AgreementStatus.SUBMITTED and agreement.salary == 21000


def test_company_edit_shows_service_error_beside_field(client, draft, company_staff):
    client.force_login(company_staff)
    data = {name: getattr(draft, name) for name in services.EDITABLE_TERMS}
    data.update(currency="12", action="save")

    response = client.post(reverse("agreements:edit", args=[draft.pk]), data)

    assert response.status_code == 200
    assert "Mata uang ditulis dengan kode 3 huruf" in response.content.decode()


def test_returned_agreement_shows_reason_to_company(client, submitted, officer, company_staff):
    services.agreement_return(agreement=submitted, actor=officer, reason="Alamat pemberi kerja kosong.")
    client.force_login(company_staff)

    body = client.get(reverse("agreements:edit", args=[submitted.pk])).content.decode()

    assert "Alamat pemberi kerja kosong." in body


def test_other_company_gets_404(client, draft, application, other_company_staff):
    client.force_login(other_company_staff)

    assert client.get(reverse("agreements:edit", args=[draft.pk])).status_code == 404
    assert client.post(reverse("agreements:create", args=[application.pk])).status_code == 404


# --- the office's pages ------------------------------------------------------------------------------------


def test_office_queue_oldest_first_with_constant_queries(client, company, company_staff, officer):
    def make():
        application = builders.accepted_application(company)
        agreement = services.agreement_create_draft(application=application, actor=company_staff)
        return services.agreement_submit(agreement=agreement, actor=company_staff)

    first = make()
    client.force_login(officer)
    url = reverse("agreements:office_queue")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    second, third = make(), make()
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)

    assert len(three) == len(one)
    body = response.content.decode()
    positions = [body.index(reverse("agreements:review", args=[a.pk])) for a in (first, second, third)]
    assert positions == sorted(positions)


def test_other_office_queue_is_empty(client, submitted, other_office_officer):
    client.force_login(other_office_officer)

    response = client.get(reverse("agreements:office_queue"))

    assert 'data-testid="pp-queue-empty"' in response.content.decode()


def test_review_shows_sign_button_only_to_signers(client, submitted, officer, office_head):
    url = reverse("agreements:review", args=[submitted.pk])
    client.force_login(officer)
    body = client.get(url).content.decode()
    assert 'data-testid="cannot-sign"' in body and 'data-testid="sign"' not in body

    client.force_login(office_head)
    body = client.get(url).content.decode()
    assert 'data-testid="sign"' in body


def test_head_signs_from_review(client, submitted, office_head):
    client.force_login(office_head)

    response = client.post(reverse("agreements:review", args=[submitted.pk]), {"action": "sign", "confirmed": "1"})

    submitted.refresh_from_db()
    assert response.status_code == 302 and submitted.status == AgreementStatus.VERIFIED


def test_officer_posting_sign_is_refused(client, submitted, officer):
    client.force_login(officer)

    response = client.post(
        reverse("agreements:review", args=[submitted.pk]), {"action": "sign", "confirmed": "1"}, follow=True
    )

    submitted.refresh_from_db()
    assert submitted.status == AgreementStatus.SUBMITTED
    assert "Hanya Kepala Dinas, atau Sekretaris/Kabid" in response.content.decode()


def test_officer_returns_from_review(client, submitted, officer):
    client.force_login(officer)
    url = reverse("agreements:review", args=[submitted.pk])

    response = client.post(url, {"action": "return", "reason": ""})
    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == AgreementStatus.SUBMITTED

    response = client.post(url, {"action": "return", "reason": "Gaji di bawah standar."})
    submitted.refresh_from_db()
    assert response.status_code == 302 and submitted.status == AgreementStatus.RETURNED


def test_review_hidden_from_others(client, draft, company_staff, other_office_officer, officer):
    url = reverse("agreements:review", args=[draft.pk])
    client.force_login(officer)
    assert client.get(url).status_code == 404  # still a draft with the company
    services.agreement_submit(agreement=draft, actor=company_staff)
    assert client.get(url).status_code == 200
    client.force_login(other_office_officer)
    assert client.get(url).status_code == 404


# --- delegations -------------------------------------------------------------------------------------------


def test_head_records_and_revokes_delegation(client, office_head, secretary):
    client.force_login(office_head)
    url = reverse("agreements:delegations")

    assert secretary.full_name in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "delegate": secretary.pk,
            "decree_number": "800/77/2026",
            "decree_date": TODAY,
            "valid_from": TODAY,
            "valid_until": NEXT_YEAR,
        },
    )
    assert response.status_code == 302
    delegation = SignatureDelegation.objects.get()
    assert delegation.delegate == secretary

    client.post(reverse("agreements:delegation_revoke", args=[delegation.pk]))
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None


def test_delegation_pages_for_head_only(client, officer, secretary):
    for person in (officer, secretary):
        client.force_login(person)
        assert client.get(reverse("agreements:delegations")).status_code == 403


def test_other_office_head_cannot_revoke(client, secretary_delegation):
    client.force_login(factories.staff(position="office_head", regency_code="32.71"))

    assert client.post(reverse("agreements:delegation_revoke", args=[secretary_delegation.pk])).status_code == 404


# --- dashboards --------------------------------------------------------------------------------------------


def test_office_dashboard_counts_waiting(client, submitted, officer):
    client.force_login(officer)

    body = client.get(reverse("dashboards:dashboard_office")).content.decode()

    assert "1 PP menunggu verifikasi." in body and reverse("agreements:office_queue") in body


def test_agency_dashboard_links_list(client, application, company_staff):
    client.force_login(company_staff)

    body = client.get(reverse("dashboards:dashboard_agency")).content.decode()

    assert reverse("agreements:agency_list") in body and "1 CPMI diterima belum dibuatkan PP." in body


def test_job_seeker_dashboard_shows_status_and_download(client, signed):
    client.force_login(signed.candidate.user)

    body = client.get(reverse("dashboards:dashboard_job_seeker")).content.decode()

    assert "PP Telah Diverifikasi" in body and reverse("agreements:download", args=[signed.pk]) in body


def test_delegate_of_another_office_refused_beside_field(client, office_head):
    bogor_secretary = factories.staff(position="secretary", regency_code="32.71")
    client.force_login(office_head)

    response = client.post(
        reverse("agreements:delegations"),
        {
            "delegate": bogor_secretary.pk,
            "decree_number": "800/77/2026",
            "decree_date": TODAY,
            "valid_from": TODAY,
            "valid_until": NEXT_YEAR,
        },
    )

    assert response.status_code == 200 and not SignatureDelegation.objects.exists()
    assert "Penerima delegasi harus Sekretaris Dinas atau Kepala Bidang di dinas Anda." in response.content.decode()


def test_a_company_whose_licence_expired_sees_why_the_pp_cannot_be_sent(client, draft, company, company_staff):
    # Given a draft PP of a company whose SIP2MI expired yesterday
    PlacementAgency.objects.filter(pk=company.pk).update(
        sip2mi_valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(company_staff)

    # When the company opens the PP
    html = client.get(reverse("agreements:edit", args=[draft.pk])).content.decode()

    # Then the send button is disabled with the policy's reason beside it, and saving the draft is still offered
    assert 'disabled aria-describedby="why-submit"' in html
    assert 'id="why-submit">SIP2MI perusahaan sudah tidak berlaku' in html
    assert 'value="save"' in html and 'name="action" value="submit"' not in html
