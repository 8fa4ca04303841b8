import pytest

from apps.cpmi.tests.builders import complete_profile, filled_registration


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a temporary folder, never to var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    return tmp_path / "media"


@pytest.fixture
def applicant(job_seeker):
    """Ani with a complete profile: she may register as CPMI."""
    complete_profile(job_seeker)
    return job_seeker


@pytest.fixture
def draft(applicant):
    """Ani's draft with every required text field and document: ready to send."""
    return filled_registration(applicant)


@pytest.fixture
def submitted(draft, officer):
    """Ani's registration sent to Kota Depok (which has an officer)."""
    from apps.cpmi import services

    return services.registration_submit(registration=draft, actor=draft.applicant)
