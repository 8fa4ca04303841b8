import pytest
from django.core.management import call_command

from apps.accounts.models import User
from apps.cpmi.models import MigrantCandidate
from apps.vacancies.models import Vacancy

pytestmark = pytest.mark.django_db


def test_the_demo_has_one_login_per_role_and_can_run_twice(capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    out = capsys.readouterr().out
    roles = {user.role for user in User.objects.all()}
    assert {
        "job_seeker",
        "officer",
        "division_head",
        "secretary",
        "office_head",
        "agency_staff",
        "jobfair_organiser",
        "central_admin",
    } <= roles
    assert "admin@sipmi.demo" in out and "sipmi-demo-2026" in out
    assert MigrantCandidate.objects.count() == 1
    assert Vacancy.objects.filter(status="published").count() == 1
