"""spam model state: the stamp before the state

Revision ID: e41f6a2b8c57
Revises: 9c4e1b7d2f60
Create Date: 2026-11-26 04:40:00.000000

Every judgement reads the learned model's stamp (trained_on, updated_at). On SQLite a row's
columns are stored in order, and the state (about half a megabyte) came first: reading the
stamp meant reading through its 120-odd overflow pages each time. The table is rebuilt with the
state last. PostgreSQL keeps large values out of line, so there it is left as it is.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'e41f6a2b8c57'
down_revision = '9c4e1b7d2f60'


def store_columns_in_order(*columns):
    """Rebuild spam_model_state on SQLite with its columns in this order."""
    if op.get_bind().dialect.name != 'sqlite':
        return
    with op.batch_alter_table(
        'spam_model_state', recreate='always', partial_reordering=[columns]
    ):
        pass


def upgrade():
    store_columns_in_order('id', 'trained_on', 'updated_at', 'state')


def downgrade():
    store_columns_in_order('id', 'state', 'trained_on', 'updated_at')
