import datetime

import pytest

from apps.accounts.identity import nik_check_structure, phone_normalise
from apps.core.errors import ServiceError

pytestmark = pytest.mark.django_db

BIRTH = datetime.date(1995, 3, 14)


def test_a_mans_nik_carries_his_birth_day_unchanged():
    assert nik_check_structure("3276011403950001", birth_date=BIRTH, sex="L") == "3276011403950001"


def test_a_womans_nik_carries_her_birth_day_plus_40():
    assert nik_check_structure("3276015403950001", birth_date=BIRTH, sex="P") == "3276015403950001"


def test_spaces_in_the_nik_are_ignored():
    assert nik_check_structure("3276 0114 0395 0001", birth_date=BIRTH, sex="L") == "3276011403950001"


@pytest.mark.parametrize("nik", ["327601140395000", "32760114039500011", "32760114O3950001", ""])
def test_it_requires_sixteen_digits(nik):
    with pytest.raises(ServiceError) as refused:
        nik_check_structure(nik, birth_date=None, sex=None)
    assert refused.value.code == "nik_format"
    assert refused.value.field == "nik"


@pytest.mark.parametrize(
    "nik",
    [
        "3276013102950001",  # 31 February
        "3276010013950001",  # month 13, day 0
        "3276017202950001",  # woman, 32 February
        "3276013213950001",  # day 32
    ],
)
def test_it_refuses_a_birth_date_that_does_not_exist(nik):
    with pytest.raises(ServiceError) as refused:
        nik_check_structure(nik, birth_date=None, sex=None)
    assert refused.value.code == "nik_birth_date"


@pytest.mark.parametrize("nik", ["9901011403950001", "3299011403950001"])
def test_it_refuses_an_unknown_province_or_regency(nik):
    with pytest.raises(ServiceError) as refused:
        nik_check_structure(nik, birth_date=None, sex=None)
    assert refused.value.code == "nik_region"
    assert nik[:6] in str(refused.value.message)


def test_it_accepts_regency_codes_of_the_newest_provinces():
    # 92.xx-96.xx are the Papua provinces formed in 2022; python-stdnum still rejects them.
    assert nik_check_structure("9202011403950001", birth_date=BIRTH, sex="L")


def test_it_refuses_a_nik_of_the_other_sex():
    with pytest.raises(ServiceError) as refused:
        nik_check_structure("3276011403950001", birth_date=BIRTH, sex="P")
    assert refused.value.code == "nik_sex"


def test_it_refuses_a_nik_whose_date_differs_from_the_birth_date_entered():
    with pytest.raises(ServiceError) as refused:
        nik_check_structure("3276011403950001", birth_date=datetime.date(1995, 3, 15), sex="L")
    assert refused.value.code == "nik_birth_date_mismatch"


def test_serial_0000_is_not_a_nik_and_0001_and_9999_are():
    with pytest.raises(ServiceError) as refused:
        nik_check_structure("3276011403950000", birth_date=None, sex=None)
    assert refused.value.code == "nik_serial"
    assert nik_check_structure("3276011403950001", birth_date=None, sex=None)
    assert nik_check_structure("3276011403959999", birth_date=None, sex=None)


def test_a_birth_date_in_the_future_is_refused():
    today = datetime.date(2026, 6, 1)
    with pytest.raises(ServiceError) as refused:
        nik_check_structure("3276010207260001", birth_date=None, sex=None, today=today)  # 2 July 2026
    assert refused.value.code == "nik_birth_future"
    assert nik_check_structure("3276010106260001", birth_date=None, sex=None, today=today)  # born today


def test_the_minimum_age_is_checked_to_the_day():
    today = datetime.date(2026, 6, 1)
    assert nik_check_structure("3276010106080001", birth_date=None, sex=None, min_age=18, today=today)
    with pytest.raises(ServiceError) as refused:
        nik_check_structure("3276010206080001", birth_date=None, sex=None, min_age=18, today=today)
    assert refused.value.code == "too_young"


@pytest.mark.parametrize(
    "nik",
    [
        "9101011403950001",  # Merauke, Papua until 2022 (now 93.01, Papua Selatan)
        "9201011403950001",  # Sorong, Papua Barat until 2022 (now 96.01, Papua Barat Daya)
        "6473011403950001",  # Kota Tarakan, Kalimantan Timur until 2012 (now 65.71, Kalimantan Utara)
        "9125011403950001",  # Puncak, Papua until 2022 (now 94.05)
    ],
)
def test_a_nik_issued_before_its_regency_split_stays_valid(nik):
    assert nik_check_structure(nik, birth_date=None, sex=None) == nik


def test_a_regency_code_that_never_existed_is_still_refused():
    with pytest.raises(ServiceError) as refused:
        nik_check_structure("9199011403950001", birth_date=None, sex=None)
    assert refused.value.code == "nik_region"


@pytest.mark.parametrize("typed", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890", "(0812) 3456 7890"])
def test_phone_numbers_are_stored_in_plus_62_form(typed):
    assert phone_normalise(typed) == "+6281234567890"


@pytest.mark.parametrize("typed", ["12345", "021-5556667", "abc", ""])
def test_landlines_and_garbage_are_not_mobile_numbers(typed):
    with pytest.raises(ServiceError) as refused:
        phone_normalise(typed)
    assert refused.value.field == "phone"
