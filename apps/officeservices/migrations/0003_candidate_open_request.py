"""One open request per CPMI per service, closed in the database: each CPMI row of a request carries the request's
service and whether the request is still open; a unique index over the open rows refuses a second one."""

from django.db import migrations, models

CLOSED = ("completed", "cancelled")


def fill(apps, schema_editor):
    RequestCandidate = apps.get_model("officeservices", "RequestCandidate")
    ServiceRequest = apps.get_model("officeservices", "ServiceRequest")
    for service in ServiceRequest.objects.values_list("service", flat=True).distinct():
        RequestCandidate.objects.filter(request__service=service).update(service=service)
    RequestCandidate.objects.filter(request__status__in=CLOSED).update(is_open=False)
    # Two open requests for one CPMI (the race this closes) must be settled by hand before the index can exist.
    seen, twice = {}, []
    for row in RequestCandidate.objects.filter(is_open=True).values("candidate_id", "service", "request_id"):
        key = (row["candidate_id"], row["service"])
        if key in seen:
            twice.append((seen[key], row["request_id"]))
        seen[key] = row["request_id"]
    if twice:
        raise RuntimeError(
            "Requests open twice for the same CPMI and service (cancel one of each pair, then migrate again): "
            + ", ".join(f"{a} and {b}" for a, b in twice)
        )


class Migration(migrations.Migration):
    dependencies = [("officeservices", "0002_requestdocument")]

    operations = [
        migrations.AddField(
            model_name="requestcandidate",
            name="service",
            field=models.CharField(
                choices=[("passport_recommendation", "Rekomendasi Paspor CPMI"), ("id_cpmi", "ID CPMI dan Pengesahan Perjanjian Penempatan")],
                default="",
                max_length=40,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="requestcandidate",
            name="is_open",
            field=models.BooleanField(default=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="requestcandidate",
            constraint=models.UniqueConstraint(
                condition=models.Q(("is_open", True)),
                fields=("candidate", "service"),
                name="one_open_request_per_candidate",
            ),
        ),
    ]
