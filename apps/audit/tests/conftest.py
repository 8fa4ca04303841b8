import pytest


@pytest.fixture(autouse=True)
def checkpoint_storage(settings, tmp_path):
    """Signed checkpoints go to a folder of this test's own, never to var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "audit_checkpoints": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "audit-checkpoints")},
        },
    }
    return tmp_path / "audit-checkpoints"
