import datetime

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.profiles import services
from apps.profiles.models import Certification, JobSeekerProfile, Skill, WorkExperience
from apps.profiles.selectors import profile_progress
from apps.profiles.tests.helpers import EXE_BYTES, PDF_BYTES, image_bytes, upload
from testing import factories

pytestmark = pytest.mark.django_db


def step_url(key):
    return reverse("profiles:step", args=[key])


def region_post(village):
    return {
        "domicile_province": village.ancestor_code(1),
        "domicile_regency": village.ancestor_code(2),
        "domicile_district": village.ancestor_code(3),
        "domicile_village": village.code,
    }


def personal_post(village, **overrides):
    data = {
        "description": "Saya rajin dan jujur.",
        "marital_status": "single",
        **region_post(village),
        "domicile_street": "Jl. Melati No. 7",
        "looking_for_training": "on",
        "wanted_jobs": "Perawat lansia",
        "action": "continue",
    }
    data.update(overrides)
    return data


# --- who may open the pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["officer", "agency_staff", "central_admin"])
@pytest.mark.parametrize("url", [reverse("profiles:overview"), reverse("profiles:step", args=["photo"])])
def test_other_roles_are_refused(client, request, persona, url):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == 403


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(step_url("skills"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_unknown_step_is_404(client, job_seeker):
    client.force_login(job_seeker)
    assert client.get("/profil/langkah/hobi/").status_code == 404


@pytest.mark.parametrize("key", ["photo", "personal", "experience", "training", "education", "certification", "skills"])
def test_every_step_page_shows_all_seven_steps_as_links(client, job_seeker, key):
    client.force_login(job_seeker)

    response = client.get(step_url(key))

    assert response.status_code == 200
    html = response.content.decode()
    assert "step-nav" in html
    for other in ["photo", "personal", "experience", "training", "education", "certification", "skills"]:
        assert f'href="{step_url(other)}"' in html
    assert f'href="{step_url(key)}" class="current" aria-current="step"' in html


# --- the whole walk -----------------------------------------------------------------------------------


def test_full_walk_through_the_seven_steps(client, job_seeker):
    client.force_login(job_seeker)
    village = factories.village()

    response = client.post(
        step_url("photo"), {"action": "continue", "photo": upload("wajah.jpg", image_bytes("JPEG"), "image/jpeg")}
    )
    assert response.status_code == 302 and response.url == step_url("personal")

    response = client.post(step_url("personal"), personal_post(village))
    assert response.status_code == 302 and response.url == step_url("experience")

    response = client.post(
        step_url("experience"),
        {
            "action": "add",
            "company": "PT Sejahtera",
            "position": "Operator produksi",
            "start_date": "2019-02-01",
            "end_date": "2021-12-31",
            "description": "",
        },
    )
    assert response.status_code == 302 and response.url == step_url("experience")
    response = client.post(step_url("experience"), {"action": "continue"})
    assert response.status_code == 302 and response.url == step_url("training")

    response = client.post(step_url("training"), {"action": "skip"})
    assert response.status_code == 302 and response.url == step_url("education")

    # "Lanjutkan" with a filled-in form adds the item and completes the step in one go.
    response = client.post(
        step_url("education"),
        {
            "action": "continue",
            "level": "SMA",
            "institution": "SMA Negeri 2 Depok",
            "major": "IPA",
            "graduation_year": "2013",
        },
    )
    assert response.status_code == 302 and response.url == step_url("certification")

    response = client.post(
        step_url("certification"),
        {
            "action": "add",
            "name": "Perawat Lansia",
            "issuer": "LSP Kesehatan",
            "bnsp_number": "",
            "issued_on": "2023-03-01",
            "file": upload("sertifikat.pdf", PDF_BYTES, "application/pdf"),
        },
    )
    assert response.status_code == 302
    response = client.post(step_url("certification"), {"action": "continue"})
    assert response.url == step_url("skills")

    response = client.post(step_url("skills"), {"action": "add", "name": "Merawat lansia"})
    assert response.status_code == 302
    response = client.post(step_url("skills"), {"action": "continue"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("profiles:overview")
    page = response.content.decode()
    assert page.count("sudah lengkap") == 1, "the finished profile says it once"
    assert "Profil Anda sudah lengkap" in page
    progress = profile_progress(job_seeker)
    assert progress.is_complete
    assert progress.percent == 100
    assert progress.next_url is None

    html = client.get(reverse("profiles:overview")).content.decode()
    assert 'data-testid="profile-percent">100%<' in html
    assert "PT Sejahtera" in html
    assert "SMA Negeri 2 Depok" in html
    assert "Merawat lansia" in html
    assert village.name in html
    assert "Februari 2019" in html  # dates in Indonesian
    assert "Lengkapi Profil</a>" not in html


def test_overview_for_a_fresh_user_shows_zero_and_the_first_step(client, job_seeker):
    client.force_login(job_seeker)

    html = client.get(reverse("profiles:overview")).content.decode()

    assert 'data-testid="profile-percent">0%<' in html
    assert f'href="{step_url("photo")}">Lengkapi Profil</a>' in html


# --- steps one by one ---------------------------------------------------------------------------------


def test_photo_step_refuses_a_text_file_named_png(client, job_seeker):
    client.force_login(job_seeker)

    response = client.post(
        step_url("photo"), {"action": "continue", "photo": upload("foto.png", b"bukan gambar " * 30)}
    )

    assert response.status_code == 200
    assert "Isi berkas bukan tipe yang diizinkan" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not JobSeekerProfile.objects.filter(user=job_seeker).exclude(photo="").exists()


def test_photo_step_continue_without_a_photo_is_refused(client, job_seeker):
    client.force_login(job_seeker)

    response = client.post(step_url("photo"), {"action": "continue"})

    assert response.status_code == 200
    assert "Unggah foto profil terlebih dahulu." in response.content.decode()
    assert not profile_progress(job_seeker).steps[0].done


def test_bad_photo_keeps_the_earlier_photo(client, job_seeker):
    services.profile_save_photo(user=job_seeker, uploaded=upload("a.png", image_bytes()))
    before = JobSeekerProfile.objects.get(user=job_seeker).photo.name
    client.force_login(job_seeker)

    client.post(step_url("photo"), {"action": "save", "photo": upload("foto.png", b"bukan gambar " * 30)})

    assert JobSeekerProfile.objects.get(user=job_seeker).photo.name == before
    assert default_storage.exists(before)


def test_personal_step_prefills_from_the_ktp_data(client, db):
    user = factories.user(marital_status="married")
    client.force_login(user)

    html = client.get(step_url("personal")).content.decode()

    assert 'value="Jl. Margonda No. 1"' in html
    assert '<option value="married" selected>' in html
    assert f'<option value="{user.address_village.code}" selected>' in html


def test_personal_step_missing_village_keeps_typed_values(client, job_seeker):
    client.force_login(job_seeker)
    village = factories.village()
    data = personal_post(village, domicile_village="", wanted_jobs="Juru masak kapal")

    response = client.post(step_url("personal"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Pilih alamat domisili sampai kelurahan/desa." in html
    assert "Juru masak kapal" in html
    assert not JobSeekerProfile.objects.filter(user=job_seeker, personal_saved_at__isnull=False).exists()


def test_personal_step_region_refresh_shows_choices_without_errors(client, job_seeker):
    client.force_login(job_seeker)
    village = factories.village()
    data = {
        "domicile_province": village.ancestor_code(1),
        "domicile_regency": village.ancestor_code(2),
        "domicile_district": village.ancestor_code(3),
        "domicile_street": "Gang Mawar",
        "_regions": "1",
    }

    response = client.post(step_url("personal"), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{village.code}">{village.name}</option>' in html
    assert 'value="Gang Mawar"' in html
    assert "is-invalid" not in html
    assert not JobSeekerProfile.objects.filter(user=job_seeker).exists()


def test_experience_with_bad_dates_keeps_typed_values_and_list(client, job_seeker):
    services.experience_add(user=job_seeker, company="PT Lama", position="Staf", start_date=datetime.date(2015, 1, 1))
    client.force_login(job_seeker)

    response = client.post(
        step_url("experience"),
        {
            "action": "add",
            "company": "PT Baru",
            "position": "Mandor",
            "start_date": "2022-01-01",
            "end_date": "2021-01-01",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in html
    assert 'value="PT Baru"' in html
    assert "PT Lama" in html
    assert list(WorkExperience.objects.values_list("company", flat=True)) == ["PT Lama"]


def test_experience_continue_without_items_explains_skip(client, job_seeker):
    client.force_login(job_seeker)

    response = client.post(step_url("experience"), {"action": "continue"})

    assert response.status_code == 200
    assert "Belum ada data yang ditambahkan" in response.content.decode()


def test_delete_item_from_the_step_page(client, job_seeker):
    item = services.experience_add(
        user=job_seeker, company="PT Lama", position="Staf", start_date=datetime.date(2015, 1, 1)
    )
    client.force_login(job_seeker)

    response = client.post(step_url("experience"), {"action": "delete", "item_id": str(item.pk)}, follow=True)

    assert "Data dihapus." in response.content.decode()
    assert not WorkExperience.objects.exists()


def test_cannot_delete_another_persons_item_through_the_page(client, job_seeker, other_job_seeker):
    item = services.skill_add(user=other_job_seeker, name="Mengemudi")
    client.force_login(job_seeker)

    response = client.post(step_url("skills"), {"action": "delete", "item_id": str(item.pk)})

    assert response.status_code == 200
    assert "Data tidak ditemukan" in response.content.decode()
    assert Skill.objects.filter(pk=item.pk).exists()


def test_skills_cannot_be_skipped_or_finished_empty(client, job_seeker):
    client.force_login(job_seeker)

    skip = client.post(step_url("skills"), {"action": "skip"})
    finish = client.post(step_url("skills"), {"action": "continue"})

    assert "tidak bisa dilewati" in skip.content.decode()
    assert "Tambahkan minimal satu keahlian" in finish.content.decode()
    assert profile_progress(job_seeker).steps[6].skipped is False
    assert "Lewati</button>" not in finish.content.decode()


def test_certification_executable_renamed_pdf_shows_error(client, job_seeker):
    client.force_login(job_seeker)

    response = client.post(
        step_url("certification"),
        {
            "action": "add",
            "name": "Palsu",
            "issuer": "Entah",
            "issued_on": "2023-03-01",
            "file": upload("sertifikat.pdf", EXE_BYTES, "application/pdf"),
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Isi berkas bukan tipe yang diizinkan" in html
    assert 'value="Palsu"' in html
    assert not Certification.objects.exists()


def test_certificate_file_is_only_for_its_owner(client, job_seeker, other_job_seeker):
    item = services.certification_add(
        user=job_seeker,
        name="Las",
        issuer="BLK",
        issued_on=datetime.date(2022, 1, 1),
        uploaded=upload("las.pdf", PDF_BYTES),
    )
    url = reverse("profiles:certificate_file", args=[item.pk])

    client.force_login(other_job_seeker)
    assert client.get(url).status_code == 404

    client.force_login(job_seeker)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert 'filename="las.pdf"' in response["Content-Disposition"]


# --- the photo URL ------------------------------------------------------------------------------------


def test_photo_is_shown_to_its_owner_only(client, job_seeker, other_job_seeker):
    services.profile_save_photo(user=job_seeker, uploaded=upload("a.png", image_bytes()))
    url = reverse("profiles:photo", args=[job_seeker.pk])

    client.force_login(other_job_seeker)
    assert client.get(url).status_code == 404

    client.force_login(job_seeker)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox; frame-ancestors 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_photo_url_without_a_photo_is_404(client, job_seeker):
    client.force_login(job_seeker)
    assert client.get(reverse("profiles:photo", args=[job_seeker.pk])).status_code == 404


def test_photo_url_for_anonymous_redirects_to_login(client, job_seeker):
    response = client.get(reverse("profiles:photo", args=[job_seeker.pk]))
    assert response.status_code == 302


# --- performance --------------------------------------------------------------------------------------


def test_overview_queries_do_not_grow_with_experience_rows(client, job_seeker, django_assert_max_num_queries):
    services.experience_add(user=job_seeker, company="PT 0", position="Staf", start_date=datetime.date(2010, 1, 1))
    client.force_login(job_seeker)
    with CaptureQueriesContext(connection) as one_row:
        assert client.get(reverse("profiles:overview")).status_code == 200

    for n in range(1, 15):
        services.experience_add(
            user=job_seeker, company=f"PT {n}", position="Staf", start_date=datetime.date(2010 + n % 10, 1, 1)
        )
    services.skill_add(user=job_seeker, name="Memasak")

    with django_assert_max_num_queries(len(one_row)):
        response = client.get(reverse("profiles:overview"))
    assert response.content.decode().count("PT 1") >= 5  # PT 1, PT 10 … PT 14
