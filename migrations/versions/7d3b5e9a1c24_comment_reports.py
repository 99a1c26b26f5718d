"""comment reports

Revision ID: 7d3b5e9a1c24
Revises: a7d3e9f1c2b4
Create Date: 2026-12-06 21:30:00.000000

One row per reported comment and reader address range (stored truncated, as everywhere), so
that reports from one network count once. Reports go with their comment.
"""
from alembic import op
import sqlalchemy as sa

import service.data.crypto
import service.data.database


# revision identifiers, used by Alembic.
revision = '7d3b5e9a1c24'
down_revision = 'a7d3e9f1c2b4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'comment_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('comment_id', sa.Integer(), nullable=False),
        sa.Column('client_address', sa.String(length=45), nullable=False),
        sa.Column('reason', sa.String(length=500), nullable=False),
        sa.Column('created_at', service.data.database.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['comment_id'],
            ['comments.id'],
            name=op.f('fk_comment_reports_comment_id_comments'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_comment_reports')),
        sa.UniqueConstraint(
            'comment_id', 'client_address', name=op.f('uq_comment_reports_comment_id')
        ),
    )


def downgrade():
    op.drop_table('comment_reports')
