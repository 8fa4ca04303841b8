"""The company's job fair pages and the organiser's decision, as the personas see them."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from apps.jobfairs.models import FairFaq, FairParticipation, FairVacancy, ParticipationStatus
from apps.jobfairs.participation import services as services
from apps.jobfairs.tests.builders import png_bytes
from apps.jobfairs.tests.participation_builders import accepted
from apps.profiles.models import Education, JobSeekerProfile, Skill
from apps.vacancies import services as vacancy_services
from apps.vacancies.models import ApplicationStatus
from apps.vacancies.tests.builders import vacancy_fields, verified_candidate
from testing import factories

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- the company's list and fair page --------------------------------------------------------------------------


def test_company_sees_fairs_it_can_join_and_those_it_joined_with_status(
    client, fair, owner, organiser, django_assert_max_num_queries
):
    other = factories.job_fair(organiser=organiser, status="published", name="Job Fair Bogor")
    services.participation_request(fair=other, actor=owner)
    for n in range(3):
        factories.job_fair(organiser=organiser, status="published", name=f"Job Fair Tambahan {n}")
    login(client, owner)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("jobfairs:company_fairs"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Job Fair Bogor" in body and "Menunggu persetujuan" in body
    assert fair.name in body and "Job Fair Tambahan 2" in body
    joinable = response.context["joinable"]
    assert other not in joinable and fair in joinable


def test_company_asks_to_join_from_the_fair_page(client, fair, owner):
    login(client, owner)
    page = client.get(reverse("jobfairs:company_fair", args=[fair.pk]))
    assert b'data-testid="participation-request"' in page.content
    response = client.post(reverse("jobfairs:participation_request", args=[fair.pk]), follow=True)
    assert "Permintaan terkirim" in " ".join(messages_of(response))
    assert FairParticipation.objects.get(fair=fair).status == ParticipationStatus.REQUESTED
    assert b"Menunggu persetujuan" in response.content
    again = client.post(reverse("jobfairs:participation_request", args=[fair.pk]), follow=True)
    assert "sudah mendaftar" in " ".join(messages_of(again))


def test_a_draft_fair_is_not_shown_to_companies(client, owner, organiser):
    draft = factories.job_fair(organiser=organiser, status="draft")
    login(client, owner)
    assert client.get(reverse("jobfairs:company_fair", args=[draft.pk])).status_code == 404


def test_a_rejected_company_reads_the_reason(client, fair, owner, organiser):
    asked = services.participation_request(fair=fair, actor=owner)
    services.participation_reject(participation=asked, actor=organiser, reason="Sektor tidak sesuai.")
    login(client, owner)
    response = client.get(reverse("jobfairs:company_fair", args=[fair.pk]))
    assert b"Sektor tidak sesuai." in response.content and b"Ditolak" in response.content
    assert b"fair-vacancy-add" not in response.content


# --- vacancies in the fair -------------------------------------------------------------------------------------


def test_accepted_company_publishes_an_existing_vacancy(client, fair, joined, owner, vacancy):
    login(client, owner)
    response = client.post(reverse("jobfairs:fair_vacancy_add", args=[fair.pk]), {"vacancy": vacancy.pk}, follow=True)
    assert "Lowongan dipublikasikan di job fair." in messages_of(response)
    assert FairVacancy.objects.filter(fair=fair, vacancy=vacancy).exists()
    assert b'data-testid="fair-vacancies"' in response.content


def test_accepted_company_creates_a_new_vacancy_in_the_fair(client, fair, joined, owner, spr):
    login(client, owner)
    assert client.get(reverse("jobfairs:fair_vacancy_create", args=[fair.pk])).status_code == 200
    data = vacancy_fields(spr)
    data["permit"] = spr.pk
    data["closing_date"] = data["closing_date"].isoformat()
    response = client.post(reverse("jobfairs:fair_vacancy_create", args=[fair.pk]), data, follow=True)
    assert "Lowongan ditayangkan dan dipublikasikan di job fair." in messages_of(response)
    assert FairVacancy.objects.get(fair=fair).vacancy.position == "Caregiver"


def test_a_company_not_accepted_is_sent_back_with_a_message(client, fair, owner, vacancy):
    services.participation_request(fair=fair, actor=owner)
    login(client, owner)
    response = client.get(reverse("jobfairs:fair_vacancy_create", args=[fair.pk]), follow=True)
    assert "Perusahaan Anda belum diterima penyelenggara di job fair ini." in messages_of(response)
    response = client.post(reverse("jobfairs:fair_vacancy_add", args=[fair.pk]), {"vacancy": vacancy.pk}, follow=True)
    assert "Perusahaan Anda belum diterima penyelenggara di job fair ini." in messages_of(response)
    assert not FairVacancy.objects.exists()


# --- applicants ------------------------------------------------------------------------------------------------


@pytest.fixture
def entry(fair, joined, owner, vacancy):
    return services.fair_vacancy_add(fair=fair, actor=owner, vacancy=vacancy)


def applicant(vacancy, officer, *, name, with_profile=True):
    person = factories.user(full_name=name, birth_date=datetime.date(1998, 5, 1))
    verified_candidate(person, officer)
    if with_profile:
        profile = JobSeekerProfile.objects.get_or_create(user=person)[0]
        profile.photo.save("profile-photos/a.png", ContentFile(png_bytes(40, 40)), save=True)
        Education.objects.create(profile=profile, level="SMK", institution="SMK Negeri 1 Depok", graduation_year=2016)
        Skill.objects.create(profile=profile, name="Merawat lansia")
    return vacancy_services.application_apply(actor=person, vacancy=vacancy)


def test_applicants_with_their_profile_in_bounded_queries(
    client, fair, entry, owner, vacancy, officer, django_assert_max_num_queries
):
    for n in range(3):
        applicant(vacancy, officer, name=f"Pelamar Nomor {n}", with_profile=n != 2)
    login(client, owner)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("jobfairs:fair_applicants", args=[fair.pk, entry.pk]))
    body = response.content.decode()
    assert body.count('data-testid="applicant"') == 3
    assert "SMK Negeri 1 Depok" in body and "Merawat lansia" in body
    age = timezone.localdate().year - 1998 - (timezone.localdate() < datetime.date(timezone.localdate().year, 5, 1))
    assert f"{age} tahun" in body


def test_company_schedules_an_interview_from_the_fair_and_sees_the_photo(client, fair, entry, owner, vacancy, officer):
    application = applicant(vacancy, officer, name="Rina Pelamar")
    login(client, owner)
    listed = client.get(reverse("jobfairs:fair_applicants", args=[fair.pk, entry.pk])).content.decode()
    url = reverse("vacancies:company_application", args=[application.pk]) + f"?job_fair={fair.pk}"
    assert f'href="{url}"' in listed  # the fair's applicants open the one application page, with the fair's panel
    page = client.get(url)
    assert b"Rina Pelamar" in page.content and b'data-testid="fair-application-panel"' in page.content
    assert fair.name in page.content.decode()
    photo = client.get(reverse("vacancies:company_applicant_photo", args=[application.pk]))
    assert photo.status_code == 200
    when = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        url, {"action": "interview", "interview_at": when, "interview_place": "Stan 12, Balai Kota"}, follow=True
    )
    assert "Jadwal wawancara disimpan dan dikirim ke pelamar." in messages_of(response)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INTERVIEW and application.interview_place == "Stan 12, Balai Kota"
    refused = client.post(url, {"action": "reject", "reason": ""})
    assert "Tulis alasan penolakan lamaran ini." in refused.content.decode()


def test_accepting_in_the_fair_asks_first_without_the_dialog_and_only_the_answer_accepts(
    client, fair, entry, owner, vacancy, officer
):
    application = applicant(vacancy, officer, name="Rina Pelamar", with_profile=False)
    vacancy_services.application_process(application=application, actor=owner)
    login(client, owner)
    url = reverse("vacancies:company_application", args=[application.pk]) + f"?job_fair={fair.pk}"

    asked = client.post(url, {"action": "accept"})  # a browser without the page's script: no dialog ran

    page = asked.content.decode()
    assert asked.status_code == 200 and 'data-testid="confirm-page"' in page
    assert "Rina Pelamar" in page and f"satu kuota SPR {vacancy.permit.number}" in page
    assert 'name="confirmed" value="1"' in page and f'href="{url.split("?")[0]}"' in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PROCESSING  # nothing happened yet

    refused = client.post(url, {"action": "accept", "confirmed": "1"}, follow=True)  # no approved recruiter yet

    office = application.candidate.office
    assert messages_of(refused) == [
        f"Perusahaan belum memiliki petugas rekrut yang disetujui {office.name} untuk wilayah ini."
    ]
    factories.approved_officer(agency=vacancy.agency, office=office)
    answered = client.post(url, {"action": "accept", "confirmed": "1"}, follow=True)

    assert "Pelamar diterima. Satu kuota SPR terpakai." in messages_of(answered)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED


def test_another_company_cannot_open_the_applicants(client, fair, entry, vacancy, officer, other_owner, organiser):
    application = applicant(vacancy, officer, name="Rina Pelamar", with_profile=False)
    accepted(fair, other_owner, organiser)
    login(client, other_owner)
    assert client.get(reverse("jobfairs:fair_applicants", args=[fair.pk, entry.pk])).status_code == 404
    assert client.get(reverse("vacancies:company_application", args=[application.pk])).status_code == 404
    post = client.post(reverse("vacancies:company_application", args=[application.pk]), {"action": "process"})
    assert post.status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SENT


# --- FAQ -------------------------------------------------------------------------------------------------------


def test_company_writes_edits_reorders_and_removes_its_faq(client, fair, joined, owner):
    login(client, owner)
    add = reverse("jobfairs:faq_add", args=[fair.pk])
    client.post(add, {"question": "Apakah ada biaya?", "answer": "Tidak ada biaya."})
    client.post(add, {"question": "Kapan pengumuman?", "answer": "Sepekan setelah job fair."})
    first, second = FairFaq.objects.filter(participation=joined)
    client.post(reverse("jobfairs:faq_move", args=[fair.pk, second.pk]), {"direction": "up"})
    page = client.get(reverse("jobfairs:company_fair", args=[fair.pk])).content.decode()
    assert page.index("Kapan pengumuman?") < page.index("Apakah ada biaya?")
    client.post(
        reverse("jobfairs:faq_edit", args=[fair.pk, first.pk]),
        {"question": "Apakah dipungut biaya?", "answer": "Tidak."},
    )
    client.post(reverse("jobfairs:faq_delete", args=[fair.pk, second.pk]))
    assert [f.question for f in FairFaq.objects.filter(participation=joined)] == ["Apakah dipungut biaya?"]


# --- the organiser's decision ----------------------------------------------------------------------------------


def test_organiser_sees_requests_on_the_fair_page_and_accepts_or_rejects(client, fair, owner, other_owner, organiser):
    mine = services.participation_request(fair=fair, actor=owner)
    theirs = services.participation_request(fair=fair, actor=other_owner)
    login(client, organiser)
    page = client.get(reverse("jobfairs:fair_manage", args=[fair.pk]))
    assert page.content.decode().count('data-testid="participation-request-row"') == 2
    decide = reverse("jobfairs:participation_decide", args=[fair.pk, mine.pk])
    response = client.post(decide, {"decision": "accept"}, follow=True)
    assert "Perusahaan diterima dan diberi tahu." in messages_of(response)
    assert b"1 dari 2 perusahaan diterima" in response.content
    refused = client.post(
        reverse("jobfairs:participation_decide", args=[fair.pk, theirs.pk]), {"decision": "reject"}, follow=True
    )
    assert "Tuliskan alasan penolakan perusahaan." in messages_of(refused)
    client.post(
        reverse("jobfairs:participation_decide", args=[fair.pk, theirs.pk]),
        {"decision": "reject", "reason": "Sektor tidak sesuai."},
    )
    theirs.refresh_from_db()
    assert theirs.status == ParticipationStatus.REJECTED


def test_another_organiser_gets_404_on_the_decision(client, fair, owner):
    asked = services.participation_request(fair=fair, actor=owner)
    stranger = factories.user(account_type="jobfair_organiser", full_name="Penyelenggara Lain")
    login(client, stranger)
    response = client.post(reverse("jobfairs:participation_decide", args=[fair.pk, asked.pk]), {"decision": "accept"})
    assert response.status_code == 404
    asked.refresh_from_db()
    assert asked.status == ParticipationStatus.REQUESTED


def test_the_company_withdraws_and_takes_a_vacancy_out_from_its_fair_page(client, fair, owner, organiser, vacancy):
    accepted(fair, owner, organiser)
    entry = services.fair_vacancy_add(fair=fair, actor=owner, vacancy=vacancy)
    login(client, owner)
    page = client.get(reverse("jobfairs:company_fair", args=[fair.pk])).content.decode()
    assert 'data-testid="participation-withdraw"' in page and 'data-testid="fair-vacancy-remove"' in page

    response = client.post(reverse("jobfairs:fair_vacancy_remove", args=[fair.pk, entry.pk]), follow=True)
    assert "Lowongan ditarik dari job fair." in " ".join(messages_of(response))
    assert not FairVacancy.objects.filter(fair=fair).exists()

    response = client.post(reverse("jobfairs:participation_withdraw", args=[fair.pk]), follow=True)
    assert "mengundurkan diri" in " ".join(messages_of(response))
    assert FairParticipation.objects.get(fair=fair).status == ParticipationStatus.WITHDRAWN
    assert 'data-testid="participation-withdraw"' not in response.content.decode()


def test_the_organiser_can_write_to_each_company_of_the_fair(client, fair, owner, organiser):
    accepted(fair, owner, organiser)
    page = login(client, organiser).get(reverse("jobfairs:fair_manage", args=[fair.pk])).content.decode()
    assert reverse("jobfairs:conversation_new", args=[fair.pk]) in page
    assert 'data-testid="start-conversation"' in page


def test_the_organiser_is_offered_no_conversation_with_a_company_that_left(client, fair, owner, organiser):
    participation = accepted(fair, owner, organiser)
    FairParticipation.objects.filter(pk=participation.pk).update(status=ParticipationStatus.WITHDRAWN)
    page = login(client, organiser).get(reverse("jobfairs:fair_manage", args=[fair.pk])).content.decode()
    assert participation.agency.name in page and 'data-testid="start-conversation"' not in page


def test_a_full_fair_shows_the_request_button_disabled_with_the_reason(client, fair, owner, other_owner, organiser):
    fair.max_companies = 1
    fair.save(update_fields=["max_companies"])
    accepted(fair, other_owner, organiser)
    page = login(client, owner).get(reverse("jobfairs:company_fair", args=[fair.pk])).content.decode()
    assert 'data-testid="participation-request"' not in page
    assert 'aria-describedby="why-request"' in page
    assert "Kuota perusahaan job fair ini sudah penuh (1 perusahaan)." in page


def test_a_full_fair_shows_the_organiser_accept_disabled_with_the_reason(client, fair, owner, other_owner, organiser):
    fair.max_companies = 1
    fair.save(update_fields=["max_companies"])
    services.participation_request(fair=fair, actor=owner)
    accepted(fair, other_owner, organiser)
    page = login(client, organiser).get(reverse("jobfairs:fair_manage", args=[fair.pk])).content.decode()
    assert 'data-testid="participation-accept"' not in page and 'data-testid="participation-reject"' in page
    assert "Kuota perusahaan job fair ini sudah penuh (1 perusahaan)." in page
