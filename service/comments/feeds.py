"""Atom feeds of published comments: one thread's, and the whole site's latest.

Only approved comments ever appear (never a pending, spam, rejected or deleted one, and no
tombstone). The feed is built with feedgen from the stored, sanitised HTML; its ETag is a
digest of the bytes, so a reader's feed client gets a `304` until something changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from urllib.parse import quote

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext

from service.comments.threadkeys import normalise_thread_key
from service.data.extensions import db
from service.data.models import Comment, CommentStatus, Thread

FEED_ENTRIES = 50
# `updated` of a feed with nothing in it: fixed, so its ETag stays the same.
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Feed:
    body: bytes
    etag: str


def _base() -> str:
    return (current_app.config["PUBLIC_URL"] or "").rstrip("/")


def thread_url(key: str) -> str:
    """The thread page's public address."""
    return f"{_base()}/threads/{quote(key, safe='/')}"


def _published(limit: int, thread_id: int | None = None) -> list:
    query = (
        sa.select(
            Comment.id,
            Comment.author,
            Comment.body_html,
            Comment.is_staff,
            Comment.created_at,
            Comment.edited_at,
            Thread.key,
            Thread.title,
        )
        .join(Thread, Thread.id == Comment.thread_id)
        .where(Comment.status == CommentStatus.APPROVED)
        .order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(limit)
    )
    if thread_id is not None:
        query = query.where(Comment.thread_id == thread_id)
    return db.session.execute(query).all()


def _render(feed_id: str, title: str, page: str, rows: list, since: dt.datetime) -> Feed:
    clinic = current_app.config["CLINIC_NAME"]
    # Imported here: feedgen and lxml take about 5 MiB, and most workers never serve a feed.
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.id(feed_id)
    feed.title(title)
    feed.author({"name": clinic})
    feed.link(href=feed_id, rel="self", type="application/atom+xml")
    feed.link(href=page, rel="alternate", type="text/html")
    feed.updated(max([since, *(row.edited_at or row.created_at for row in rows)]))
    for row in rows:
        entry = feed.add_entry(order="append")
        link = f"{thread_url(row.key)}#comment-{row.id}"
        entry.id(link)
        topic = row.title or gettext("an article")
        entry.title(gettext("%(author)s on %(topic)s", author=row.author, topic=topic))
        entry.author({"name": row.author})
        entry.link(href=link, rel="alternate", type="text/html")
        entry.published(row.created_at)
        entry.updated(row.edited_at or row.created_at)
        entry.content(row.body_html, type="html")
        if row.is_staff:
            entry.category(term="staff", label=gettext("Clinic staff"))
    body = feed.atom_str(pretty=False)
    return Feed(body, hashlib.sha256(body).hexdigest()[:32])


def thread_feed(key: str) -> Feed:
    """A thread's latest published comments. An unknown key is an empty feed (nothing is
    created). Raises InvalidThreadKey."""
    key = normalise_thread_key(key)
    thread = db.session.scalar(sa.select(Thread).where(Thread.key == key))
    rows = _published(FEED_ENTRIES, thread.id) if thread is not None else []
    title = thread.title if thread is not None else None
    if thread is not None and not title:
        # As on the page: the first published comment that carries a title.
        title = db.session.scalar(
            sa.select(Comment.title)
            .where(
                Comment.thread_id == thread.id,
                Comment.status == CommentStatus.APPROVED,
                Comment.title.is_not(None),
            )
            .order_by(Comment.id)
            .limit(1)
        )
    name = title or gettext("Comments")
    since = thread.created_at if thread is not None else EPOCH
    return _render(
        f"{thread_url(key)}/feed.atom",
        f"{name} · {current_app.config['CLINIC_NAME']}",
        thread_url(key),
        rows,
        since,
    )


def site_feed() -> Feed:
    """The whole site's latest published comments."""
    rows = _published(FEED_ENTRIES)
    since = EPOCH
    return _render(
        f"{_base()}/feed.atom",
        gettext("Latest comments · %(clinic)s", clinic=current_app.config["CLINIC_NAME"]),
        f"{_base()}/",
        rows,
        since,
    )
