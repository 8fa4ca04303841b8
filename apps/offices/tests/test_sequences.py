"""Office sequences: the counters behind register-book and CPMI numbers."""

import pytest
from django.db import transaction

from apps.offices.models import OfficeSequence
from apps.offices.services import office_sequence_next
from testing import factories

pytestmark = pytest.mark.django_db


def test_a_new_sequence_starts_at_one_and_counts_up():
    depok = factories.office("32.76")

    numbers = [office_sequence_next(office=depok, name="cpmi", year=2026) for _ in range(3)]

    assert numbers == [1, 2, 3]
    assert OfficeSequence.objects.get(office=depok, name="cpmi", year=2026).last_value == 3


def test_each_office_counts_on_its_own():
    depok, bogor = factories.office("32.76"), factories.office("32.71")

    office_sequence_next(office=depok, name="cpmi", year=2026)
    office_sequence_next(office=depok, name="cpmi", year=2026)

    assert office_sequence_next(office=bogor, name="cpmi", year=2026) == 1
    assert office_sequence_next(office=depok, name="cpmi", year=2026) == 3


def test_a_new_year_starts_again_at_one():
    depok = factories.office("32.76")
    office_sequence_next(office=depok, name="cpmi", year=2026)
    office_sequence_next(office=depok, name="cpmi", year=2026)

    assert office_sequence_next(office=depok, name="cpmi", year=2027) == 1
    assert office_sequence_next(office=depok, name="cpmi", year=2026) == 3


def test_each_counter_name_is_separate():
    depok = factories.office("32.76")
    office_sequence_next(office=depok, name="cpmi", year=2026)

    assert office_sequence_next(office=depok, name="register", year=2026) == 1


def test_a_rolled_back_transaction_gives_its_number_back():
    depok = factories.office("32.76")
    office_sequence_next(office=depok, name="cpmi", year=2026)

    with pytest.raises(RuntimeError), transaction.atomic():
        assert office_sequence_next(office=depok, name="cpmi", year=2026) == 2
        raise RuntimeError("the record using the number failed")

    assert office_sequence_next(office=depok, name="cpmi", year=2026) == 2
