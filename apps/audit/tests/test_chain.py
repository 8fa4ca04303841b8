import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from apps.audit import checkpoints
from apps.audit.models import AuditEvent, AuditSeal, AuditSealState
from apps.audit.services import audit_record, audit_seal_pending, audit_verify_chain
from apps.audit.tasks import audit_seal_periodic
from apps.audit.tests.tampering import rewrite_with_plain_sha256, tamper
from testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_events(job_seeker):
    return [
        audit_record(actor=job_seeker, action="account.login", target=job_seeker),
        audit_record(actor=None, action="account.lock", target=job_seeker, reason="login failures"),
        audit_record(actor=job_seeker, action="profile.view", target=job_seeker, ip_address="10.0.0.7"),
    ]


def test_appended_entries_verify_before_and_after_sealing(three_events):
    # Given three entries just written: each carries its own HMAC and no batch yet
    assert all(event.seal_id is None for event in AuditEvent.objects.all())
    assert audit_verify_chain().intact

    # When the sealer runs
    seals = audit_seal_pending()

    # Then one batch holds all of them, and the log still verifies
    assert [seal.entries for seal in seals] == [3]
    assert set(AuditEvent.objects.values_list("seal_id", flat=True)) == {seals[0].pk}
    result = audit_verify_chain()
    assert result.intact and (result.entries, result.batches) == (3, 1)


def test_batches_chain_to_the_one_before(three_events, job_seeker):
    first = audit_seal_pending()[0]
    audit_record(actor=job_seeker, action="account.logout", target=job_seeker)
    second = audit_seal_pending()[0]
    assert (first.number, second.number) == (1, 2)
    assert second.previous_hash == first.seal_hash
    assert audit_seal_pending() == []  # nothing left to seal
    assert AuditSealState.objects.get().entries == 4


def test_an_entry_records_who_what_why_when_and_from_where(three_events, job_seeker):
    lock = three_events[1]
    assert lock.actor is None and lock.actor_label == "system"
    assert lock.reason == "login failures"
    assert lock.object_type == "accounts.user" and lock.object_id == str(job_seeker.pk)
    assert three_events[2].ip_address == "10.0.0.7"
    assert lock.created_at is not None


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2001:DB8::1", "2001:db8::1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::FFFF:192.0.2.1", "::ffff:192.0.2.1"),
        ("192.0.2.1", "192.0.2.1"),
        ("not an address", None),
    ],
)
def test_an_ip_address_is_hashed_as_the_database_stores_it(job_seeker, given, stored):
    # When an entry is written with an address the database would normalise
    event = audit_record(actor=job_seeker, action="profile.view", ip_address=given)

    # Then the entry holds, and the database gives back, the normalised form, and the log verifies
    assert event.ip_address == stored
    assert AuditEvent.objects.get(pk=event.pk).ip_address == stored
    assert audit_verify_chain().intact
    audit_seal_pending()
    assert audit_verify_chain().intact


def test_data_and_text_are_hashed_as_stored(job_seeker):
    data = {"on": datetime.date(2026, 1, 2), "amount": Decimal("12.50"), "ratio": 2.0, "z": 1, "a": ["b\x00"]}
    event = audit_record(actor=job_seeker, action="profile.edit", data=data, reason="nul \x00 byte")
    reloaded = AuditEvent.objects.get(pk=event.pk)
    assert reloaded.data == event.data == {"on": "2026-01-02", "amount": "12.50", "ratio": 2, "z": 1, "a": ["b\ufffd"]}
    assert reloaded.reason == "nul \ufffd byte"
    assert reloaded.compute_hmac() == event.entry_hmac
    assert audit_verify_chain().intact


def test_entries_cannot_be_changed_or_deleted_through_the_orm(three_events):
    with pytest.raises(ValueError):
        three_events[0].save()
    with pytest.raises(ValueError):
        three_events[0].delete()
    seal = audit_seal_pending()[0]
    with pytest.raises(ValueError):
        seal.delete()


@pytest.mark.parametrize("sealed", [False, True], ids=["unsealed", "sealed"])
def test_an_entry_rewritten_with_a_fresh_plain_hash_is_named(three_events, sealed):
    # Given entries, sealed or still waiting for the sealer
    if sealed:
        audit_seal_pending()

    # When someone rewrites the middle entry's reason and stores a recomputed SHA-256 beside it
    rewrite_with_plain_sha256(three_events[1], reason="dibuat-buat")

    # Then verification names that entry: without the key its HMAC cannot be recomputed
    result = audit_verify_chain()
    assert result.entry_id == three_events[1].pk
    assert "altered" in result.problem


def test_a_middle_entry_removed_from_a_batch_is_named(three_events):
    audit_seal_pending()
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [three_events[1].pk])
    result = audit_verify_chain()
    assert result.entry_id == three_events[1].pk
    assert "missing" in result.problem


def test_an_entry_moved_to_another_batch_is_found(three_events, job_seeker):
    audit_seal_pending()
    audit_record(actor=job_seeker, action="account.logout")
    second = audit_seal_pending()[0]
    tamper("UPDATE audit_auditevent SET seal_id = %s WHERE id = %s", [second.pk, three_events[2].pk])
    result = audit_verify_chain()
    assert result.entry_id == three_events[2].pk and "missing" in result.problem


def test_the_newest_entries_removed_with_the_seal_state_rewound_are_caught_by_the_checkpoint(
    three_events, job_seeker, checkpoint_storage
):
    # Given two sealed batches and a signed checkpoint of the second, outside the database
    first = audit_seal_pending()[0]
    late = [audit_record(actor=job_seeker, action="profile.view") for _ in range(2)]
    second = audit_seal_pending()[0]
    assert sorted(path.name for path in checkpoint_storage.iterdir())[-1] == "audit-checkpoint-000000000002.json"

    # When someone with database access deletes the newest entries and batch and rewinds the seal state
    tamper("DELETE FROM audit_auditevent WHERE seal_id = %s", [second.pk])
    tamper("DELETE FROM audit_auditseal WHERE id = %s", [second.pk])
    tamper("UPDATE audit_auditsealstate SET batches = 1, last_hash = %s, entries = 3 WHERE id = 1", [first.seal_hash])

    # Then the database alone looks consistent, but the checkpoint names the batch that is gone
    result = audit_verify_chain()
    assert not result.intact
    assert "batch 2" in result.problem and "removed" in result.problem

    # And sealing new entries over the gap writes no checkpoint that would push the evidence out
    audit_record(actor=job_seeker, action="profile.view")
    audit_seal_pending()
    audit_record(actor=job_seeker, action="profile.view")
    audit_seal_pending()
    assert not audit_verify_chain().intact
    assert len(late) == 2


def test_entries_cut_off_the_end_are_caught_by_the_seal_state(three_events, job_seeker):
    audit_seal_pending()
    audit_record(actor=job_seeker, action="profile.view")
    second = audit_seal_pending()[0]
    tamper("DELETE FROM audit_auditevent WHERE seal_id = %s", [second.pk])
    tamper("DELETE FROM audit_auditseal WHERE id = %s", [second.pk])
    result = audit_verify_chain()
    assert not result.intact and "missing" in result.problem


def test_a_forged_checkpoint_is_refused(three_events, checkpoint_storage):
    audit_seal_pending()
    path = next(checkpoint_storage.iterdir())
    document = json.loads(path.read_text())
    document["checkpoint"]["entries"] = 99
    path.write_text(json.dumps(document))
    result = audit_verify_chain()
    assert "invalid signature" in result.problem


def test_a_removed_checkpoint_folder_is_reported(three_events, checkpoint_storage):
    audit_seal_pending()
    for path in checkpoint_storage.iterdir():
        path.unlink()
    assert "no signed checkpoint" in audit_verify_chain().problem


def test_only_the_newest_checkpoints_are_kept(job_seeker, settings, checkpoint_storage):
    settings.AUDIT_CHECKPOINT_KEEP = 3
    for _ in range(5):
        audit_record(actor=job_seeker, action="profile.view")
        audit_seal_pending()
    assert sorted(path.name for path in checkpoint_storage.iterdir()) == [
        "audit-checkpoint-000000000003.json",
        "audit-checkpoint-000000000004.json",
        "audit-checkpoint-000000000005.json",
    ]
    assert checkpoints.checkpoint_check(batches=5) is None


def _new_checkpoint_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return (
        Ed25519PrivateKey.generate()
        .private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        .decode()
    )


def test_a_checkpoint_signed_with_another_key_is_refused(three_events, settings):
    audit_seal_pending()
    settings.AUDIT_CHECKPOINT_KEY = _new_checkpoint_key()
    assert "invalid signature" in audit_verify_chain().problem


def test_rotating_secret_key_leaves_the_log_verifying(three_events, settings):
    # The audit keys are settings of their own (derived once at start-up in development), never read from
    # SECRET_KEY at use.
    audit_seal_pending()
    settings.SECRET_KEY = "another secret"
    assert audit_verify_chain().intact


@pytest.mark.parametrize("name", ["AUDIT_HMAC_KEY", "AUDIT_CHECKPOINT_KEY"])
def test_nothing_is_audited_or_sealed_without_the_keys(job_seeker, settings, name):
    from django.core.exceptions import ImproperlyConfigured

    audit_record(actor=job_seeker, action="profile.view")
    setattr(settings, name, "")  # as production without the key: refused, never derived
    with pytest.raises(ImproperlyConfigured, match=f"{name} is not set"):
        audit_record(actor=job_seeker, action="profile.view")
        audit_seal_pending()


def _insert_with_id(entry_id, actor):
    """An entry with a chosen id, as a transaction that took its id earlier but committed later leaves it."""
    event = AuditEvent(
        id=entry_id,
        created_at=datetime.datetime.now(datetime.UTC),
        actor=actor,
        actor_label="late",
        action="profile.view",
    )
    event.normalise()
    event.entry_hmac = event.compute_hmac()
    AuditEvent.objects.bulk_create([event])
    return event


def test_an_entry_with_a_lower_id_committed_after_sealing_goes_into_the_next_batch(job_seeker):
    # Given a batch sealed over ids n and n+5, while the transaction holding n+2 had not committed yet
    first = audit_record(actor=job_seeker, action="account.login")
    _insert_with_id(first.pk + 5, job_seeker)
    batch_one = audit_seal_pending()[0]
    assert batch_one.id_ranges == [[first.pk, first.pk], [first.pk + 5, first.pk + 5]]

    # When that transaction commits, and the sealer runs again
    late = _insert_with_id(first.pk + 2, job_seeker)
    batch_two = audit_seal_pending()[0]

    # Then the late entry is in the next batch, and the whole log verifies
    assert batch_two.id_ranges == [[late.pk, late.pk]]
    assert AuditEvent.objects.get(pk=late.pk).seal_id == batch_two.pk
    assert audit_verify_chain().intact


def test_large_backlogs_are_sealed_in_several_batches(job_seeker):
    for _ in range(5):
        audit_record(actor=job_seeker, action="profile.view")
    seals = audit_seal_pending(batch_size=2)
    assert [seal.entries for seal in seals] == [2, 2, 1]
    assert audit_verify_chain().intact
    assert AuditSeal.objects.count() == 3


def test_the_worker_seals_every_minute(three_events):
    audit_seal_periodic.call_local()
    assert not AuditEvent.objects.filter(seal__isnull=True).exists()


def test_the_command_reports_an_intact_log(three_events, capsys):
    audit_seal_pending()
    call_command("verify_audit_chain")
    assert "intact: 3 entries verified, 1 sealed batches" in capsys.readouterr().out


def test_the_command_names_the_first_edited_entry(three_events):
    audit_seal_pending()
    rewrite_with_plain_sha256(three_events[1], reason="dibuat-buat")
    with pytest.raises(CommandError, match=f"entry id={three_events[1].pk} was altered"):
        call_command("verify_audit_chain")


def test_registering_an_account_writes_the_log(client):
    user = factories.user(activated=False)
    from apps.accounts.services import otp_send

    otp_send(user=user, ip="192.0.2.1")
    event = AuditEvent.objects.get(action="account.otp_send")
    assert event.ip_address == "192.0.2.1"
    assert event.actor == user


def test_an_entry_moved_outside_its_batch_is_found(three_events, job_seeker):
    first = audit_seal_pending()[0]
    outsider = audit_record(actor=job_seeker, action="account.logout")
    tamper("UPDATE audit_auditevent SET seal_id = %s WHERE id = %s", [first.pk, outsider.pk])
    result = audit_verify_chain()
    assert result.entry_id == outsider.pk and "outside" in result.problem


def test_a_configured_checkpoint_key_signs_and_verifies(three_events, settings, checkpoint_storage):
    settings.AUDIT_CHECKPOINT_KEY = _new_checkpoint_key()
    audit_seal_pending()
    assert audit_verify_chain().intact
    settings.AUDIT_CHECKPOINT_KEY = _new_checkpoint_key()  # another key: the checkpoint no longer verifies
    assert "invalid signature" in audit_verify_chain().problem
