import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from apps.audit.models import AuditEvent
from apps.audit.services import audit_record, audit_verify_chain
from testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_events(job_seeker):
    return [
        audit_record(actor=job_seeker, action="account.login", target=job_seeker),
        audit_record(actor=None, action="account.lock", target=job_seeker, reason="login failures"),
        audit_record(actor=job_seeker, action="profile.view", target=job_seeker, ip_address="10.0.0.7"),
    ]


def test_each_entry_carries_the_hash_of_the_previous_one(three_events):
    first, second, third = three_events
    assert second.previous_hash == first.entry_hash
    assert third.previous_hash == second.entry_hash
    assert audit_verify_chain() == (AuditEvent.objects.count(), None)


def test_an_entry_records_who_what_why_when_and_from_where(three_events, job_seeker):
    lock = three_events[1]
    assert lock.actor is None and lock.actor_label == "system"
    assert lock.reason == "login failures"
    assert lock.object_type == "accounts.user" and lock.object_id == str(job_seeker.pk)
    assert three_events[2].ip_address == "10.0.0.7"
    assert lock.created_at is not None


def test_entries_cannot_be_changed_or_deleted_through_the_orm(three_events):
    with pytest.raises(ValueError):
        three_events[0].save()
    with pytest.raises(ValueError):
        three_events[0].delete()


def _tamper(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_command_reports_the_first_edited_entry(three_events, capsys):
    call_command("verify_audit_chain")
    assert "intact" in capsys.readouterr().out
    _tamper("UPDATE audit_auditevent SET reason = %s WHERE id = %s", ["dibuat-buat", three_events[1].pk])
    with pytest.raises(CommandError, match=f"id={three_events[1].pk}"):
        call_command("verify_audit_chain")


def test_the_command_reports_a_removed_entry(three_events):
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [three_events[1].pk])
    with pytest.raises(CommandError, match=f"id={three_events[2].pk}"):
        call_command("verify_audit_chain")


def test_the_command_reports_entries_cut_off_the_end(three_events):
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [three_events[2].pk])
    with pytest.raises(CommandError, match="missing"):
        call_command("verify_audit_chain")


def test_registering_an_account_writes_the_log(client):
    user = factories.user(activated=False)
    from apps.accounts.services import otp_send

    otp_send(user=user, ip="192.0.2.1")
    event = AuditEvent.objects.get(action="account.otp_send")
    assert event.ip_address == "192.0.2.1"
    assert event.actor == user
