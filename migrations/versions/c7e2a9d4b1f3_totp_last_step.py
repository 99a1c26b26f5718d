"""the last accepted TOTP time step per moderator

Revision ID: c7e2a9d4b1f3
Revises: 43975f663e85
Create Date: 2026-12-06 21:20:00.000000

A TOTP code was remembered as spent in the rate-limit storage, which with memory:// is one
worker's own: another worker accepted the same code again. The step now lives on the account's
row, claimed with a conditional UPDATE that only one worker or host can win.
"""
import sqlalchemy as sa

from service.data.migration_steps import add_columns, drop_columns


# revision identifiers, used by Alembic.
revision = 'c7e2a9d4b1f3'
down_revision = '43975f663e85'


def upgrade():
    add_columns('moderators', sa.Column('totp_last_step', sa.BigInteger(), nullable=True))


def downgrade():
    drop_columns('moderators', 'totp_last_step')
