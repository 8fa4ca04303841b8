import pytest

from apps.cpmi.tests.builders import complete_profile, filled_registration


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
