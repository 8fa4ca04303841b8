"""One labour office per province and regency/city, named after the region."""

from django.db import migrations


def forwards(apps, schema_editor):
    from apps.offices.loader import create_offices

    create_offices(apps.get_model("offices", "LabourOffice"), apps.get_model("regions", "Region"))


class Migration(migrations.Migration):
    dependencies = [("offices", "0001_initial"), ("regions", "0002_load_regions")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
