import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """Separate from 0003 so PostgreSQL has no pending trigger events from the data fill when the table is altered."""

    dependencies = [
        ("vacancies", "0003_domestic_vacancies"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="application",
            name="applicant",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="applications", to=settings.AUTH_USER_MODEL
            ),
        ),
        migrations.AddField(
            model_name="vacancy",
            name="kind",
            field=models.CharField(
                choices=[("overseas", "Luar negeri"), ("domestic", "Dalam negeri")],
                default="overseas",
                max_length=10,
                verbose_name="Jenis lowongan",
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="candidate",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="applications",
                to="cpmi.migrantcandidate",
            ),
        ),
        migrations.AlterField(
            model_name="vacancy",
            name="permit",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="vacancies",
                to="permits.recruitmentpermit",
            ),
        ),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.UniqueConstraint(fields=("vacancy", "applicant"), name="one_application_per_vacancy"),
        ),
        migrations.AddConstraint(
            model_name="vacancy",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "domestic"), ("permit__isnull", True)),
                    models.Q(("kind", "overseas"), ("permit__isnull", False)),
                    _connector="OR",
                ),
                name="vacancy_permit_only_overseas",
            ),
        ),
    ]
