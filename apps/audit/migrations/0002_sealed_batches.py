"""Entries carry an HMAC of their own content instead of a hash chain; batches seal them.

Existing entries are given the HMAC of their stored content under the current AUDIT_HMAC_KEY: run
`verify_audit_chain` with the old release before migrating, since the old chain is not kept.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from apps.audit import integrity


def hmac_existing_entries(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        payload = integrity.entry_payload(
            created_at=event.created_at,
            actor_id=event.actor_id,
            actor_label=event.actor_label,
            action=event.action,
            object_type=event.object_type,
            object_id=event.object_id,
            reason=event.reason,
            ip_address=event.ip_address,
            data=event.data,
        )
        AuditEvent.objects.filter(pk=event.pk).update(entry_hmac=integrity.keyed_hash(payload))


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditSeal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveBigIntegerField(unique=True)),
                ('sealed_at', models.DateTimeField()),
                ('entries', models.PositiveIntegerField()),
                ('first_id', models.PositiveBigIntegerField()),
                ('last_id', models.PositiveBigIntegerField()),
                ('id_ranges', models.JSONField()),
                ('merkle_root', models.CharField(max_length=64)),
                ('previous_hash', models.CharField(max_length=64)),
                ('seal_hash', models.CharField(max_length=64)),
            ],
            options={
                'ordering': ['number'],
            },
        ),
        migrations.CreateModel(
            name='AuditSealState',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('batches', models.PositiveBigIntegerField(default=0)),
                ('last_hash', models.CharField(default='0000000000000000000000000000000000000000000000000000000000000000', max_length=64)),
                ('entries', models.PositiveBigIntegerField(default=0)),
            ],
        ),
        migrations.DeleteModel(
            name='AuditChainHead',
        ),
        migrations.RemoveField(
            model_name='auditevent',
            name='entry_hash',
        ),
        migrations.RemoveField(
            model_name='auditevent',
            name='previous_hash',
        ),
        migrations.AddField(
            model_name='auditevent',
            name='entry_hmac',
            field=models.CharField(default='', max_length=64),
            preserve_default=False,
        ),
        migrations.RunPython(hmac_existing_entries, migrations.RunPython.noop),
        migrations.AddField(
            model_name='auditevent',
            name='seal',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='audit.auditseal'),
        ),
        migrations.AddIndex(
            model_name='auditevent',
            index=models.Index(condition=models.Q(('seal__isnull', True)), fields=['id'], name='audit_event_unsealed'),
        ),
    ]
