"""queue indexes

Revision ID: 8abe1ca0196a
Revises: bb3194170b76
Create Date: 2026-11-26 00:32:50.941624

"""
from service.data.migration_steps import create_indexes, drop_indexes


# revision identifiers, used by Alembic.
revision = '8abe1ca0196a'
down_revision = 'bb3194170b76'


TABLES = ('comments', 'inquiries')


def queue_indexes(table):
    """The queue's orders: newest first, within a status, within a verdict."""
    return {
        f'ix_{table}_created_id': ['created_at', 'id'],
        f'ix_{table}_status_created_id': ['status', 'created_at', 'id'],
        f'ix_{table}_verdict_created_id': ['verdict', 'created_at', 'id'],
    }


def upgrade():
    for table in TABLES:
        create_indexes(table, queue_indexes(table))


def downgrade():
    for table in reversed(TABLES):
        drop_indexes(table, queue_indexes(table))
