"""`keys rotate`: re-encrypt health information under the current DATA_KEY.

Set the new key as DATA_KEY and the old one in DATA_KEYS_PREVIOUS, run `keys rotate`, then
drop the old key from DATA_KEYS_PREVIOUS. Rows are re-encrypted in batches; a value already
under the current key is left alone, so an interrupted rotation can simply be run again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import sqlalchemy as sa

from service.data.crypto import EncryptedText, keyring
from service.data.database import transaction
from service.data.extensions import db
from service.data.models import Base
from service.submissions import audit

BATCH = 500


def encrypted_columns() -> list[tuple[sa.Table, list[sa.Column]]]:
    """Every table with encrypted columns, and those columns."""
    found = []
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, EncryptedText)]
        if columns:
            found.append((table, columns))
    return found


def count_encrypted_rows() -> int:
    return sum(
        db.session.scalar(sa.select(sa.func.count()).select_from(table)) or 0
        for table, _ in encrypted_columns()
    )


def _batches(table: sa.Table, columns: list[sa.Column]) -> Iterator[list[sa.Row]]:
    last_id = 0
    raw = [sa.cast(c, sa.Text).label(c.name) for c in columns]  # the stored ciphertext
    while True:
        rows = db.session.execute(
            sa.select(table.c.id, *raw)
            .where(table.c.id > last_id)
            .order_by(table.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        yield rows
        last_id = rows[-1].id


def rotate_keys(progress: Callable[[int], None] | None = None) -> int:
    """Re-encrypt every value not yet under the current key. Returns how many values changed."""
    ring = keyring()
    changed = 0
    for table, columns in encrypted_columns():
        for rows in _batches(table, columns):
            with transaction():
                for row in rows:
                    values = {}
                    for column in columns:
                        stored = getattr(row, column.name)
                        if stored is not None and not ring.is_current(stored):
                            values[column.name] = ring.encrypt(ring.decrypt(stored))
                    if values:
                        db.session.execute(
                            sa.update(table)
                            .where(table.c.id == row.id)
                            .values(**{k: sa.literal(v, sa.Text) for k, v in values.items()})
                        )
                        changed += len(values)
            if progress:
                progress(len(rows))
    with transaction():
        audit.record("keys.rotate", "cli", detail={"values": changed, "key": ring.current_id})
    return changed
