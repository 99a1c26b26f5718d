"""Handing the C allocator's freed pages back to the system after a large load.

Loading the learned model or the language identifier decodes megabytes of saved state into
arrays. glibc keeps the heap pages those temporary buffers lived in, so without this a worker's
resident memory stays several megabytes above what it uses (docs/architecture.md, "What a worker
loads only when asked"). Elsewhere than glibc there is nothing to ask, and nothing happens.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


_TRIM = _malloc_trim()


def release_freed_memory() -> bool:
    """Ask glibc to return free heap pages to the system; False where there is no glibc."""
    if _TRIM is None:
        return False
    _TRIM(0)
    return True
