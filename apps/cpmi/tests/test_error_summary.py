"""The CPMI form's error summary: at the top, a list, each error linking to its field (the GOV.UK pattern)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.cpmi.models import DocumentKind
from apps.cpmi.tests.builders import filled_registration, form_data, png_upload

pytestmark = pytest.mark.django_db

FORM = reverse("cpmi:form")


def summary_of(html: str) -> str:
    match = re.search(r'<div class="alert alert-danger error-summary"(.*?)</div>', html, re.S)
    assert match, "no error summary"
    return match.group(0)


def test_sending_an_empty_form_lists_every_error_at_the_top_each_linking_to_its_field(client, applicant):
    client.force_login(applicant)

    response = client.post(FORM, {"action": "submit"})

    html = response.content.decode()
    summary = summary_of(html)
    # at the top of the form, before its first section, focusable and announced
    assert html.index("error-summary") < html.index('id="bagian-')
    assert 'tabindex="-1"' in summary and 'role="alert"' in summary
    items = re.findall(r'<li data-testid="error-summary-item">(.*?)</li>', summary, re.S)
    assert len(items) >= 9, items
    # the refusal of the whole form first, one short sentence without a link; then one linked item per field
    assert "<a " not in items[0] and items[0].startswith("Pengajuan belum dapat dikirim.")
    assert "Dokumen belum diunggah" not in summary  # not nine sentences run together
    form = response.context["form"]
    assert len(items) == sum(len(errors) for errors in form.errors.values())
    for name in form.errors:
        if name != "__all__":
            assert f'href="#{form[name].id_for_label}"' in summary, name
            assert f'id="{form[name].id_for_label}"' in html


def test_a_refused_upload_is_listed_at_the_top_and_the_rest_of_the_input_is_kept(client, applicant):
    client.force_login(applicant)

    response = client.post(
        FORM, form_data(health_clinic="Klinik Sehat", file_ktp=SimpleUploadedFile("ktp.png", b"bukan gambar"))
    )

    html = response.content.decode()
    summary = summary_of(html)
    assert 'href="#id_file_ktp"' in summary and "bukan tipe yang diizinkan" in summary
    assert html.index("error-summary") < html.index('id="bagian-')
    assert 'value="Klinik Sehat"' in html


def test_a_refused_replacement_of_a_rejected_document_is_listed_in_the_summary(client, applicant, officer):
    from apps.cpmi import services
    from apps.cpmi.tests.builders import review_all

    registration = services.registration_submit(registration=filled_registration(applicant), actor=applicant)
    review_all(registration, officer, reject={DocumentKind.COMPETENCY_CERTIFICATE: "Buram"})
    services.registration_reject(registration=registration, actor=officer)
    services.registration_revise(registration=registration, actor=applicant)
    client.force_login(applicant)
    certificate = services.current_documents(registration).get(kind=DocumentKind.COMPETENCY_CERTIFICATE)

    response = client.post(
        FORM, {**form_data(), f"replace_{certificate.pk}": SimpleUploadedFile("s.png", b"bukan gambar")}
    )

    summary = summary_of(response.content.decode())
    assert f'href="#replace_{certificate.pk}"' in summary


def test_a_form_without_errors_has_no_summary(client, applicant):
    client.force_login(applicant)

    assert "error-summary" not in client.get(FORM).content.decode()
    assert "error-summary" not in client.post(FORM, form_data(file_ktp=png_upload())).content.decode()
