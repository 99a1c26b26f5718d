"""outbox digest index

Revision ID: 9c4e1b7d2f60
Revises: 5d2f0c8e7a41
Create Date: 2026-11-26 03:35:00.000000

Every comment that waits asks whether each moderator was sent a digest recently: without this
index, a scan of the whole outbox.
"""
from alembic import op
import sqlalchemy as sa

import service.data.crypto
import service.data.database


# revision identifiers, used by Alembic.
revision = '9c4e1b7d2f60'
down_revision = '5d2f0c8e7a41'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index(
            'ix_outbox_purpose_to_created', ['purpose', 'to_addr', 'created_at'], unique=False
        )


def downgrade():
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_purpose_to_created')
