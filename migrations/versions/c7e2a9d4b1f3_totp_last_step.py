"""the last accepted TOTP time step per moderator

Revision ID: c7e2a9d4b1f3
Revises: 43975f663e85
Create Date: 2026-12-06 21:20:00.000000

A TOTP code was remembered as spent in the rate-limit storage, which with memory:// is one
worker's own: another worker accepted the same code again. The step now lives on the account's
row, claimed with a conditional UPDATE that only one worker or host can win.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c7e2a9d4b1f3'
down_revision = '43975f663e85'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('moderators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_last_step', sa.BigInteger(), nullable=True))


def downgrade():
    with op.batch_alter_table('moderators', schema=None) as batch_op:
        batch_op.drop_column('totp_last_step')
