"""`import disqus|wordpress|remark42`: the documented formats, run twice, dry runs, and hostile
files that must leave nothing behind."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa

from service.data.extensions import db
from service.data.models import AuditEvent, Comment, CommentStatus, SpamModelState, Thread

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "imports"


def run_import(runner, source: str, path: Path, *options: str):
    result = runner.invoke(args=["import", source, str(path), *options])
    return result


def summary(result) -> dict:
    return json.loads(result.output.strip().splitlines()[-1])


def comments_by_source_id() -> dict[str, Comment]:
    return {c.import_id: c for c in db.session.scalars(sa.select(Comment))}


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


def test_disqus_export_is_imported_with_threads_replies_statuses_and_times(runner):
    result = run_import(runner, "disqus", FIXTURES / "disqus.xml")
    assert result.exit_code == 0, result.output
    assert summary(result) == {"threads": 2, "comments": 6, "skipped": 2}
    # The home page has no path to make a thread key of: listed, not silently dropped; so is
    # the reply to it, although it came first in the file.
    assert "5007: its article address 'https://clinic.example/' has no usable path" in (
        result.output
    )
    assert "5008: it replies to 5007, skipped" in result.output

    threads = {t.key: t for t in db.session.scalars(sa.select(Thread))}
    assert threads["articles/knee-pain"].title == "Knee pain & running"
    assert threads["articles/schlaf-und-rücken"].title == "Schlaf & Rücken: was hilft?"

    found = comments_by_source_id()
    question, answer, thanks, third = (found[k] for k in ("5001", "5002", "5003", "5004"))
    assert question.author == "María José"
    assert question.email == "maria@example.org"
    assert question.status is CommentStatus.APPROVED
    assert question.client_address == "198.51.100.0"
    assert "<script>" not in question.body_html and "alert" not in question.body_html
    assert '<a href="https://example.org/study" rel="nofollow ugc noopener">' in (
        question.body_html
    )
    assert question.body.startswith("Does cycling help with knee pain?")
    # Nested at any depth, even when a reply comes before its parent in the file.
    assert answer.parent_id == question.id
    assert thanks.parent_id == answer.id
    assert third.parent_id == thanks.id
    assert thanks.email is None
    assert thanks.author == "Guest"
    assert thanks.client_address == "2001:db8:1234::"
    assert thanks.created_at == utc(2019, 3, 4, 16, 0)  # +02:00 kept as UTC
    assert thanks.body == "Thanks, that & the stretches helped."
    assert found["5005"].status is CommentStatus.SPAM
    assert found["5005"].staff_label is None  # spam teaches nothing unless --teach
    assert found["5006"].status is CommentStatus.DELETED
    assert "😊" in found["5006"].body
    assert threads["articles/knee-pain"].version >= 1  # cached pages see the new comments

    again = run_import(runner, "disqus", FIXTURES / "disqus.xml")
    assert again.exit_code == 0, again.output
    assert summary(again) == {"threads": 0, "comments": 0, "skipped": 2}
    assert "6 were imported before" in again.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 6
    audit = db.session.scalars(
        sa.select(AuditEvent).where(AuditEvent.action == "site.import")
    ).all()
    assert [event.detail["comments"] for event in audit] == [6, 0]


def test_wordpress_export_is_imported(runner):
    result = run_import(runner, "wordpress", FIXTURES / "wordpress.xml")
    assert result.exit_code == 0, result.output
    assert summary(result) == {"threads": 2, "comments": 5, "skipped": 2}
    assert "304: a pingback, not a comment" in result.output
    assert "306: it replies to 304, skipped" in result.output

    threads = {t.key: t for t in db.session.scalars(sa.select(Thread))}
    assert threads["2020/05/back-pain"].title == "Back pain: when to see a doctor"
    assert threads["?page_id=7"].title == "Über uns"

    found = comments_by_source_id()
    first, reply, pending = found["301"], found["302"], found["303"]
    assert first.author == "Siobhán Ó Néill"
    assert first.website == "https://siobhan.example.ie"
    assert first.created_at == utc(2020, 5, 2, 12, 30)  # comment_date_gmt, not local time
    assert first.body_html == (
        "<p>How long should I wait before coming in?</p><p>My pain is <strong>worse</strong> "
        "in the morning &amp; evening.</p>"
    )
    assert reply.parent_id == first.id and reply.is_staff
    assert pending.parent_id == reply.id
    assert pending.status is CommentStatus.PENDING
    assert pending.email is None
    assert pending.created_at == utc(2020, 5, 3, 9, 0)  # no GMT time: local time taken as UTC
    assert pending.body == "Thanks & regards <3"
    assert found["305"].status is CommentStatus.SPAM
    assert found["310"].status is CommentStatus.DELETED
    assert found["310"].website is None  # javascript: is no website

    again = run_import(runner, "wordpress", FIXTURES / "wordpress.xml")
    assert summary(again) == {"threads": 0, "comments": 0, "skipped": 2}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 5


def test_remark42_backup_is_imported(runner):
    result = run_import(runner, "remark42", FIXTURES / "remark42.txt")
    assert result.exit_code == 0, result.output
    assert summary(result) == {"threads": 2, "comments": 4, "skipped": 0}

    thread = db.session.scalar(sa.select(Thread).where(Thread.key == "posts/flu-vaccine"))
    assert thread.title == "Flu vaccine: questions answered"
    found = comments_by_source_id()
    question, answer, thanks = (found[f"c6a1f2e0-000{n}"] for n in (1, 2, 3))
    assert question.author == "Ана Петрова"
    assert question.email is None  # Remark42 keeps no email
    assert question.body == "Is the flu shot safe in **pregnancy**?"
    assert question.body_html == "<p>Is the flu shot safe in <strong>pregnancy</strong>?</p>"
    assert question.created_at == utc(2021, 10, 5, 6, 12, 30, 123456)
    assert answer.parent_id == question.id and answer.is_staff
    assert answer.edited_at == utc(2021, 10, 5, 10, 5)
    assert thanks.parent_id == answer.id
    assert thanks.created_at == utc(2021, 10, 5, 13, 30)
    assert thanks.body == "Thank you & good to know!"  # no markdown source: from its HTML
    assert found["c6a1f2e0-0004"].status is CommentStatus.DELETED

    again = run_import(runner, "remark42", FIXTURES / "remark42.txt")
    assert summary(again) == {"threads": 0, "comments": 0, "skipped": 0}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 4


@pytest.mark.parametrize(
    ("source", "fixture", "expected"),
    [
        ("disqus", "disqus.xml", ["approved 4", "deleted 1", "spam 1", "4  articles/knee-pain"]),
        ("wordpress", "wordpress.xml", ["approved 2", "pending 1", "1  ?page_id=7"]),
        ("remark42", "remark42.txt", ["approved 3", "deleted 1", "3  posts/flu-vaccine"]),
    ],
)
def test_a_dry_run_counts_by_thread_and_status_and_writes_nothing(
    runner, source, fixture, expected
):
    result = run_import(runner, source, FIXTURES / fixture, "--dry-run")
    assert result.exit_code == 0, result.output
    for line in expected:
        assert line in result.output
    assert "Dry run: nothing was written." in result.output
    assert summary(result)["comments"] > 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Thread)) == 0


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<disqus xmlns="http://disqus.com"><thread><title>&lol4;</title></thread></disqus>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>
<title>&secret;</title><wp:post_id>1</wp:post_id></item></channel></rss>
"""

OUR_EXPORT_WITH_AN_ORPHAN = json.dumps(
    {
        "format": "clinic-desk-export",
        "version": 1,
        "threads": [{"id": 1, "key": "articles/a", "title": "A", "locked": False}],
        "comments": [
            {
                "id": 2,
                "thread_id": 1,
                "parent_id": 1,
                "author": "Ann",
                "body": "A reply",
                "body_html": "<p>A reply</p>",
                "status": "approved",
                "created_at": "2024-01-01T00:00:00Z",
            }
        ],
    }
)


def _truncated(name: str) -> str:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return text[: len(text) * 2 // 3]


def _missing_parent(name: str) -> str:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    if name == "disqus.xml":
        return text.replace('<parent dsq:id="5001" />', '<parent dsq:id="4999" />')
    if name == "wordpress.xml":
        return text.replace("<wp:comment_parent>301<", "<wp:comment_parent>299<")
    return text.replace('"pid":"c6a1f2e0-0001"', '"pid":"gone"')


HOSTILE = [
    (
        "disqus",
        "malformed",
        "<disqus xmlns='http://disqus.com'><thread></disqus>",
        "not well-formed",
    ),
    ("disqus", "truncated", _truncated("disqus.xml"), "not well-formed"),
    ("disqus", "billion laughs", BILLION_LAUGHS, "declares a document type"),
    ("disqus", "wrong format", (FIXTURES / "wordpress.xml").read_text(), "not a Disqus export"),
    ("disqus", "missing parent", _missing_parent("disqus.xml"), "not in the file"),
    ("wordpress", "malformed", "<rss><channel><item></channel></rss>", "not well-formed"),
    ("wordpress", "truncated", _truncated("wordpress.xml"), "not well-formed"),
    ("wordpress", "external entity", EXTERNAL_ENTITY, "declares a document type"),
    ("wordpress", "wrong format", (FIXTURES / "disqus.xml").read_text(), "not a WordPress"),
    (
        "wordpress",
        "plain rss",
        "<rss><channel><item><title>x</title></item></channel></rss>",
        "not a WordPress export",
    ),
    ("wordpress", "missing parent", _missing_parent("wordpress.xml"), "not in the file"),
    ("remark42", "malformed", '{"version":1}\n{"id": "x", \n', "is not JSON"),
    ("remark42", "truncated", _truncated("remark42.txt"), "cut short"),
    ("remark42", "wrong format", (FIXTURES / "disqus.xml").read_text(), "not a Remark42 backup"),
    ("remark42", "missing parent", _missing_parent("remark42.txt"), "not in the file"),
    ("json", "wrong format", '{"threads": []}', "not a Clinic Desk export"),
    ("json", "truncated", '{"format": "clinic-desk-export", "version": 1, "thr', "not JSON"),
    ("json", "missing parent", OUR_EXPORT_WITH_AN_ORPHAN, "not in the file"),
    ("isso", "wrong format", (FIXTURES / "disqus.xml").read_text(), "not an Isso database"),
]


@pytest.mark.parametrize(
    ("source", "content", "message"),
    [pytest.param(s, c, m, id=f"{s}-{k}") for s, k, c, m in HOSTILE],
)
def test_a_hostile_or_broken_file_gets_a_clear_error_and_leaves_nothing(
    runner, tmp_path, source, content, message
):
    path = tmp_path / "export.bin"
    path.write_text(content, encoding="utf-8")
    result = run_import(runner, source, path)
    assert result.exit_code == 1, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Thread)) == 0


def test_teach_lets_imported_spam_train_the_filter(runner):
    before = db.session.scalar(sa.select(SpamModelState.trained_on))
    result = run_import(runner, "wordpress", FIXTURES / "wordpress.xml", "--teach")
    assert result.exit_code == 0, result.output
    assert "The spam filter learned from 3 imported comments." in result.output
    spam = db.session.scalar(sa.select(Comment).where(Comment.import_id == "305"))
    assert spam.staff_label == "spam"
    db.session.expire_all()
    assert db.session.scalar(sa.select(SpamModelState.trained_on)) == (before or 0) + 3
