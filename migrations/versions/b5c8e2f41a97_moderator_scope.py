"""moderators' scope: item kinds and inquiry topics

Revision ID: b5c8e2f41a97
Revises: a7c3e9d1f5b2
Create Date: 2026-12-07 03:00:00.000000

A moderator may be limited to comments or inquiries and to some inquiry topics. Both columns
are JSON lists; an empty list (what every existing account gets) means "all", so nobody sees
less after the upgrade.
"""
import sqlalchemy as sa
from alembic import op

from service.data.migration_steps import add_columns, drop_columns


# revision identifiers, used by Alembic.
revision = 'b5c8e2f41a97'
down_revision = 'a7c3e9d1f5b2'


def upgrade():
    add_columns(
        'moderators',
        sa.Column('scope_kinds', sa.JSON(), nullable=True),
        sa.Column('scope_topics', sa.JSON(), nullable=True),
    )
    moderators = sa.table(
        'moderators', sa.column('scope_kinds', sa.JSON()), sa.column('scope_topics', sa.JSON())
    )
    op.execute(moderators.update().values(scope_kinds=[], scope_topics=[]))
    with op.batch_alter_table('moderators', schema=None) as batch_op:
        batch_op.alter_column('scope_kinds', existing_type=sa.JSON(), nullable=False)
        batch_op.alter_column('scope_topics', existing_type=sa.JSON(), nullable=False)


def downgrade():
    drop_columns('moderators', 'scope_topics', 'scope_kinds')
