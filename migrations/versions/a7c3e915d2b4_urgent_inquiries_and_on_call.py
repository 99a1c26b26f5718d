"""urgent inquiries and on-call moderators

Revision ID: a7c3e915d2b4
Revises: c5e8a1f3b7d9
Create Date: 2026-12-07 03:00:00.000000

An inquiry whose text suggests an emergency is marked urgent when it arrives and waits first
in the queue; moderators on call get its notice.
"""
from alembic import op
import sqlalchemy as sa

from service.data.migration_steps import drop_columns, drop_columns_keeping_email_index


# revision identifiers, used by Alembic.
revision = 'a7c3e915d2b4'
down_revision = 'c5e8a1f3b7d9'


def upgrade():
    # Plain ADD COLUMNs (SQLite has them): a batch copy of `inquiries` would lose its
    # expression index on lower(email).
    op.add_column(
        'inquiries', sa.Column('urgent', sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.create_index(
        'ix_inquiries_urgent_status_created_id',
        'inquiries',
        ['urgent', 'status', 'created_at', 'id'],
        unique=False,
    )
    op.add_column(
        'moderators', sa.Column('on_call', sa.Boolean(), server_default=sa.false(), nullable=False)
    )


def downgrade():
    drop_columns('moderators', 'on_call')
    op.drop_index('ix_inquiries_urgent_status_created_id', table_name='inquiries')
    drop_columns_keeping_email_index('inquiries', 'urgent')
