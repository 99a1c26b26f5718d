"""Reading a large XML export element by element, in constant memory, safely.

`defusedxml` refuses a document type declaration outright (so no entity expansion, no
billion laughs, no external entities), and each record is cleared and detached from its parent
once read, so a file of hundreds of megabytes never sits in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from service.operations.importers.core import ImportFailed


def local(tag: str) -> str:
    """`{namespace}name` -> `name`."""
    return tag.rpartition("}")[2]


def namespace(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag.startswith("{") else ""


def text_of(element: Element | None, name: str | None = None) -> str | None:
    """The text of `element` (or of its first child whose local name is `name`)."""
    if element is not None and name is not None:
        element = next((child for child in element if local(child.tag) == name), None)
    if element is None or element.text is None:
        return None
    return element.text


def child(element: Element, name: str) -> Element | None:
    return next((c for c in element if local(c.tag) == name), None)


def children(element: Element, name: str) -> list[Element]:
    return [c for c in element if local(c.tag) == name]


def records(
    handle: BinaryIO,
    depth: int,
    check_root: Callable[[Element], None],
    progress: Callable[[int], None] | None = None,
    what: str = "XML",
) -> Iterator[Element]:
    """Yield each complete element `depth` levels below the root, then free it.

    `check_root` sees the root element as soon as it opens and raises ImportFailed for a file
    of the wrong kind. `progress(bytes_read)` is called as records arrive."""
    stack: list[Element] = []
    try:
        for event, element in iterparse(handle, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                if not stack:
                    check_root(element)
                stack.append(element)
                continue
            stack.pop()
            if len(stack) == depth:
                yield element
                element.clear()
                stack[-1].remove(element)
                if progress is not None:
                    progress(handle.tell())
            elif len(stack) < depth and stack:
                # a container (WordPress's <channel>) or a stray element: drop what it held
                element.clear()
    except DefusedXmlException as error:
        raise ImportFailed(
            f"The {what} file declares a document type or entities ({type(error).__name__}); "
            "exports never do, so it was refused. Nothing was imported."
        ) from None
    except ParseError as error:
        raise ImportFailed(
            f"The {what} file is not well-formed XML ({error}); it may be truncated or damaged. "
            "Nothing was imported."
        ) from None
