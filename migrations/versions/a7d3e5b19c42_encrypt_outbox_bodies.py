"""encrypt outbox bodies

Revision ID: a7d3e5b19c42
Revises: f3a9c2d417b6
Create Date: 2026-12-06 21:15:00.000000

`outbox.body_text` becomes an encrypted column (AES-256-GCM under DATA_KEY, like the inquiry
replies it copies): the column stays TEXT, and every body already queued, sent or failed is
encrypted here, so no plaintext row is left behind and nothing has to read both forms. The
app's keyring does it, so DATA_KEY must be set when upgrading (as it must be to start the app).
"""
from alembic import op
import sqlalchemy as sa

from service.data.crypto import keyring


# revision identifiers, used by Alembic.
revision = 'a7d3e5b19c42'
down_revision = 'f3a9c2d417b6'

outbox = sa.table('outbox', sa.column('id', sa.Integer), sa.column('body_text', sa.Text))


def _rewrite(change):
    connection = op.get_bind()
    last_id = 0
    while True:
        rows = connection.execute(
            sa.select(outbox.c.id, outbox.c.body_text)
            .where(outbox.c.id > last_id)
            .order_by(outbox.c.id)
            .limit(500)
        ).all()
        if not rows:
            return
        for row in rows:
            connection.execute(
                sa.update(outbox)
                .where(outbox.c.id == row.id)
                .values(body_text=change(row.body_text))
            )
        last_id = rows[-1].id


def upgrade():
    _rewrite(keyring().encrypt)


def downgrade():
    _rewrite(keyring().decrypt)
