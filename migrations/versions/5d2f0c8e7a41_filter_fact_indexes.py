"""spam filter fact indexes

Revision ID: 5d2f0c8e7a41
Revises: 1340c74aa17e
Create Date: 2026-11-26 02:10:00.000000

The filter's reputation facts match emails case-insensitively, and its flood check counts
submissions per address range: both were table scans.
"""
from alembic import op
import sqlalchemy as sa

import service.data.crypto
import service.data.database


# revision identifiers, used by Alembic.
revision = '5d2f0c8e7a41'
down_revision = '1340c74aa17e'


def upgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index('ix_comments_email_status')
        batch_op.create_index('ix_comments_client_created', ['client_address', 'created_at'], unique=False)
    op.create_index(
        'ix_comments_email_lower_status', 'comments', [sa.text('lower(email)'), 'status'], unique=False
    )

    with op.batch_alter_table('inquiries', schema=None) as batch_op:
        batch_op.drop_index('ix_inquiries_email_status')
        batch_op.create_index('ix_inquiries_client_created', ['client_address', 'created_at'], unique=False)
    op.create_index(
        'ix_inquiries_email_lower_status', 'inquiries', [sa.text('lower(email)'), 'status'], unique=False
    )


def downgrade():
    op.drop_index('ix_inquiries_email_lower_status', table_name='inquiries')
    with op.batch_alter_table('inquiries', schema=None) as batch_op:
        batch_op.drop_index('ix_inquiries_client_created')
        batch_op.create_index('ix_inquiries_email_status', ['email', 'status'], unique=False)

    op.drop_index('ix_comments_email_lower_status', table_name='comments')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index('ix_comments_client_created')
        batch_op.create_index('ix_comments_email_status', ['email', 'status'], unique=False)
