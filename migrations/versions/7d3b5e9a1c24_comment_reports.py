"""comment reports

Revision ID: 7d3b5e9a1c24
Revises: a7d3e9f1c2b4
Create Date: 2026-12-06 21:30:00.000000

One row per reported comment and reader address range (stored truncated, as everywhere), so
that reports from one network count once. Reports go with their comment.
"""
import sqlalchemy as sa

from service.data.migration_steps import create_table, drop_table, reference, timestamp


# revision identifiers, used by Alembic.
revision = '7d3b5e9a1c24'
down_revision = 'a7d3e9f1c2b4'


def upgrade():
    create_table(
        'comment_reports',
        reference('comment_id', 'comments', 'CASCADE'),
        sa.Column('client_address', sa.String(length=45), nullable=False),
        sa.Column('reason', sa.String(length=500), nullable=False),
        timestamp('created_at'),
        unique=[('uq_comment_reports_comment_id', ['comment_id', 'client_address'])],
    )


def downgrade():
    drop_table('comment_reports')
