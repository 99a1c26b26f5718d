"""The audit log's keyed hash chain: `audit verify` passes on an intact chain and names the first
entry that was edited, deleted, reordered or slipped in; retention purges leave an anchor; a
change of key is survivable; concurrent appends keep one unbroken chain."""

import datetime as dt
import itertools
import threading

import pytest
import sqlalchemy as sa

from service.data.database import transaction, utcnow
from service.data.extensions import db
from service.data.models import AuditChainHead, AuditEvent, Moderator
from service.operations.retention import purge
from service.submissions import audit
from service.submissions.auditchain import GENESIS, seal_unsealed, verify
from tests.factories import ModeratorFactory


def write_entries(count: int = 5) -> list[AuditEvent]:
    """`count` entries: single ones, then two written together."""
    staff = db.session.scalar(sa.select(Moderator)) or ModeratorFactory()
    with transaction():
        for number in range(count - 2):
            audit.record("inquiry.view", staff, "inquiry", number + 1, {"via": "page"})
        audit.record_each("inquiry.view", staff, "inquiry", [7, 8], {"via": "queue"})
    return list(db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.seq)))


def run_verify(runner):
    result = runner.invoke(args=["audit", "verify"])
    return result.exit_code, result.output.strip()


def test_an_intact_chain_verifies_with_one_line(runner):
    events = write_entries(5)
    assert [event.seq for event in events] == [1, 2, 3, 4, 5]
    assert events[0].prev_hash == GENESIS
    assert all(b.prev_hash == a.entry_hash for a, b in itertools.pairwise(events))
    code, output = run_verify(runner)
    assert code == 0, output
    assert output.count("\n") == 0
    assert output.startswith("Audit chain intact: 5 entries, seq 1 to 5")


def test_an_empty_log_verifies(runner):
    code, output = run_verify(runner)
    assert (code, output) == (0, "Audit chain intact: no entries yet.")


def test_an_edited_entry_is_named(runner):
    events = write_entries(5)
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == 3).values(item_id=99))
    db.session.commit()
    code, output = run_verify(runner)
    assert code == 1
    assert f"entry id {events[2].id} (seq 3)" in output
    assert "edited" in output


def test_an_edited_detail_is_named(runner):
    events = write_entries(5)
    db.session.execute(
        sa.update(AuditEvent).where(AuditEvent.seq == 5).values(detail={"via": "page"})
    )
    db.session.commit()
    code, output = run_verify(runner)
    assert code == 1
    assert f"entry id {events[4].id} (seq 5)" in output


def test_a_deleted_entry_is_named_by_the_one_after_it(runner):
    events = write_entries(5)
    db.session.execute(sa.delete(AuditEvent).where(AuditEvent.seq == 2))
    db.session.commit()
    code, output = run_verify(runner)
    assert code == 1
    assert f"entry id {events[2].id} (seq 3)" in output
    assert "seq 2) are missing" in output


def test_a_deleted_entry_with_renumbered_places_is_caught(runner):
    events = write_entries(5)
    db.session.execute(sa.delete(AuditEvent).where(AuditEvent.seq == 2))
    for seq in (3, 4, 5):
        db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == seq).values(seq=seq - 1))
    db.session.commit()
    code, output = run_verify(runner)
    assert code == 1
    assert f"entry id {events[2].id} (seq 2)" in output


def test_reordered_entries_are_caught(runner):
    events = write_entries(5)
    # Swap the places of the second and third entry (through a free value: seq is unique).
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == 2).values(seq=-2))
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == 3).values(seq=2))
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == -2).values(seq=3))
    db.session.commit()
    code, output = run_verify(runner)
    assert code == 1
    assert f"entry id {events[2].id} (seq 2)" in output
    assert "does not follow" in output


def test_swapped_timestamps_are_caught(runner):
    events = write_entries(3)
    first, second = events[0].at, events[1].at - dt.timedelta(hours=1)
    db.session.execute(sa.update(AuditEvent).where(AuditEvent.seq == 2).values(at=first))
    db.session.commit()
    assert second < first
    code, output = run_verify(runner)
    assert code == 1
    assert f"entry id {events[1].id} (seq 2)" in output


def test_the_newest_entry_deleted_is_caught_by_the_head(runner):
    write_entries(4)
    db.session.execute(sa.delete(AuditEvent).where(AuditEvent.seq == 4))
    db.session.commit()
    code, output = run_verify(runner)
    assert code == 1
    assert "head is at seq 4 but the entries end at seq 3" in output


def test_the_oldest_entries_deleted_without_an_anchor_are_caught(runner):
    events = write_entries(4)
    db.session.execute(sa.delete(AuditEvent).where(AuditEvent.seq <= 2))
    db.session.commit()
    code, output = run_verify(runner)
    assert code == 1
    assert f"entry id {events[2].id} (seq 3)" in output
    assert "no anchor" in output


def test_an_entry_inserted_outside_the_chain_is_caught(runner):
    write_entries(3)
    db.session.execute(
        sa.insert(AuditEvent).values(actor="someone", action="inquiry.view", at=utcnow(), detail={})
    )
    db.session.commit()
    forged = db.session.scalar(sa.select(sa.func.max(AuditEvent.id)))
    code, output = run_verify(runner)
    assert code == 1
    assert f"entry id {forged}" in output
    assert "not in the chain" in output


def test_an_entry_sealed_with_another_key_is_caught(app, runner):
    write_entries(3)
    app.config["AUDIT_CHAIN_KEY"] = "a forger's own key, not the clinic's"
    with transaction():
        audit.record("inquiry.view", "forger@example.org", "inquiry", 1)
    app.config["AUDIT_CHAIN_KEY"] = None
    code, output = run_verify(runner)
    assert code == 1
    assert "(seq 4)" in output
    assert "not configured" in output


def test_a_changed_secret_key_is_survivable_with_the_former_one_listed(app, runner):
    write_entries(3)
    former = app.config["SECRET_KEY"]
    app.config["SECRET_KEY"] = "a brand new secret key for sessions and links"
    with transaction():
        audit.record("moderator.login", "staff@example.org")
    code, output = run_verify(runner)
    assert code == 1
    assert "(seq 1)" in output and "AUDIT_CHAIN_KEYS_PREVIOUS" in output

    app.config["AUDIT_CHAIN_KEYS_PREVIOUS"] = [former]
    code, output = run_verify(runner)
    assert code == 0, output
    assert "key changed at seq 4;" in output
    keys = set(db.session.scalars(sa.select(AuditEvent.key_id)))
    assert len(keys) == 2


def test_an_explicit_chain_key_differs_from_the_derived_one(app):
    write_entries(3)
    derived = db.session.scalar(sa.select(AuditEvent.key_id).where(AuditEvent.seq == 1))
    app.config["AUDIT_CHAIN_KEY"] = "an explicit chain key of enough length"
    with transaction():
        audit.record("moderator.login", "staff@example.org")
    explicit = db.session.scalar(sa.select(AuditEvent.key_id).where(AuditEvent.seq == 4))
    assert derived != explicit
    assert verify(db.session).problem is not None  # the derived key is no longer configured
    app.config["AUDIT_CHAIN_KEYS_PREVIOUS"] = [app.config["SECRET_KEY"]]
    assert verify(db.session).intact


def test_a_retention_purge_leaves_an_anchor_the_chain_starts_from(app, runner):
    app.config["RETENTION_AUDIT_DAYS"] = 365
    write_entries(5)
    later = utcnow() + dt.timedelta(days=366)
    report = purge(now=later)
    assert report.audit_entries == 5
    anchor = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "audit.anchor"))
    assert anchor.seq == 6
    assert anchor.detail["through_seq"] == 5 and anchor.detail["purged"] == 5
    write_entries(3)
    code, output = run_verify(runner)
    assert code == 0, output
    assert "starting after 5 purged entries (anchor)" in output

    # A second purge removes the first anchor too; its own anchor takes over.
    report = purge(now=later + dt.timedelta(days=366))
    assert report.audit_entries == 5  # anchor, retention.purge entry and three entries
    code, output = run_verify(runner)
    assert code == 0, output
    assert "starting after 10 purged entries (anchor)" in output


def test_deleting_the_anchor_breaks_the_chain(app, runner):
    app.config["RETENTION_AUDIT_DAYS"] = 365
    write_entries(3)
    purge(now=utcnow() + dt.timedelta(days=366))
    db.session.execute(sa.delete(AuditEvent).where(AuditEvent.action == "audit.anchor"))
    db.session.commit()
    code, output = run_verify(runner)
    assert code == 1
    assert "(seq 5)" in output  # the purge's own entry, now first
    assert "no anchor records their purge" in output


def test_retention_keeps_the_audit_log_by_default(runner):
    write_entries(3)
    report = purge(now=utcnow() + dt.timedelta(days=3650))
    assert report.audit_entries == 0
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == 4  # and the purge's


def test_entries_written_before_the_chain_are_sealed_in_order(app, runner):
    db.session.execute(
        sa.insert(AuditEvent),
        [
            {"actor": "a@example.org", "action": "inquiry.view", "at": utcnow(), "detail": {}},
            {"actor": "b@example.org", "action": "inquiry.close", "at": utcnow(), "detail": {}},
        ],
    )
    assert seal_unsealed(db.session.connection()) == 2
    db.session.commit()
    assert list(db.session.scalars(sa.select(AuditEvent.actor).order_by(AuditEvent.seq))) == [
        "a@example.org",
        "b@example.org",
    ]
    code, output = run_verify(runner)
    assert code == 0, output


def test_concurrent_appends_from_many_connections_form_one_chain(make_app, app, runner):
    """Several workers (threads, each with its own app, engine and connection) append at once."""
    workers, each = 4, 15
    errors: list[BaseException] = []
    start = threading.Barrier(workers)

    apps = [make_app(SECRET_KEY=app.config["SECRET_KEY"]) for _ in range(workers)]

    def work(number: int) -> None:
        try:
            with apps[number].app_context():
                start.wait(timeout=60)
                for step in range(each):
                    with transaction():
                        audit.record("inquiry.view", f"w{number}@example.org", "inquiry", step)
                db.session.remove()
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seqs = list(db.session.scalars(sa.select(AuditEvent.seq).order_by(AuditEvent.seq)))
    assert seqs == list(range(1, workers * each + 1))
    assert db.session.scalar(sa.select(AuditChainHead.seq)) == workers * each
    code, output = run_verify(runner)
    assert code == 0, output


@pytest.mark.parametrize("count", [1, 3])
def test_every_entry_carries_its_chain_fields(app, count):
    events = write_entries(count + 2)
    for event in events:
        assert len(event.entry_hash) == 64 and len(event.prev_hash) == 64
        assert len(event.key_id) == 16


def test_a_long_run_draws_a_progress_bar_on_standard_error_only(runner, monkeypatch):
    from service.operations import cli

    write_entries(4)
    monkeypatch.setattr(cli, "VERIFY_BAR_FROM", 1)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().startswith("Audit chain intact: 4 entries")
    assert result.stdout.count("\n") == 1
    assert "Verifying" in result.stderr
