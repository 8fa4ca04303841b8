import datetime
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.jobfairs.models import FairStatus, JobFair, OrganiserProfile
from apps.jobfairs.tests.builders import png
from testing import factories

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


# --- public -----------------------------------------------------------------------------------------------------


def test_public_list_shows_published_fairs_with_status_now(client, organiser, profile):
    running = factories.running_fair(organiser=organiser, name="Job Fair Berlangsung")
    factories.job_fair(organiser=organiser, status="published", name="Job Fair Nanti")
    factories.job_fair(organiser=organiser, status="submitted", name="Job Fair Diajukan")
    page = client.get(reverse("jobfairs:list")).content.decode()
    assert "Job Fair Berlangsung" in page and "Job Fair Nanti" in page
    assert "Job Fair Diajukan" not in page
    assert "Sedang berlangsung" in page and "Akan datang" in page
    assert reverse("jobfairs:detail", args=[running.pk]) in page


def test_public_list_queries_are_bounded(client, organiser, profile, django_assert_max_num_queries):
    for _ in range(8):
        fair = factories.job_fair(organiser=organiser, status="published")
        fair.regions.set(["32", "32.76"])
    with django_assert_max_num_queries(4):  # the count, the page with organiser and profile, the regions
        response = client.get(reverse("jobfairs:list"))
    assert response.content.decode().count('data-testid="fair-card"') == 8


def test_public_page_shows_dates_in_the_fairs_zone(client, organiser, profile):
    starts = datetime.datetime(2027, 3, 1, 1, 0, tzinfo=datetime.UTC)  # 09:00 WITA
    fair = factories.job_fair(
        organiser=organiser,
        status="published",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=7),
        time_zone="Asia/Makassar",
        mode="venue",
        venue="Gedung Serbaguna Makassar",
    )
    fair.regions.set(["32.76"])
    page = client.get(reverse("jobfairs:detail", args=[fair.pk])).content.decode()
    assert "1 Mar 2027, 09:00" in page and "16:00 WITA" in page
    assert "Gedung Serbaguna Makassar" in page and "Kota Depok" in page
    assert "Manufaktur" in page and profile.institution in page
    assert "Akan datang" in page


def test_an_unpublished_fair_is_not_public(client, organiser, profile):
    fair = factories.job_fair(organiser=organiser, status="verified")
    assert client.get(reverse("jobfairs:detail", args=[fair.pk])).status_code == 404


def test_banner_of_an_unpublished_fair_only_for_its_organiser_and_the_admin(
    client, organiser, profile, other_organiser, central_admin, fair_fields
):
    from apps.jobfairs import services

    fair = services.fair_create(actor=organiser, banner=png("b.png"), **fair_fields)
    url = reverse("jobfairs:banner", args=[fair.pk])
    assert client.get(url).status_code == 404
    assert signed_in(client, other_organiser).get(url).status_code == 404
    response = signed_in(client, organiser).get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert signed_in(client, central_admin).get(url).status_code == 200


@pytest.mark.parametrize(
    ("moment", "label"),
    [
        (datetime.timedelta(seconds=-1), "Akan datang"),
        (datetime.timedelta(0), "Sedang berlangsung"),
        (datetime.timedelta(hours=5, seconds=-1), "Sedang berlangsung"),
        (datetime.timedelta(hours=5), "Selesai"),
    ],
)
def test_the_page_shows_the_status_at_this_moment(client, organiser, profile, moment, label):
    # Within the session's lifetime of the real clock: the frozen clock moves the session's age too.
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)
    fair = factories.job_fair(
        organiser=organiser, status="published", starts_at=start, ends_at=start + datetime.timedelta(hours=5)
    )
    signed_in(client, organiser)
    with mock.patch("django.utils.timezone.now", return_value=start + moment):
        page = client.get(reverse("jobfairs:fair_manage", args=[fair.pk])).content.decode()
    assert f'data-testid="fair-phase">{label}<' in page


def test_home_page_lists_published_fairs(client, organiser, profile, django_assert_max_num_queries):
    factories.running_fair(organiser=organiser, name="Job Fair Di Beranda")
    factories.job_fair(organiser=organiser, status="draft", name="Job Fair Draf")
    with django_assert_max_num_queries(3):
        page = client.get(reverse("core:home")).content.decode()
    assert 'data-testid="home-fairs"' in page
    assert "Job Fair Di Beranda" in page and "Job Fair Draf" not in page


# --- organiser ----------------------------------------------------------------------------------------------


def test_organiser_completes_the_profile_before_creating(client, organiser):
    signed_in(client, organiser)
    response = client.get(reverse("jobfairs:fair_create"))
    assert response.status_code == 302 and response.url == reverse("jobfairs:organiser_profile")
    response = client.post(
        reverse("jobfairs:organiser_profile"),
        {
            "institution": "Politeknik Negeri Jakarta",
            "kind": "education",
            "address": "Jl. Prof. G.A. Siwabessy, Depok",
            "address_province": "32",
            "address_regency": "32.76",
            "phone": "0217270036",
            "email": "karier@pnj.ac.id",
            "logo": png("logo.png"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = OrganiserProfile.objects.get(user=organiser)
    assert profile.is_complete and profile.region_id == "32.76" and profile.logo
    assert client.get(reverse("jobfairs:organiser_logo", args=[profile.pk])).status_code == 200
    assert client.get(reverse("jobfairs:fair_create")).status_code == 200


def test_profile_form_shows_regency_choices_after_province(client, organiser):
    signed_in(client, organiser)
    page = client.post(reverse("jobfairs:organiser_profile"), {"address_province": "32", "_regions": "1"})
    assert "Kota Depok" in page.content.decode()
    assert not OrganiserProfile.objects.filter(user=organiser).exists()


def test_create_a_fair_in_wita_and_see_it_back_in_wita(client, organiser, profile):
    signed_in(client, organiser)
    response = client.post(
        reverse("jobfairs:fair_create"),
        {
            "name": "Job Fair Makassar",
            "description": "Bursa kerja Sulawesi Selatan.",
            "time_zone": "Asia/Makassar",
            "starts_at": "2027-02-10T09:00",
            "ends_at": "2027-02-10T15:30",
            "mode": "venue",
            "venue": "Celebes Convention Center",
            "regions": ["73"],
            "sectors": ["hospitality", "care"],
            "max_companies": "25",
            "banner": png("banner.png", width=300, height=100),
        },
    )
    fair = JobFair.objects.get(name="Job Fair Makassar")
    assert response.status_code == 302 and response.url == reverse("jobfairs:fair_manage", args=[fair.pk])
    assert fair.starts_at == datetime.datetime(2027, 2, 10, 1, 0, tzinfo=datetime.UTC)
    assert fair.status == FairStatus.DRAFT and fair.banner and fair.sectors == ["hospitality", "care"]
    page = client.get(response.url).content.decode()
    assert "10 Feb 2027, 09:00" in page and "15:30 WITA" in page
    form = client.get(reverse("jobfairs:fair_edit", args=[fair.pk])).content.decode()
    assert 'value="2027-02-10T09:00"' in form


def test_the_form_refuses_an_end_before_the_start(client, organiser, profile):
    signed_in(client, organiser)
    response = client.post(
        reverse("jobfairs:fair_create"),
        {
            "name": "Salah",
            "description": "x",
            "time_zone": "Asia/Jakarta",
            "starts_at": "2027-02-10T09:00",
            "ends_at": "2027-02-10T08:00",
            "mode": "online",
            "max_companies": "5",
        },
    )
    assert response.status_code == 200
    assert "Waktu selesai harus setelah waktu mulai." in response.content.decode()
    assert not JobFair.objects.filter(name="Salah").exists()


def test_organiser_editing_another_organisers_fair_gets_404(client, organiser, profile, other_organiser):
    fair = factories.job_fair(organiser=organiser)
    signed_in(client, other_organiser)
    for name in ("fair_manage", "fair_edit"):
        assert client.get(reverse(f"jobfairs:{name}", args=[fair.pk])).status_code == 404
    assert client.post(reverse("jobfairs:fair_edit", args=[fair.pk]), {"name": "Dibajak"}).status_code == 404
    for name in ("fair_submit", "fair_publish"):
        assert client.post(reverse(f"jobfairs:{name}", args=[fair.pk])).status_code == 404
    fair.refresh_from_db()
    assert fair.status == FairStatus.DRAFT and fair.name != "Dibajak"


def test_organiser_submits_then_publishes_after_verification(client, organiser, profile, central_admin):
    fair = factories.job_fair(organiser=organiser)
    signed_in(client, organiser)
    page = client.get(reverse("jobfairs:fair_manage", args=[fair.pk])).content.decode()
    assert 'data-testid="fair-submit"' in page and 'data-testid="fair-publish"' not in page
    client.post(reverse("jobfairs:fair_submit", args=[fair.pk]))
    fair.refresh_from_db()
    assert fair.status == FairStatus.SUBMITTED
    response = client.post(reverse("jobfairs:fair_publish", args=[fair.pk]), follow=True)
    assert "Job fair hanya dapat diterbitkan setelah diverifikasi admin pusat." in response.content.decode()
    signed_in(client, central_admin).post(reverse("jobfairs:admin_fair", args=[fair.pk]), {"decision": "verify"})
    signed_in(client, organiser).post(reverse("jobfairs:fair_publish", args=[fair.pk]))
    fair.refresh_from_db()
    assert fair.status == FairStatus.PUBLISHED


def test_a_submitted_fair_is_not_editable_from_its_page(client, organiser, profile):
    fair = factories.job_fair(organiser=organiser, status="submitted")
    signed_in(client, organiser)
    response = client.get(reverse("jobfairs:fair_edit", args=[fair.pk]))
    assert response.status_code == 302 and response.url == reverse("jobfairs:fair_manage", args=[fair.pk])


def test_organiser_list_queries_are_bounded(client, organiser, profile, django_assert_max_num_queries):
    for status in ("draft", "submitted", "returned", "verified", "published", "published", "draft"):
        factories.job_fair(organiser=organiser, status=status)
    signed_in(client, organiser)
    with django_assert_max_num_queries(8):  # session, user, profile, count, page (+ the savepoints of a test)
        page = client.get(reverse("jobfairs:organiser_fairs")).content.decode()
    assert page.count('data-testid="fair-phase"') == 7


def test_organiser_dashboard_lists_fairs_and_next_steps(client, organiser):
    signed_in(client, organiser)
    page = client.get(reverse("dashboards:dashboard_organiser")).content.decode()
    assert 'data-testid="complete-profile"' in page
    factories.organiser_profile(organiser)
    factories.job_fair(organiser=organiser, status="verified", name="Siap Terbit")
    page = client.get(reverse("dashboards:dashboard_organiser")).content.decode()
    assert "Siap Terbit" in page and "Terverifikasi: terbitkan sekarang." in page
    assert 'data-testid="complete-profile"' not in page


# --- central admin --------------------------------------------------------------------------------------------


def test_admin_queue_and_dashboard(client, organiser, profile, central_admin, django_assert_max_num_queries):
    for n in range(5):
        factories.job_fair(organiser=organiser, status="submitted", name=f"Menunggu {n}")
    factories.job_fair(organiser=organiser, status="draft", name="Masih Draf")
    signed_in(client, central_admin)
    with django_assert_max_num_queries(6):
        page = client.get(reverse("jobfairs:admin_queue")).content.decode()
    assert "Menunggu 4" in page and "Masih Draf" not in page
    page = client.get(reverse("dashboards:dashboard_central_admin")).content.decode()
    assert "Job fair untuk diverifikasi" in page and "Menunggu 0" in page


def test_admin_returns_with_a_reason(client, organiser, profile, central_admin, submitted):
    signed_in(client, central_admin)
    url = reverse("jobfairs:admin_fair", args=[submitted.pk])
    response = client.post(url, {"decision": "return", "reason": ""})
    assert response.status_code == 200
    submitted.refresh_from_db()
    assert submitted.status == FairStatus.SUBMITTED
    client.post(url, {"decision": "return", "reason": "Tanggal bentrok dengan hari libur."})
    submitted.refresh_from_db()
    assert submitted.status == FairStatus.RETURNED
    page = signed_in(client, organiser).get(reverse("jobfairs:fair_manage", args=[submitted.pk])).content.decode()
    assert "Tanggal bentrok dengan hari libur." in page


def test_admin_does_not_see_a_draft(client, central_admin, draft):
    assert signed_in(client, central_admin).get(reverse("jobfairs:admin_fair", args=[draft.pk])).status_code == 404


def test_admin_fair_stats_table_chart_and_csv(client, organiser, profile, central_admin):
    from apps.jobfairs.models import FairFollower

    fair = factories.running_fair(organiser=organiser, name="=Fair Rumus")
    for seeker in (factories.user(), factories.user()):
        FairFollower.objects.create(fair=fair, user=seeker, checked_in_at=timezone.now())
    signed_in(client, central_admin)
    page = client.get(reverse("jobfairs:admin_fair", args=[fair.pk])).content.decode()
    assert 'data-testid="fair-stats"' in page and 'data-testid="fair-chart"' in page
    assert "<svg" in page and "style=" not in page
    assert 'data-testid="fair-verify"' not in page
    response = client.get(reverse("jobfairs:admin_fair_csv", args=[fair.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = response.content.decode("utf-8-sig").splitlines()
    assert rows[0] == "Job fair,Angka,Jumlah"
    assert "'=Fair Rumus,Pencari kerja check-in,2" in rows
