"""WordPress's export (Tools → Export, "WordPress eXtended RSS"): an RSS `<channel>` whose
`<item>` elements are posts and pages, each with its `<wp:comment>` elements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from service.data.models import CommentStatus
from service.operations.importers.core import (
    CommentRecord,
    ImportFailed,
    Record,
    ThreadRecord,
    Unmappable,
)
from service.operations.importers.xmlstream import children, local, namespace, records, text_of

# WXR 1.0 to 1.2 differ in the namespace's version only.
WP_NAMESPACE = "wordpress.org/export/"
STATUSES = {
    "1": CommentStatus.APPROVED,
    "approve": CommentStatus.APPROVED,
    "0": CommentStatus.PENDING,
    "hold": CommentStatus.PENDING,
    "spam": CommentStatus.SPAM,
    "trash": CommentStatus.DELETED,
    "post-trashed": CommentStatus.DELETED,
}


def _check_root(root: Element) -> None:
    if local(root.tag) != "rss":
        raise ImportFailed(
            f"This is not a WordPress export: it starts with <{local(root.tag)}>, not <rss>. "
            "Nothing was imported."
        )


def _time(gmt: str | None, local_time: str | None) -> dt.datetime | None:
    """`comment_date_gmt` is UTC; old exports leave it zero, and then the site's local time is
    all there is (taken as UTC)."""
    for value in (gmt, local_time):
        value = (value or "").strip()
        if not value or value.startswith("0000"):
            continue
        try:
            return dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC)
        except ValueError:
            continue
    return None


def read(path: Path, progress: Callable[[int], None] | None = None) -> Iterator[Record]:
    seen_wordpress = False
    with open(path, "rb") as handle:
        for element in records(handle, 2, _check_root, progress, "WordPress"):
            if local(element.tag) != "item":
                seen_wordpress = seen_wordpress or WP_NAMESPACE in namespace(element.tag)
                continue
            fields = {local(c.tag): c for c in element if WP_NAMESPACE in namespace(c.tag)}
            if not fields:
                continue
            seen_wordpress = True
            post_id = (text_of(fields.get("post_id")) or "").strip()
            thread_id = f"post-{post_id}"
            yield ThreadRecord(
                thread_id, (text_of(element, "link") or "").strip(), text_of(element, "title")
            )
            for comment in children(element, "comment"):
                yield _comment(comment, thread_id)
    if not seen_wordpress:
        raise ImportFailed(
            "This RSS file has no WordPress elements (wp:...); it is not a WordPress export. "
            "Nothing was imported."
        )


def _comment(element: Element, thread_id: str) -> Record:
    fields = {local(c.tag): (c.text or "") for c in element}
    comment_id = fields.get("comment_id", "").strip()
    kind = fields.get("comment_type", "").strip().lower()
    if not comment_id:
        return Unmappable("?", "a comment without its comment_id")
    if kind not in ("", "comment"):
        return Unmappable(comment_id, f"a {kind}, not a comment")
    approved = fields.get("comment_approved", "").strip().lower()
    status = STATUSES.get(approved)
    if status is None:
        return Unmappable(comment_id, f"an unknown status {approved[:20]!r}")
    created = _time(fields.get("comment_date_gmt"), fields.get("comment_date"))
    if created is None:
        return Unmappable(comment_id, "no readable comment_date")
    parent = fields.get("comment_parent", "").strip()
    return CommentRecord(
        source_id=comment_id,
        thread=thread_id,
        parent=parent if parent and parent != "0" else None,
        author=fields.get("comment_author"),
        email=fields.get("comment_author_email"),
        website=fields.get("comment_author_url"),
        created_at=created,
        status=status,
        body=fields.get("comment_content", ""),
        body_format="text",
        client_address=_address(fields.get("comment_author_IP")),
        is_staff=fields.get("comment_user_id", "0").strip() not in ("", "0"),
    )


def _address(value: str | None) -> str | None:
    from service.web.netaddr import anonymize

    return anonymize(value.strip()) if value and value.strip() else None
