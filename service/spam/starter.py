"""The starter model, shipped prebuilt so a fresh install judges well from its first request.

Training it from the bundled corpus takes a few seconds; reading the shipped state takes
milliseconds. The state is deterministic, and a unit test fails when the shipped file no longer
matches what the code trains, with the command that rebuilds it:

    .venv/bin/python -m service.spam.starter
"""

from __future__ import annotations

from service.spam.corpus import DATA_DIR
from service.spam.evaluation import train_starter_model

STARTER_PATH = DATA_DIR / "starter-model.bin"


def starter_bytes() -> bytes:
    """The shipped starter state, or a freshly trained one if the file is missing."""
    try:
        return STARTER_PATH.read_bytes()
    except FileNotFoundError:
        return train_starter_model().to_bytes()


def build() -> int:
    """Train the starter model and write it next to the corpus. Returns its size in bytes."""
    data = train_starter_model().to_bytes()
    STARTER_PATH.write_bytes(data)
    return len(data)


if __name__ == "__main__":
    print(f"wrote {STARTER_PATH.name} ({build()} bytes)")
