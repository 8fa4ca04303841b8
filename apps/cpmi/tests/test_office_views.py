"""The office queue, the review page and the file download."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.workdays import working_days_since
from apps.cpmi import services
from apps.cpmi.models import CpmiRegistration, RegistrationStatus, ReviewStatus
from apps.cpmi.tests.builders import PDF_BYTES, complete_profile, filled_registration, png_upload
from testing import factories

pytestmark = pytest.mark.django_db

QUEUE = reverse("cpmi:queue")


def submitted_registration(*, regency_code="32.76", name=None, submitted_at=None):
    user = factories.user(full_name=name) if name else factories.user()
    if regency_code != "32.76":
        user.address_village = factories.village(f"{regency_code}.01")
        user.save()
    complete_profile(user)
    registration = services.registration_submit(registration=filled_registration(user), actor=user)
    if submitted_at is not None:
        CpmiRegistration.objects.filter(pk=registration.pk).update(submitted_at=submitted_at)
        registration.refresh_from_db()
    return registration


def working_days_ago(days: int) -> datetime.datetime:
    from lokal.holidays import add_working_days

    start = add_working_days(timezone.localdate(), -days)
    return timezone.make_aware(datetime.datetime.combine(start, datetime.time(9, 0)))


@pytest.mark.parametrize("count", [3, 30])
def test_queue_query_count_does_not_grow_with_rows(client, officer, count, django_assert_max_num_queries):
    for _ in range(count):
        submitted_registration()
    client.force_login(officer)

    with django_assert_max_num_queries(8):
        response = client.get(QUEUE)

    assert len(response.context["rows"]) == min(count, 25)


def test_queue_is_paginated(client, officer):
    for _ in range(27):
        submitted_registration()
    client.force_login(officer)

    assert len(client.get(QUEUE).context["rows"]) == 25
    assert len(client.get(QUEUE, {"halaman": 2}).context["rows"]) == 2


def test_queue_shows_only_the_own_office_oldest_first_with_overdue_highlight(client, officer, other_office_officer):
    newer = submitted_registration(name="Baru Sekali", submitted_at=working_days_ago(1))
    older = submitted_registration(name="Lama Menunggu", submitted_at=working_days_ago(5))
    bogor = submitted_registration(name="Orang Bogor", regency_code="32.71")
    assert bogor.office.region_id == "32.71"
    client.force_login(officer)

    response = client.get(QUEUE)

    rows = response.context["rows"]
    assert [row.registration for row in rows] == [older, newer]
    assert rows[0].days_waited == 5 and rows[0].overdue
    assert rows[1].days_waited == 1 and not rows[1].overdue
    html = response.content.decode()
    assert "Orang Bogor" not in html
    assert html.index("Lama Menunggu") < html.index("Baru Sekali")
    assert html.count('class="table-danger"') == 1
    assert "Lewat standar" in html


def test_queue_filters(client, officer):
    ani = submitted_registration(name="Ani Filter", submitted_at=working_days_ago(10))
    submitted_registration(name="Budi Filter")
    client.force_login(officer)

    def names(**params):
        return [row.registration.applicant.full_name for row in client.get(QUEUE, params).context["rows"]]

    assert names(q="ani") == ["Ani Filter"]
    assert names(q=ani.applicant.nik) == ["Ani Filter"]
    assert names(submitted_from=timezone.localdate().isoformat()) == ["Budi Filter"]
    assert names(submitted_to=(timezone.localdate() - datetime.timedelta(days=1)).isoformat()) == ["Ani Filter"]
    assert names(status="verified") == []
    assert len(names(status="all")) == 2


def test_working_days_waited_does_not_count_the_day_of_arrival():
    friday = timezone.make_aware(datetime.datetime(2026, 3, 6, 15, 0))
    assert working_days_since(friday, datetime.date(2026, 3, 6)) == 0
    assert working_days_since(friday, datetime.date(2026, 3, 9)) == 1  # the weekend does not count


def test_review_page_shows_applicant_documents_and_history(client, submitted, officer):
    ktp = services.current_documents(submitted).get(kind="ktp")
    services.document_review(document=ktp, actor=officer, accepted=False, reason="Foto KTP buram")
    services.registration_reject(registration=submitted, actor=officer, note="Perbaiki KTP")
    services.registration_revise(registration=submitted, actor=submitted.applicant)
    services.document_upload(
        registration=submitted, actor=submitted.applicant, kind="ktp", uploaded=png_upload("ktp2.png")
    )
    services.registration_submit(registration=submitted, actor=submitted.applicant)
    ktp.refresh_from_db()
    client.force_login(officer)

    response = client.get(reverse("cpmi:review", args=[submitted.pk]))

    html = response.content.decode()
    applicant = submitted.applicant
    assert applicant.full_name in html and applicant.nik in html and applicant.address_street in html
    assert "Puskesmas Pancoran Mas" in html
    file_url = reverse("cpmi:document_file", args=[ktp.replaced_by_id])
    assert f'<img src="{file_url}?inline=1"' in html
    certificate = services.current_documents(submitted).get(kind="competency_certificate")
    assert f'<iframe src="{reverse("cpmi:document_file", args=[certificate.pk])}?inline=1"' in html
    history = html.split('data-testid="document-history"')[1]
    assert "ktp.png" in history and "Foto KTP buram" in history and "pengajuan ke-1" in history
    assert "Perbaiki KTP" in html  # the earlier decision


def test_reject_then_verify_through_the_review_page(client, submitted, officer):
    client.force_login(officer)
    documents = list(services.current_documents(submitted))
    url = reverse("cpmi:decide", args=[submitted.pk])

    # Rejecting a document needs a reason.
    response = client.post(
        reverse("cpmi:review_document", args=[submitted.pk, documents[0].pk]), {"decision": "reject"}, follow=True
    )
    assert "Tulis alasan penolakan" in response.content.decode()
    # Verifying while a document is still unchecked is refused with a message, not a 500.
    response = client.post(url, {"action": "verify"}, follow=True)
    assert "Semua dokumen harus diterima" in response.content.decode()

    for document in documents:
        client.post(reverse("cpmi:review_document", args=[submitted.pk, document.pk]), {"decision": "accept"})
    response = client.post(url, {"action": "verify"})

    assert response.status_code == 302 and response.url == QUEUE
    submitted.refresh_from_db()
    assert submitted.status == RegistrationStatus.VERIFIED
    assert submitted.candidate.registration_number.startswith("CPMI-3276-")


def test_review_document_with_htmx_returns_the_fragment(client, submitted, officer):
    document = services.current_documents(submitted).first()
    client.force_login(officer)

    response = client.post(
        reverse("cpmi:review_document", args=[submitted.pk, document.pk]),
        {"decision": "accept"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert f'id="dokumen-{document.pk}"' in response.content.decode()
    assert "<html" not in response.content.decode()
    document.refresh_from_db()
    assert document.review_status == ReviewStatus.ACCEPTED


def test_a_decision_already_taken_by_another_officer_is_a_message(client, submitted, officer, office_head):
    for document in services.current_documents(submitted):
        services.document_review(document=document, actor=officer, accepted=False, reason="Buram")
    client.force_login(office_head)
    page = client.get(reverse("cpmi:review", args=[submitted.pk]))
    assert "Verifikasi" in page.content.decode()
    services.registration_reject(registration=submitted, actor=officer)  # meanwhile

    response = client.post(reverse("cpmi:decide", args=[submitted.pk]), {"action": "reject"}, follow=True)

    assert response.status_code == 200
    assert "sudah diputuskan" in response.content.decode()
    assert submitted.decisions.count() == 1
    response = client.post(
        reverse("cpmi:review_document", args=[submitted.pk, services.current_documents(submitted).first().pk]),
        {"decision": "accept"},
        follow=True,
    )
    assert response.status_code == 200 and "sudah diputuskan" in response.content.decode()


def test_file_download_headers(client, submitted):
    client.force_login(submitted.applicant)
    certificate = services.current_documents(submitted).get(kind="competency_certificate")
    url = reverse("cpmi:document_file", args=[certificate.pk])

    attachment = client.get(url)
    inline = client.get(url, {"inline": "1"})

    assert b"".join(attachment.streaming_content) == PDF_BYTES
    assert attachment["Content-Type"] == "application/pdf"
    assert attachment["Content-Disposition"] == 'attachment; filename="sertifikat.pdf"'
    assert inline["Content-Disposition"] == 'inline; filename="sertifikat.pdf"'
    for response in (attachment, inline):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
        # An uploaded file can never run script on the site's origin, even if a browser renders it as a page.
        assert response["Content-Security-Policy"].startswith("default-src 'none'; sandbox;")
    assert inline["X-Frame-Options"] == "SAMEORIGIN"
    assert inline["Content-Security-Policy"].endswith("frame-ancestors 'self'")  # the review page's preview
    assert attachment["Content-Security-Policy"].endswith("frame-ancestors 'none'")


def test_unknown_document_is_404(client, officer):
    client.force_login(officer)
    assert client.get(reverse("cpmi:document_file", args=[999999])).status_code == 404
    assert client.get(reverse("cpmi:review", args=[999999])).status_code == 404


def test_status_page_per_status(client, submitted, officer):
    client.force_login(submitted.applicant)
    assert "Diajukan" in client.get(reverse("cpmi:status")).content.decode()

    ktp = services.current_documents(submitted).get(kind="ktp")
    for document in services.current_documents(submitted):
        services.document_review(document=document, actor=officer, accepted=document != ktp, reason="KTP terpotong")
    services.registration_reject(registration=submitted, actor=officer, note="Mohon diperbaiki")
    html = client.get(reverse("cpmi:status")).content.decode()
    assert "Ditolak" in html and "KTP terpotong" in html and "Mohon diperbaiki" in html
    assert "Revisi Pengajuan" in html and "Lihat detail" in html

    client.post(reverse("cpmi:revise"))
    services.document_upload(
        registration=submitted, actor=submitted.applicant, kind="ktp", uploaded=png_upload("k.png")
    )
    services.registration_submit(registration=submitted, actor=submitted.applicant)
    for document in services.current_documents(submitted):
        if document.review_status != ReviewStatus.ACCEPTED:
            services.document_review(document=document, actor=officer, accepted=True)
    candidate = services.registration_verify(registration=submitted, actor=officer)
    html = client.get(reverse("cpmi:status")).content.decode()
    assert "Terverifikasi" in html and candidate.registration_number in html
    assert "lowongan kerja luar negeri" in html


def test_dashboards(client, applicant, officer, django_assert_max_num_queries):
    client.force_login(applicant)
    html = client.get(reverse("dashboards:dashboard_job_seeker")).content.decode()
    assert "Daftar sebagai CPMI" in html

    registration = services.registration_submit(registration=filled_registration(applicant), actor=applicant)
    html = client.get(reverse("dashboards:dashboard_job_seeker")).content.decode()
    assert "Diajukan" in html and registration.office.name in html and reverse("cpmi:status") in html

    client.force_login(officer)
    with django_assert_max_num_queries(11):  # a card each (CPMI queue, officers, PPs, services, complaints), the bell
        html = client.get(reverse("dashboards:dashboard_office")).content.decode()
    assert "1 pengajuan menunggu" in html and QUEUE in html


def test_dashboard_hint_when_profile_is_incomplete(client, job_seeker):
    client.force_login(job_seeker)
    html = client.get(reverse("dashboards:dashboard_job_seeker")).content.decode()
    assert "Lengkapi profil Anda terlebih dahulu untuk mendaftar sebagai CPMI" in html
    assert "Daftar sebagai CPMI" not in html
