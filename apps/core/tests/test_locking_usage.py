"""Every row lock goes through `apps.core.locking`, so each one locks only the row it names."""

from pathlib import Path

from django.conf import settings


def test_no_select_for_update_outside_the_locking_helper():
    apps_dir = Path(settings.BASE_DIR) / "apps"
    helper = apps_dir / "core" / "locking.py"

    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in apps_dir.rglob("*.py")
        if path != helper and "/tests/" not in str(path) and ".select_for_update(" in path.read_text()
    ]

    assert offenders == []
