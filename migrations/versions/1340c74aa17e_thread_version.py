"""thread version

Revision ID: 1340c74aa17e
Revises: 8abe1ca0196a
Create Date: 2026-11-26 00:34:16.617587

"""
import sqlalchemy as sa

from service.data.migration_steps import add_columns, drop_columns


# revision identifiers, used by Alembic.
revision = '1340c74aa17e'
down_revision = '8abe1ca0196a'


def upgrade():
    add_columns('threads', sa.Column('version', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    drop_columns('threads', 'version')
