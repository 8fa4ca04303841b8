"""Countries as ISO 3166-1 alpha-2 codes, the public list's partial indexes, and (PostgreSQL) a stored search
document with a GIN index.

Existing country names (any case, Indonesian or English: "taiwan", "Arab Saudi", "Korea Selatan") become codes.
A name that matches no country is kept as it was and listed in the migration's output and the log (logger
"sipmi.migrations"): the company must pick a country from the list the next time it edits the vacancy."""

import logging

from django.db import migrations, models

logger = logging.getLogger("sipmi.migrations")

# Simple dictionary (no stemming, any language): positions, employers, cities, sector labels and the country code;
# partial words are matched by prefix queries ("pera:*"). Weights: position A, the rest B, description D.
SECTOR_WORDS = {
    "care": "perawatan caregiver perawat",
    "domestic": "rumah tangga",
    "manufacturing": "manufaktur",
    "construction": "konstruksi",
    "hospitality": "perhotelan restoran",
    "agriculture": "pertanian perkebunan",
    "fishery": "perikanan pelaut",
    "other": "lainnya",
}
SECTOR_CASE = "CASE sector " + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in SECTOR_WORDS.items()) + " ELSE '' END"
DOCUMENT = (
    "setweight(to_tsvector('simple'::regconfig, coalesce(position, '')), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(employer_name, '') || ' ' || coalesce(city, '') || ' ' || "
    f"coalesce(country, '') || ' ' || ({SECTOR_CASE})), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, coalesce(description, '')), 'D')"
)
OPEN_PREDICATE = "status = 'published' AND accepted_count < openings"


def countries_to_codes(apps, schema_editor):
    from apps.core.countries import country_code

    Vacancy = apps.get_model("vacancies", "Vacancy")
    unknown: dict[str, list[int]] = {}
    for value in Vacancy.objects.order_by().values_list("country", flat=True).distinct():
        code = country_code(value)
        if code is None:
            unknown[value] = list(Vacancy.objects.filter(country=value).values_list("pk", flat=True)[:20])
        elif code != value:
            Vacancy.objects.filter(country=value).update(country=code)
    for value, pks in unknown.items():
        message = f"vacancies: country {value!r} matches no ISO country; kept as it is (vacancies {pks})"
        logger.warning(message)
        print(f"\n  {message}")


def search_document(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite searches with LIKE behind the same selector
    schema_editor.execute(
        f"ALTER TABLE vacancies_vacancy ADD COLUMN search_document tsvector GENERATED ALWAYS AS ({DOCUMENT}) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX vacancy_open_search ON vacancies_vacancy USING gin (search_document) WHERE {OPEN_PREDICATE}"
    )


def drop_search_document(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE vacancies_vacancy DROP COLUMN search_document")


class Migration(migrations.Migration):
    dependencies = [
        ("vacancies", "0004_application_applicant_required"),
    ]

    operations = [
        migrations.RunPython(countries_to_codes, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name="vacancy",
            name="vacancies_v_country_3d4295_idx",
        ),
        migrations.AddIndex(
            model_name="vacancy",
            index=models.Index(
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("accepted_count__lt", models.F("openings")), ("status", "published")),
                name="vacancy_open_newest",
            ),
        ),
        migrations.AddIndex(
            model_name="vacancy",
            index=models.Index(
                models.F("country"),
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("accepted_count__lt", models.F("openings")), ("status", "published")),
                name="vacancy_open_country",
            ),
        ),
        migrations.AddIndex(
            model_name="vacancy",
            index=models.Index(fields=["updated_at"], name="vacancy_updated"),
        ),
        migrations.RunPython(search_document, drop_search_document),
    ]
