"""outbox digest index

Revision ID: 9c4e1b7d2f60
Revises: 5d2f0c8e7a41
Create Date: 2026-11-26 03:35:00.000000

Every comment that waits asks whether each moderator was sent a digest recently: without this
index, a scan of the whole outbox.
"""
from service.data.migration_steps import create_indexes, drop_indexes


# revision identifiers, used by Alembic.
revision = '9c4e1b7d2f60'
down_revision = '5d2f0c8e7a41'


INDEXES = {'ix_outbox_purpose_to_created': ['purpose', 'to_addr', 'created_at']}


def upgrade():
    create_indexes('outbox', INDEXES)


def downgrade():
    drop_indexes('outbox', INDEXES)
