"""drop the (status, id) indexes

Revision ID: f3a9c2d417b6
Revises: e41f6a2b8c57
Create Date: 2026-11-26 07:20:00.000000

Every query by status is served by the (status, created_at, id) index that the moderation
queue added: the queue's pages, the counts by status, the overdue check and the digest. The
(status, id) indexes only cost every new comment and inquiry one more B-tree to write.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'f3a9c2d417b6'
down_revision = 'e41f6a2b8c57'


def upgrade():
    for table in ('comments', 'inquiries'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f'ix_{table}_status_id')


def downgrade():
    for table in ('comments', 'inquiries'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(f'ix_{table}_status_id', ['status', 'id'], unique=False)
