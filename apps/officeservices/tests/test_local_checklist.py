"""The office head's (and division head's) local checklist items: added, listed, deactivated, never deleted."""

import pytest

from apps.audit.models import AuditEvent
from apps.core.errors import PermissionDenied, ServiceError
from apps.offices.models import OfficeChecklistItem
from apps.officeservices import services
from testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def depok(db):
    return factories.office()


@pytest.fixture
def other_office_head(db):
    return factories.staff(position="office_head", regency_code="32.71", full_name="Lukman Kadis Bogor")


ITEM = {"service": "passport_recommendation", "label": "Surat keterangan domisili", "party": "candidate"}


def test_the_office_head_adds_a_local_item(depok, office_head):
    item = services.office_checklist_item_add(office=depok, actor=office_head, **ITEM)
    assert (item.office, item.active, item.required, item.created_by) == (depok, True, True, office_head)
    event = AuditEvent.objects.get(action="office_checklist_item.add")
    assert event.actor == office_head and event.data["label"] == ITEM["label"]


def test_the_division_head_may_too(depok, division_head):
    item = services.office_checklist_item_add(office=depok, actor=division_head, required=False, **ITEM)
    assert item.required is False


@pytest.mark.parametrize("persona", ["officer", "other_office_head", "job_seeker", "central_admin"])
def test_nobody_else_adds_one(depok, persona, request):
    actor = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied, match="Kepala Dinas atau Kepala Bidang"):
        services.office_checklist_item_add(office=depok, actor=actor, **ITEM)
    assert not OfficeChecklistItem.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"label": "  "}, "label_empty"),
        ({"label": "x" * 201}, "label_long"),
        ({"service": "kitki"}, "service_unknown"),
        ({"party": "office"}, "party_unknown"),
        ({"label": "kartu keluarga"}, "label_duplicate"),  # already on the national list
    ],
)
def test_bad_items_are_refused(depok, office_head, overrides, code):
    with pytest.raises(ServiceError) as refused:
        services.office_checklist_item_add(office=depok, actor=office_head, **{**ITEM, **overrides})
    assert refused.value.code == code
    assert not OfficeChecklistItem.objects.exists()


def test_the_same_local_item_is_not_added_twice(depok, office_head):
    services.office_checklist_item_add(office=depok, actor=office_head, **ITEM)
    with pytest.raises(ServiceError, match="sudah ada"):
        services.office_checklist_item_add(
            office=depok, actor=office_head, **{**ITEM, "label": "surat KETERANGAN domisili"}
        )


def test_deactivating_keeps_the_item(depok, office_head, other_office_head, officer):
    item = services.office_checklist_item_add(office=depok, actor=office_head, **ITEM)
    for actor in (officer, other_office_head):
        with pytest.raises(PermissionDenied):
            services.office_checklist_item_deactivate(item=item, actor=actor)

    services.office_checklist_item_deactivate(item=item, actor=office_head)

    item.refresh_from_db()
    assert item.active is False
    assert AuditEvent.objects.filter(action="office_checklist_item.deactivate", object_id=str(item.pk)).count() == 1
    services.office_checklist_item_deactivate(item=item, actor=office_head)  # again: nothing more happens
    assert AuditEvent.objects.filter(action="office_checklist_item.deactivate").count() == 1
    # Retired, it may be added again as a new item.
    services.office_checklist_item_add(office=depok, actor=office_head, **ITEM)
    assert OfficeChecklistItem.objects.count() == 2


def test_the_page_lists_adds_and_deactivates(client, depok, office_head):
    client.force_login(office_head)
    response = client.post("/dinas/persyaratan-lokal/", {**ITEM, "required": "on"}, follow=True)
    assert "Persyaratan lokal “Surat keterangan domisili” ditambahkan." in response.content.decode()
    item = OfficeChecklistItem.objects.get()

    response = client.post(f"/dinas/persyaratan-lokal/{item.pk}/nonaktifkan/", follow=True)

    page = response.content.decode()
    assert "dinonaktifkan" in page and "nonaktif" in page and "Surat keterangan domisili" in page
    assert OfficeChecklistItem.objects.get().active is False


def test_the_page_shows_refusals_beside_the_field(client, depok, office_head):
    client.force_login(office_head)
    response = client.post("/dinas/persyaratan-lokal/", {**ITEM, "label": "Kartu Keluarga"})
    assert response.status_code == 200
    assert "Persyaratan ini sudah ada dalam daftar layanan tersebut." in response.content.decode()


def test_the_dashboard_links_the_page_for_the_heads_only(client, depok, office_head, officer):
    client.force_login(office_head)
    assert 'data-testid="local-checklist-link"' in client.get("/dasbor/dinas/").content.decode()
    client.force_login(officer)
    assert 'data-testid="local-checklist-link"' not in client.get("/dasbor/dinas/").content.decode()


def test_another_offices_item_is_404(client, depok, office_head, other_office_head):
    item = services.office_checklist_item_add(office=depok, actor=office_head, **ITEM)
    client.force_login(other_office_head)
    assert client.post(f"/dinas/persyaratan-lokal/{item.pk}/nonaktifkan/").status_code == 404
    item.refresh_from_db()
    assert item.active
