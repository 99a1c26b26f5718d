"""`export PATH [--include-inquiries]` and `import json PATH`: a documented, versioned JSON
document, read back with nothing lost."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import sqlalchemy as sa

from service.data.database import utcnow
from service.data.extensions import db
from service.data.models import (
    AuditEvent,
    BlockKind,
    BlocklistEntry,
    Comment,
    CommentStatus,
    Inquiry,
    InquiryReply,
    InquiryStatus,
    Moderator,
    Role,
    Thread,
    Verdict,
)
from service.submissions import audit
from tests.conftest import REPO, empty_all_tables
from tests.factories import CommentFactory, InquiryFactory, ModeratorFactory, ThreadFactory

# What the exporting site's own numbering or the import itself sets: everything else must match.
NOT_CARRIED = {"id", "thread_id", "parent_id", "import_source", "import_id"}


def fill_site() -> None:
    moderator = ModeratorFactory()
    ModeratorFactory(
        email="scoped@clinic.example",
        role=Role.MODERATOR,
        scope_kinds=["inquiry"],
        scope_topics=["appointments"],
        totp_secret="JBSWY3DPEHPK3PXP",
    )
    ModeratorFactory(email="admin@clinic.example", role=Role.ADMIN, active=False)
    db.session.add_all(
        [
            BlocklistEntry(kind=BlockKind("email"), value="spam@bad.example", note="seen twice"),
            BlocklistEntry(kind=BlockKind("domain"), value="bad.example", created_by="admin"),
        ]
    )
    article = ThreadFactory(key="articles/knee-pain", title="Knee pain & running")
    closed = ThreadFactory(key="articles/closed", title="Closed", locked=True)
    then = utcnow().replace(microsecond=0) - dt.timedelta(days=3)
    top = CommentFactory(
        thread=article,
        status=CommentStatus.APPROVED,
        verdict=Verdict.HAM,
        body="Does **cycling** help?",
        author="María José",
        created_at=then,
    )
    reply = CommentFactory(
        thread=article,
        parent_id=None,
        status=CommentStatus.APPROVED,
        is_staff=True,
        body="Yes. See [our page](https://clinic.example/knees).",
        created_at=then + dt.timedelta(hours=1),
        edited_at=then + dt.timedelta(hours=2),
    )
    deeper = CommentFactory(
        thread=article,
        status=CommentStatus.PENDING,
        flagged=True,
        flag_reason="off topic",
        email=None,
        website="https://example.org",
        created_at=then + dt.timedelta(hours=3),
    )
    CommentFactory(
        thread=closed,
        status=CommentStatus.SPAM,
        verdict=Verdict.SPAM,
        score=9.5,
        staff_label="spam",
        created_at=then,
    )
    CommentFactory(thread=closed, status=CommentStatus.DELETED, created_at=then)
    db.session.flush()
    reply.parent_id = top.id
    deeper.parent_id = reply.id
    inquiry = InquiryFactory(
        message="My knee hurts after running; can I book?",
        status=InquiryStatus.ANSWERED,
        created_at=then,
        consent_at=then,
        answered_at=then + dt.timedelta(hours=5),
    )
    InquiryFactory(phone=None, created_at=then + dt.timedelta(minutes=1), consent_at=then)
    db.session.flush()
    db.session.add(
        InquiryReply(
            inquiry_id=inquiry.id,
            moderator_id=moderator.id,
            body="Yes: Tuesday at 10.",
            created_at=then + dt.timedelta(hours=5),
        )
    )
    audit.record("approve", moderator, "comment", top.id)
    db.session.commit()


def export(runner, path: Path, *options: str) -> dict:
    result = runner.invoke(args=["export", str(path), *options])
    assert result.exit_code == 0, result.output
    return json.loads(path.read_text(encoding="utf-8"))


def comparable(document: dict) -> dict:
    """The export's content, with each parent named by its position rather than its id."""
    threads = {t["id"]: t["key"] for t in document["threads"]}
    position = {c["id"]: n for n, c in enumerate(document["comments"])}
    comments = [
        {
            **{k: v for k, v in c.items() if k not in NOT_CARRIED},
            "thread": threads[c["thread_id"]],
            "parent": position.get(c["parent_id"]),
        }
        for c in document["comments"]
    ]
    inquiries = [
        {
            **{k: v for k, v in i.items() if k not in ("id", "replies")},
            "replies": [r["body"] for r in i["replies"]],
        }
        for i in document.get("inquiries", [])
    ]
    return {
        "threads": [{k: v for k, v in t.items() if k != "id"} for t in document["threads"]],
        "comments": comments,
        "inquiries": inquiries,
        "settings": document["settings"],
        "moderators": [{k: v for k, v in m.items() if k != "id"} for m in document["moderators"]],
        "blocklist": [{k: v for k, v in b.items() if k != "id"} for b in document["blocklist"]],
    }


def audit_entries(document: dict) -> list[dict]:
    """The audit log without our row ids and moderator ids (neither is hashed)."""
    return [
        {k: v for k, v in e.items() if k not in ("id", "moderator_id")}
        for e in document["audit_log"]
    ]


def test_the_export_is_versioned_and_leaves_out_inquiries_unless_asked(runner, tmp_path):
    fill_site()
    document = export(runner, tmp_path / "site.json")
    assert document["format"] == "clinic-desk-export"
    assert document["version"] == 1
    assert document["includes_inquiries"] is False
    assert "inquiries" not in document
    assert "My knee hurts" not in (tmp_path / "site.json").read_text(encoding="utf-8")
    assert len(document["threads"]) == 2 and len(document["comments"]) == 5
    assert document["settings"]["MODERATION_MODE"] in ("pre", "auto")
    assert [e["action"] for e in document["audit_log"]] == ["approve"]
    assert document["moderators"][0]["email"].endswith("@clinic.example")
    assert "password_hash" not in document["moderators"][0]
    assert os.stat(tmp_path / "site.json").st_mode & 0o077 == 0

    with_inquiries = export(runner, tmp_path / "all.json", "--include-inquiries")
    [answered] = [i for i in with_inquiries["inquiries"] if i["status"] == "answered"]
    assert answered["message"] == "My knee hurts after running; can I book?"
    assert answered["replies"][0]["body"] == "Yes: Tuesday at 10."
    exported = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "site.export")
    ).all()
    assert [e.detail["includes_inquiries"] for e in exported] == [False, True]


def test_export_then_import_json_loses_nothing(runner, tmp_path):
    fill_site()
    before = export(runner, tmp_path / "before.json", "--include-inquiries")
    empty_all_tables()

    dry = runner.invoke(args=["import", "json", str(tmp_path / "before.json"), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "inquiry answered 1" in dry.output and "3  articles/knee-pain" in dry.output
    assert "Would add 3 moderators" in dry.output
    assert "2 blocklist entries, 1 audit entries" in dry.output
    for model in (Comment, Inquiry, Moderator, BlocklistEntry, AuditEvent):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(model)) == 0

    result = runner.invoke(args=["import", "json", str(tmp_path / "before.json")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.strip().splitlines()[-1]) == {
        "threads": 2,
        "comments": 5,
        "skipped": 0,
    }
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Inquiry)) == 2
    assert db.session.scalar(sa.select(Thread.locked).where(Thread.key == "articles/closed"))

    assert "Added 3 moderators" in result.output
    # Accounts come without secrets: no TOTP, and a password nobody knows.
    scoped = db.session.scalar(
        sa.select(Moderator).where(Moderator.email == "scoped@clinic.example")
    )
    assert scoped.totp_secret is None and scoped.recovery_codes == []
    assert scoped.scope_topics == ["appointments"]
    from service.moderation.accounts import verify_password
    from tests.factories import KNOWN_PASSWORD

    assert not verify_password(scoped, KNOWN_PASSWORD)

    verified = runner.invoke(args=["audit", "verify"])
    assert verified.exit_code == 0, verified.output
    assert "intact" in verified.output

    after = export(runner, tmp_path / "after.json", "--include-inquiries")
    assert comparable(after) == comparable(before)
    # The copied entries first, verbatim; then the export and the import themselves.
    assert audit_entries(after)[: len(before["audit_log"])] == audit_entries(before)
    assert after["audit_log"][len(before["audit_log"])]["action"] == "site.import"

    again = runner.invoke(args=["import", "json", str(tmp_path / "before.json")])
    assert json.loads(again.output.strip().splitlines()[-1])["comments"] == 0
    assert "audit log is not empty" in again.output
    for model, count in ((Comment, 5), (Inquiry, 2), (Moderator, 3), (BlocklistEntry, 2)):
        assert db.session.scalar(sa.select(sa.func.count()).select_from(model)) == count
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0


def test_import_json_leaves_an_existing_moderator_as_it_is(runner, tmp_path):
    fill_site()
    before = export(runner, tmp_path / "before.json")
    empty_all_tables()
    ModeratorFactory(email="scoped@clinic.example", name="Kept", role=Role.ADMIN)
    db.session.commit()

    result = runner.invoke(args=["import", "json", str(tmp_path / "before.json")])
    assert result.exit_code == 0, result.output
    assert "scoped@clinic.example: an account with this address exists" in result.output
    assert json.loads(result.output.strip().splitlines()[-1])["skipped"] == 1
    kept = db.session.scalar(sa.select(Moderator).where(Moderator.email == "scoped@clinic.example"))
    assert (kept.name, kept.role, kept.scope_topics) == ("Kept", Role.ADMIN, [])
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Moderator)) == len(
        before["moderators"]
    )


def test_import_json_copies_no_audit_entry_it_cannot_verify(runner, tmp_path, app):
    fill_site()
    before = export(runner, tmp_path / "before.json")
    empty_all_tables()
    app.config["AUDIT_CHAIN_KEY"] = "a-different-key-for-this-site-0123456789"

    result = runner.invoke(args=["import", "json", str(tmp_path / "before.json")])
    assert result.exit_code == 0, result.output
    assert "sealed with a key this site does not hold" in result.output
    actions = db.session.scalars(sa.select(AuditEvent.action).order_by(AuditEvent.seq)).all()
    assert actions == ["audit.import", "site.import"]
    assert runner.invoke(args=["audit", "verify"]).exit_code == 0
    assert len(before["audit_log"]) == 1


def test_the_documented_format_names_every_field_the_export_writes():
    from service.operations import export as written

    rows = {}
    for line in (REPO / "docs" / "moving.md").read_text(encoding="utf-8").splitlines():
        key, _, content = line.removeprefix("| `").partition("` | ")
        if line.startswith("| `") and content:
            rows[key] = set(re.findall(r"`([a-z_A-Z]+)`", content))
    documented = {
        "settings": written.SETTINGS,
        "moderators": written.MODERATOR_COLUMNS,
        "blocklist": written.BLOCKLIST_COLUMNS,
        "threads": written.THREAD_COLUMNS,
        "comments": written.COMMENT_COLUMNS,
        "inquiries": written.INQUIRY_COLUMNS + written.REPLY_COLUMNS,
        "audit_log": written.AUDIT_COLUMNS,
    }
    for key, columns in documented.items():
        assert set(columns) <= rows[key], (key, set(columns) - rows[key])
