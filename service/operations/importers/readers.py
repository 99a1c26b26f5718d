"""Which reader reads which source, and how long its progress bar is."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from service.operations.importers import disqus, isso, ourjson, remark42, wordpress
from service.operations.importers.core import Record

Reader = Callable[[Path, Callable[[int], None] | None], Iterator[Record]]
READERS: dict[str, Reader] = {
    "isso": isso.read,
    "disqus": disqus.read,
    "wordpress": wordpress.read,
    "remark42": remark42.read,
    "json": ourjson.read,
}


def reader_for(source: str) -> Reader:
    return READERS[source]


def progress_length(source: str, path: Path) -> int:
    """The progress bar's length: Isso's rows, the other files' bytes."""
    if source == "isso":
        return max(isso.count(path), 1)
    return max(path.stat().st_size, 1)
