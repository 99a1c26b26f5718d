"""comment pinned

Revision ID: b8f4d2e6a913
Revises: b8d41f7e3a26
Create Date: 2026-12-06 23:58:00.000000

A moderator pins one published comment per thread (a clinician's answer): it comes first
in every order the readers choose.
"""
from alembic import op
import sqlalchemy as sa

from service.data.migration_steps import drop_columns_keeping_email_index


# revision identifiers, used by Alembic.
revision = 'b8f4d2e6a913'
down_revision = "b8d41f7e3a26"


def upgrade():
    # A plain ADD COLUMN (SQLite has it): a batch copy of `comments` would lose its
    # expression index on lower(email).
    op.add_column(
        'comments', sa.Column('pinned', sa.Boolean(), server_default=sa.false(), nullable=False)
    )


def downgrade():
    drop_columns_keeping_email_index('comments', 'pinned')
