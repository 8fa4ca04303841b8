"""Who may open each CPMI page and file, per role. Refusals never leak data and never change anything."""

import pytest
from django.urls import reverse

from apps.audit.models import AuditEvent
from apps.cpmi import services
from apps.cpmi.models import CpmiDocument, RegistrationStatus, ReviewStatus
from apps.cpmi.tests.builders import PNG_BYTES

pytestmark = pytest.mark.django_db

PERSONAS = (
    "owner",
    "other_job_seeker",
    "officer",
    "other_office_officer",
    "office_head",
    "agency_staff",
    "organiser",
    "central_admin",
    "anonymous",
)


@pytest.fixture
def people(request, submitted, office_head):
    """Every persona, with the routed office's officer and head present (Kota Depok)."""
    names = ("other_job_seeker", "officer", "other_office_officer", "agency_staff", "organiser", "central_admin")
    found = {name: request.getfixturevalue(name) for name in names}
    return {"owner": submitted.applicant, "office_head": office_head, "anonymous": None, **found}


def as_(client, people, persona):
    if people[persona] is not None:
        client.force_login(people[persona])
    return client


def refused(response) -> bool:
    """403/404 for signed-in people; a redirect to the login page for anonymous ones."""
    if response.status_code == 302:
        return response.url.startswith(reverse("accounts:login"))
    return response.status_code in (403, 404)


STATUS_EXPECTED = {"owner": 200, "other_job_seeker": 200}  # every job seeker sees their own (or none)
QUEUE_EXPECTED = {"officer": 200, "other_office_officer": 200, "office_head": 200}
REVIEW_EXPECTED = {"officer": 200, "office_head": 200}
FILE_EXPECTED = {"owner": 200, "officer": 200, "office_head": 200}


@pytest.mark.parametrize("persona", PERSONAS)
def test_status_page(client, people, persona):
    response = as_(client, people, persona).get(reverse("cpmi:status"))

    if persona in STATUS_EXPECTED:
        assert response.status_code == 200
        shows_nik_of_owner = people["owner"].nik in response.content.decode()
        assert not shows_nik_of_owner
    else:
        assert refused(response)


@pytest.mark.parametrize("persona", PERSONAS)
def test_form_page(client, people, persona):
    response = as_(client, people, persona).get(reverse("cpmi:form"))

    if persona == "owner":
        assert response.status_code == 302 and response.url == reverse("cpmi:status")  # already sent
    elif persona == "other_job_seeker":
        assert response.status_code == 200  # their own (a profile hint: Budi's profile is empty)
        assert "Lengkapi profil" in response.content.decode()
    else:
        assert refused(response)


@pytest.mark.parametrize("persona", PERSONAS)
def test_queue_page(client, people, persona, submitted):
    response = as_(client, people, persona).get(reverse("cpmi:queue"))

    if persona in QUEUE_EXPECTED:
        assert response.status_code == 200
        listed = submitted.applicant.full_name in response.content.decode()
        assert listed == (persona != "other_office_officer")
    else:
        assert refused(response)


@pytest.mark.parametrize("persona", PERSONAS)
def test_review_page(client, people, persona, submitted):
    response = as_(client, people, persona).get(reverse("cpmi:review", args=[submitted.pk]))

    views = AuditEvent.objects.filter(action="cpmi.view", object_id=str(submitted.pk))
    if persona in REVIEW_EXPECTED:
        assert response.status_code == 200
        assert submitted.applicant.nik in response.content.decode()
        assert views.get().actor == people[persona]
    else:
        assert refused(response)
        assert not views.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_document_file(client, people, persona, submitted):
    document = services.current_documents(submitted).get(kind="ktp")

    response = as_(client, people, persona).get(reverse("cpmi:document_file", args=[document.pk]))

    if persona in FILE_EXPECTED:
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PNG_BYTES
    else:
        assert refused(response)
        assert not hasattr(response, "streaming_content")


@pytest.mark.parametrize("persona", PERSONAS)
def test_document_review_post(client, people, persona, submitted):
    document = services.current_documents(submitted).get(kind="ktp")
    url = reverse("cpmi:review_document", args=[submitted.pk, document.pk])

    response = as_(client, people, persona).post(url, {"decision": "reject", "reason": "Buram"})

    document.refresh_from_db()
    if persona in REVIEW_EXPECTED:
        assert response.status_code == 302
        assert document.review_status == ReviewStatus.REJECTED
    else:
        assert refused(response)
        assert document.review_status == ReviewStatus.PENDING


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("action", ["verify", "reject"])
def test_decision_post(client, people, persona, action, submitted, officer):
    documents = list(services.current_documents(submitted))
    for document in documents:
        services.document_review(document=document, actor=officer, accepted=action == "verify", reason="Buram")

    response = as_(client, people, persona).post(
        reverse("cpmi:decide", args=[submitted.pk]), {"action": action, "confirmed": "1"}
    )

    submitted.refresh_from_db()
    if persona in REVIEW_EXPECTED:
        assert response.status_code == 302
        assert submitted.status == (RegistrationStatus.VERIFIED if action == "verify" else RegistrationStatus.REJECTED)
    else:
        assert refused(response)
        assert submitted.status == RegistrationStatus.SUBMITTED
        assert not submitted.decisions.exists()


@pytest.mark.parametrize("persona", PERSONAS)
def test_revise_post(client, people, persona, submitted, officer):
    for document in services.current_documents(submitted):
        services.document_review(document=document, actor=officer, accepted=False, reason="Buram")
    services.registration_reject(registration=submitted, actor=officer)

    response = as_(client, people, persona).post(reverse("cpmi:revise"))

    submitted.refresh_from_db()
    if persona == "owner":
        assert response.status_code == 302 and response.url == reverse("cpmi:form")
        assert submitted.status == RegistrationStatus.REVISING
    else:
        assert response.status_code in (302, 403, 404)
        assert submitted.status == RegistrationStatus.REJECTED


@pytest.mark.parametrize("persona", ["owner", "officer", "other_office_officer", "other_job_seeker"])
def test_old_versions_are_downloadable_by_the_same_people(client, people, persona, submitted, officer):
    ktp = services.current_documents(submitted).get(kind="ktp")
    services.document_review(document=ktp, actor=officer, accepted=False, reason="Buram")
    services.registration_reject(registration=submitted, actor=officer)
    services.registration_revise(registration=submitted, actor=submitted.applicant)
    from apps.cpmi.tests.builders import png_upload

    services.document_upload(
        registration=submitted, actor=submitted.applicant, kind="ktp", uploaded=png_upload("baru.png")
    )
    old = CpmiDocument.objects.get(pk=ktp.pk)
    assert old.replaced_by is not None

    response = as_(client, people, persona).get(reverse("cpmi:document_file", args=[old.pk]))

    assert (response.status_code == 200) == (persona in ("owner", "officer"))
