"""SPR countries as ISO 3166-1 alpha-2 codes. A name that matches no country is kept as it was and listed in the
migration's output and the log (logger "sipmi.migrations")."""

import logging

from django.db import migrations

logger = logging.getLogger("sipmi.migrations")


def countries_to_codes(apps, schema_editor):
    from apps.core.countries import country_code

    RecruitmentPermit = apps.get_model("permits", "RecruitmentPermit")
    for value in RecruitmentPermit.objects.order_by().values_list("country", flat=True).distinct():
        code = country_code(value)
        if code is None:
            numbers = list(RecruitmentPermit.objects.filter(country=value).values_list("number", flat=True)[:20])
            message = f"permits: country {value!r} matches no ISO country; kept as it is (SPR {numbers})"
            logger.warning(message)
            print(f"\n  {message}")
        elif code != value:
            RecruitmentPermit.objects.filter(country=value).update(country=code)


class Migration(migrations.Migration):
    dependencies = [
        ("permits", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(countries_to_codes, migrations.RunPython.noop),
    ]
