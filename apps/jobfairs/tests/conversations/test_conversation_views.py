"""The conversation pages as each persona meets them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from apps.jobfairs.conversations import selectors as conversation_selectors
from apps.jobfairs.conversations import services as conversations
from apps.jobfairs.models import Conversation, FairFollower, FairParticipation, Message
from testing import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def fair(organiser):
    factories.organiser_profile(organiser, institution="Disnaker Kota Depok")
    return factories.running_fair(organiser=organiser, name="Job Fair Depok Berlangsung")


@pytest.fixture
def accepted(fair, company, owner):
    return FairParticipation.objects.create(fair=fair, agency=company, status="accepted", requested_by=owner)


@pytest.fixture
def follower(fair, job_seeker):
    return FairFollower.objects.create(fair=fair, user=job_seeker, checked_in_at=timezone.now())


@pytest.fixture
def talk(fair, organiser, accepted):
    conversation, _ = conversations.conversation_start(
        actor=organiser, fair=fair, with_side="company", agency=accepted.agency
    )
    conversations.message_send(actor=organiser, conversation=conversation, body="Mohon konfirmasi jumlah meja.")
    return conversation


def _detail(conversation):
    return reverse("jobfairs:conversation_detail", args=[conversation.pk])


def test_company_reads_the_organisers_message_and_answers(client, talk, owner):
    # Given the organiser wrote to the company
    client.force_login(owner)
    listing = client.get(reverse("jobfairs:conversation_list"))
    assert "Disnaker Kota Depok" in listing.text
    assert "1 baru" in listing.text

    # When the owner opens the conversation, it is read
    page = client.get(_detail(talk))
    assert "Mohon konfirmasi jumlah meja." in page.text
    assert conversation_selectors.unread_total(owner) == 0
    assert 'hx-trigger="every 5s"' in page.text

    # And the answer is sent and shown
    response = client.post(_detail(talk), {"body": "Kami perlu dua meja."}, follow=True)
    assert "Kami perlu dua meja." in response.text
    assert Message.objects.filter(conversation=talk, sender=owner).count() == 1


def test_an_empty_message_is_refused_with_a_message(client, talk, owner):
    client.force_login(owner)
    response = client.post(_detail(talk), {"body": "  "})
    assert response.status_code == 200
    assert "Pesan kosong. Tulis pesan atau lampirkan berkas." in response.text
    assert Message.objects.filter(sender=owner).count() == 0


def test_a_bad_attachment_is_refused_beside_the_field(client, talk, owner):
    client.force_login(owner)
    fake = SimpleUploadedFile("daftar.pdf", b"<html>bukan pdf</html>", content_type="application/pdf")
    response = client.post(_detail(talk), {"body": "Terlampir", "attachment": fake})
    assert "Isi berkas bukan tipe yang diizinkan" in response.text
    assert 'id="attachment-error"' in response.text
    assert Message.objects.filter(sender=owner).count() == 0


def test_strangers_get_404_and_cannot_post(client, talk, other_company, job_seeker):
    before = Message.objects.count()
    strangers = [
        factories.agency_member(agency=other_company, role="owner"),
        job_seeker,
        factories.user(account_type="jobfair_organiser"),
    ]
    for stranger in strangers:
        client.force_login(stranger)
        assert client.get(_detail(talk)).status_code == 404
        assert client.post(_detail(talk), {"body": "Halo"}).status_code == 404
        poll = reverse("jobfairs:conversation_messages", args=[talk.pk])
        assert client.get(poll).status_code == 404
    assert Message.objects.count() == before


def test_officers_are_forbidden(client, talk, officer):
    client.force_login(officer)
    assert client.get(reverse("jobfairs:conversation_list")).status_code == 403
    assert client.get(_detail(talk)).status_code == 403


def test_the_poll_returns_only_new_messages_and_204_when_there_are_none(client, talk, organiser, owner):
    client.force_login(owner)
    last = talk.messages.order_by("pk").last()
    poll = reverse("jobfairs:conversation_messages", args=[talk.pk])
    assert client.get(poll, {"after": last.pk}).status_code == 204

    conversations.message_send(actor=organiser, conversation=talk, body="Pesan kedua.")
    response = client.get(poll, {"after": last.pk})
    assert response.status_code == 200
    assert "Pesan kedua." in response.text
    assert "Mohon konfirmasi" not in response.text
    newest = talk.messages.order_by("pk").last()
    assert f"after={newest.pk}" in response.text  # the next poll starts after it
    assert conversation_selectors.unread_total(owner) == 0  # seen in the page: read


def test_attachment_downloads_for_participants_only(client, talk, organiser, owner, other_company):
    upload = SimpleUploadedFile("denah.pdf", PDF, content_type="application/pdf")
    message = conversations.message_send(actor=organiser, conversation=talk, body="Denah", attachment=upload)
    url = reverse("jobfairs:conversation_attachment", args=[talk.pk, message.pk])

    client.force_login(owner)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "denah.pdf" in response["Content-Disposition"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF

    client.force_login(factories.agency_member(agency=other_company, role="owner"))
    assert client.get(url).status_code == 404


def test_job_seeker_starts_a_conversation_with_a_company_while_the_fair_runs(client, fair, accepted, follower):
    client.force_login(follower.user)
    page = client.get(reverse("jobfairs:conversation_new", args=[fair.pk]))
    assert accepted.agency.name in page.text
    response = client.post(
        reverse("jobfairs:conversation_new", args=[fair.pk]), {"with": "company", "agency": accepted.agency.pk}
    )
    conversation = Conversation.objects.get(seeker=follower.user, agency=accepted.agency)
    assert response.url == _detail(conversation)


def test_job_seeker_before_the_fair_starts_sees_why_and_is_refused(client, fair, accepted, follower):
    fair.starts_at = timezone.now() + datetime.timedelta(hours=2)
    fair.ends_at = fair.starts_at + datetime.timedelta(hours=8)
    fair.save()
    client.force_login(follower.user)
    url = reverse("jobfairs:conversation_new", args=[fair.pk])
    page = client.get(url)
    assert "hanya dapat dilakukan saat job fair sedang berlangsung" in page.text
    assert accepted.agency.name not in page.text
    response = client.post(url, {"with": "company", "agency": accepted.agency.pk}, follow=True)
    assert "baru dapat bercakap saat job fair sedang berlangsung" in response.text
    assert not Conversation.objects.filter(kind="company_seeker").exists()


def test_a_finished_fair_closes_the_send_form(client, fair, accepted, follower):
    conversation, _ = conversations.conversation_start(
        actor=follower.user, fair=fair, with_side="company", agency=accepted.agency
    )
    fair.starts_at = timezone.now() - datetime.timedelta(hours=10)
    fair.ends_at = timezone.now() - datetime.timedelta(hours=1)
    fair.save()
    client.force_login(follower.user)
    page = client.get(_detail(conversation))
    assert 'data-testid="chat-form"' not in page.text
    assert "Job fair sudah selesai" in page.text
    response = client.post(_detail(conversation), {"body": "Masih bisa?"})
    assert "Job fair sudah selesai" in response.text
    assert not Message.objects.filter(conversation=conversation).exists()


def test_someone_outside_the_fair_gets_404_on_its_start_page(client, fair, other_job_seeker, other_company):
    for person in (other_job_seeker, factories.agency_member(agency=other_company, role="owner")):
        client.force_login(person)
        assert client.get(reverse("jobfairs:conversation_new", args=[fair.pk])).status_code == 404


def test_the_list_answers_in_a_bounded_number_of_queries(client, fair, organiser, owner, django_assert_max_num_queries):
    # Given the organiser talks with many companies and job seekers
    for n in range(12):
        agency = factories.agency(name=f"PT Peserta {n}")
        FairParticipation.objects.create(fair=fair, agency=agency, status="accepted", requested_by=owner)
        conversation, _ = conversations.conversation_start(
            actor=organiser, fair=fair, with_side="company", agency=agency
        )
        conversations.message_send(actor=organiser, conversation=conversation, body=f"Pesan {n}")
        seeker = factories.user()
        FairFollower.objects.create(fair=fair, user=seeker)
        conversation, _ = conversations.conversation_start(
            actor=organiser, fair=fair, with_side="seeker", seeker=seeker
        )
        conversations.message_send(actor=seeker, conversation=conversation, body=f"Pertanyaan {n}")
    client.force_login(organiser)
    client.get(reverse("jobfairs:conversation_list"))  # warm the session and caches
    with django_assert_max_num_queries(12):
        response = client.get(reverse("jobfairs:conversation_list"))
    assert response.status_code == 200
    # Unread conversations (the job seekers wrote last) come first
    text = response.text
    assert text.index("Pertanyaan 11") < text.index("Pesan 11")


def test_nav_partial_shows_the_unread_count(talk, owner, officer):
    template = Template('{% include "_partials/conversations_nav.html" %}')
    request = RequestFactory().get("/")
    request.user = owner
    html = template.render(Context({"request": request, "user": owner}))
    assert 'data-testid="nav-conversations-unread">1<' in html
    request.user = officer
    assert "Percakapan" not in template.render(Context({"request": request, "user": officer}))


def test_start_page_opens_an_existing_conversation_instead_of_a_new_one(client, fair, talk, organiser, owner):
    waiting = FairParticipation.objects.create(
        fair=fair, agency=factories.agency(name="PT Menunggu"), status="requested", requested_by=owner
    )
    client.force_login(organiser)
    page = client.get(reverse("jobfairs:conversation_new", args=[fair.pk]))
    assert f'href="{_detail(talk)}"' in page.text  # the company already talked with: open it
    assert f'name="agency" value="{waiting.agency.pk}"' in page.text  # the waiting one: a new conversation
    assert "menunggu persetujuan" in page.text
