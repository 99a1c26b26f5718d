"""Disqus's XML export (Admin → Moderation → Export): `<thread>` elements for articles, then
`<post>` elements for comments, each naming its thread and parent by `dsq:id`."""

from __future__ import annotations

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
    parse_iso_time,
)
from service.operations.importers.xmlstream import child, local, namespace, records, text_of

DISQUS = "http://disqus.com"
INTERNALS = "{http://disqus.com/disqus-internals}id"


def _check_root(root: Element) -> None:
    if local(root.tag) != "disqus" or namespace(root.tag) != DISQUS:
        raise ImportFailed(
            f"This is not a Disqus export: it starts with <{local(root.tag)}>, not <disqus>. "
            "Nothing was imported."
        )


def _true(element: Element, name: str) -> bool:
    return (text_of(element, name) or "").strip().lower() == "true"


def read(path: Path, progress: Callable[[int], None] | None = None) -> Iterator[Record]:
    with open(path, "rb") as handle:
        for element in records(handle, 1, _check_root, progress, "Disqus"):
            kind = local(element.tag)
            dsq_id = element.get(INTERNALS)
            if kind == "thread" and dsq_id:
                yield ThreadRecord(
                    dsq_id, (text_of(element, "link") or "").strip(), text_of(element, "title")
                )
            elif kind == "post":
                yield _post(element, dsq_id)


def _post(element: Element, dsq_id: str | None) -> Record:
    thread = child(element, "thread")
    thread_id = thread.get(INTERNALS) if thread is not None else None
    created = parse_iso_time(text_of(element, "createdAt"))
    if not dsq_id or not thread_id or created is None:
        return Unmappable(dsq_id or "?", "a post without its id, thread or creation time")
    parent = child(element, "parent")
    author = child(element, "author")
    if _true(element, "isSpam"):
        status = CommentStatus.SPAM
    elif _true(element, "isDeleted"):
        status = CommentStatus.DELETED
    else:
        status = CommentStatus.APPROVED
    return CommentRecord(
        source_id=dsq_id,
        thread=thread_id,
        parent=parent.get(INTERNALS) if parent is not None else None,
        author=text_of(author, "name") if author is not None else None,
        email=text_of(author, "email") if author is not None else None,
        website=None,
        created_at=created,
        status=status,
        body=text_of(element, "message") or "",
        body_format="html",
        client_address=_address(text_of(element, "ipAddress")),
    )


def _address(value: str | None) -> str | None:
    from service.web.netaddr import anonymize

    return anonymize(value.strip()) if value and value.strip() else None
