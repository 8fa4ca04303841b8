"""Bad dates on the office-service forms: the company's letter date (printed into the signed recommendation) is
within the last year and never in the future; the officer's interview and selection dates within the last year.
Out of range: the message beside the field, the rest of the input kept, nothing stored."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.offices.catalogue import Service
from apps.officeservices.forms import InterviewForm, SelectionForm
from apps.officeservices.models import ServiceRequest

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def open_data(cpmi, recruiter, letter_date: str) -> dict:
    return {
        "service": Service.PASSPORT_RECOMMENDATION,
        "candidates": [cpmi.pk],
        "recruiting_officer": recruiter.pk,
        "letter_number": "07/PMS/XII/2026",
        "letter_date": letter_date,
        "immigration_office": "Kantor Imigrasi Kelas I Depok",
    }


@pytest.mark.parametrize(
    ("letter_date", "message"),
    [
        ("0001-01-01", "Tanggal surat paling lama satu tahun yang lalu"),
        ("1900-01-01", "Tanggal surat paling lama satu tahun yang lalu"),
        ("9999-12-31", "Tanggal surat tidak boleh di masa depan."),
        (str(TODAY() + datetime.timedelta(days=1)), "Tanggal surat tidak boleh di masa depan."),
        (str(TODAY() - datetime.timedelta(days=400)), "Tanggal surat paling lama satu tahun yang lalu"),
    ],
    ids=["year-1", "1900", "9999", "tomorrow", "400-days-ago"],  # the same every day, for xdist's collection
)
def test_a_letter_date_out_of_range_is_refused_beside_the_field_and_nothing_is_opened(
    client, company_staff, cpmi, recruiter, letter_date, message
):
    client.force_login(company_staff)

    response = client.post(reverse("officeservices:request_open"), open_data(cpmi, recruiter, letter_date))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["letter_date"])
    page = response.content.decode()
    assert 'value="07/PMS/XII/2026"' in page and 'value="Kantor Imigrasi Kelas I Depok"' in page
    assert not ServiceRequest.objects.exists()


def test_a_letter_date_within_the_last_year_opens_the_request(client, company_staff, cpmi, recruiter):
    client.force_login(company_staff)
    a_year_ago = TODAY().replace(year=TODAY().year - 1) if TODAY().strftime("%m-%d") != "02-29" else TODAY()

    response = client.post(reverse("officeservices:request_open"), open_data(cpmi, recruiter, a_year_ago.isoformat()))

    assert response.status_code == 302
    assert ServiceRequest.objects.get().letter_date == a_year_ago


@pytest.mark.parametrize("moment", ["1900-01-01T09:00", "0001-01-01T00:00", "9999-12-31T23:59"])
def test_an_interview_time_out_of_range_is_refused(moment):
    form = InterviewForm({"request_candidate": "1", "interviewed_at": moment, "outcome": "passed"})

    assert not form.is_valid()
    assert list(form.errors) == ["interviewed_at"]


@pytest.mark.parametrize("day", ["1900-01-01", "9999-12-31"])
def test_a_selection_date_out_of_range_is_refused(day):
    form = SelectionForm({"selection_date": day, "selection_place": "Kantor Disnaker"})

    assert not form.is_valid()
    assert list(form.errors) == ["selection_date"]
