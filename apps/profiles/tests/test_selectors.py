import pytest
from django.contrib.auth.models import AnonymousUser

from apps.profiles import services
from apps.profiles.selectors import profile_progress
from apps.profiles.tests.helpers import image_bytes, upload

pytestmark = pytest.mark.django_db


def test_fresh_user_without_profile_is_at_zero(job_seeker, django_assert_num_queries):
    with django_assert_num_queries(1):
        progress = profile_progress(job_seeker)

    assert progress.percent == 0
    assert progress.is_complete is False
    assert progress.next_url == "/profil/langkah/foto/"
    assert [step.key for step in progress.steps] == [
        "photo",
        "personal",
        "experience",
        "training",
        "education",
        "certification",
        "skills",
    ]
    assert not any(step.done or step.skipped for step in progress.steps)
    assert [step.skippable for step in progress.steps] == [False, False, True, True, True, True, False]
    assert progress.steps[0].label == "Foto"
    assert progress.steps[6].url == "/profil/langkah/keahlian/"


def test_anonymous_user_is_at_zero():
    assert profile_progress(AnonymousUser()).percent == 0


def test_done_and_skipped_steps_both_count(job_seeker):
    services.profile_save_photo(user=job_seeker, uploaded=upload("a.png", image_bytes()))
    services.profile_step_complete(user=job_seeker, step="photo")
    services.profile_step_skip(user=job_seeker, step="experience")

    progress = profile_progress(job_seeker)

    assert progress.percent == 28  # 2 of 7
    assert progress.steps[0].done and not progress.steps[0].skipped
    assert progress.steps[2].skipped and not progress.steps[2].done
    assert progress.next_url == "/profil/langkah/data-diri/"
    assert not progress.is_complete


def test_deleting_the_last_skill_undoes_the_skills_step(job_seeker):
    skill = services.skill_add(user=job_seeker, name="Memasak")
    services.profile_step_complete(user=job_seeker, step="skills")
    assert profile_progress(job_seeker).steps[6].done

    services.skill_delete(user=job_seeker, item_id=skill.pk)

    progress = profile_progress(job_seeker)
    assert not progress.steps[6].done
    assert progress.percent == 0
