"""Count the work a backtracking regular-expression engine does, in steps.

Python's `re` cannot say how much it backtracked, so each pattern is run by PCRE2's interpreter
(Debian's libpcre2-8, which `grep` depends on) with its shortcuts off (no start-of-match
optimisation, no automatic possessification) and a callout before every item of the pattern;
each callout is one step. The counting loop is the few lines of C in `stepcount.c`, built here
with the system compiler, so millions of steps are counted in well under a second. A pattern that
backtracks super-linearly in Python's engine does so here too, and a step count does not depend on
how busy the machine is.
"""

from __future__ import annotations

import ctypes
import hashlib
import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

SOURCE = Path(__file__).with_name("stepcount.c")
LIBRARY = "libpcre2-8.so.0"

# pcre2.h
_ALT_BSUX = 0x00000002  # \uhhhh as Python writes it
_AUTO_CALLOUT = 0x00000004  # a callout before every item: one step each
_CASELESS = 0x00000008
_DOTALL = 0x00000020
_MULTILINE = 0x00000400
_NO_AUTO_POSSESS = 0x00004000
_NO_DOTSTAR_ANCHOR = 0x00008000
_NO_START_OPTIMIZE = 0x00010000
_UCP = 0x00020000  # \w, \d, \s and \b by Unicode properties, as in Python
_UTF = 0x00080000

_ANCHORED = 0x80000000  # a match option: only at the start

_OVER_BUDGET = -1
_NOT_COMPILED = -2


class BudgetExceeded(Exception):
    """More steps than the budget allowed: the search was stopped there."""


class Unavailable(Exception):
    """No C compiler or no libpcre2-8 on this machine."""


@cache
def _counter() -> ctypes.CDLL:
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        raise Unavailable("no C compiler (cc) to build the step counter")
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:12]
    built = Path(tempfile.gettempdir()) / f"clinic-desk-stepcount-{digest}.so"
    if not built.exists():
        partial = built.with_suffix(f".{id(built)}.tmp")
        result = subprocess.run(
            [compiler, "-O2", "-shared", "-fPIC", "-o", str(partial), str(SOURCE), f"-l:{LIBRARY}"],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise Unavailable(f"could not build the step counter: {result.stderr.strip()}")
        partial.replace(built)  # atomic, so parallel test workers never load a half-written file
    library = ctypes.CDLL(str(built))
    library.count_steps.restype = ctypes.c_longlong
    library.count_steps.argtypes = [
        ctypes.c_char_p,
        ctypes.c_size_t,
        ctypes.c_char_p,
        ctypes.c_size_t,
        ctypes.c_uint32,
        ctypes.c_uint32,
        ctypes.c_longlong,
        ctypes.POINTER(ctypes.c_size_t),
    ]
    return library


def available() -> str | None:
    """None when steps can be counted here, else why not."""
    try:
        _counter()
    except (Unavailable, OSError) as error:
        return str(error)
    return None


def _options(pattern: re.Pattern[str]) -> int:
    options = _UTF | _UCP | _ALT_BSUX | _AUTO_CALLOUT
    options |= _NO_AUTO_POSSESS | _NO_START_OPTIMIZE | _NO_DOTSTAR_ANCHOR
    if pattern.flags & re.IGNORECASE:
        options |= _CASELESS
    if pattern.flags & re.DOTALL:
        options |= _DOTALL
    if pattern.flags & re.MULTILINE:
        options |= _MULTILINE
    return options


def count_steps(
    pattern: re.Pattern[str], subject: str, budget: int, *, anchored: bool = False
) -> int:
    """Steps taken to find every match of `pattern` in `subject` from left to right, as
    `finditer`, `findall` and `sub` do (a `search` that finds something stops sooner), or with
    `anchored` to match at the start only, as `match` and `fullmatch` do.
    Raises BudgetExceeded past `budget` steps."""
    source = pattern.pattern.encode("utf-8")
    text = subject.encode("utf-8")
    where = ctypes.c_size_t(0)
    steps = _counter().count_steps(
        source,
        len(source),
        text,
        len(text),
        _options(pattern),
        _ANCHORED if anchored else 0,
        budget,
        ctypes.byref(where),
    )
    if steps == _NOT_COMPILED:
        raise ValueError(f"PCRE2 cannot compile {pattern.pattern!r} (at byte {where.value})")
    if steps == _OVER_BUDGET:
        raise BudgetExceeded(f"over {budget:,} steps")
    return steps
