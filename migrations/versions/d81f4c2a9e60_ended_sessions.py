"""staff sessions signed out on one device

Revision ID: d81f4c2a9e60
Revises: 30a1eb94e520
Create Date: 2026-12-07 00:05:00.000000

"Log out on this device" ends one session without ending the others. Sessions are signed
cookies, so the ended session's id is listed here and refused until it could no longer be
valid anyway (PERMANENT_SESSION_LIFETIME after the sign-in).
"""
from alembic import op
import sqlalchemy as sa

import service.data.database

# revision identifiers, used by Alembic.
revision = 'd81f4c2a9e60'
down_revision = "30a1eb94e520"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'ended_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.String(length=64), nullable=False),
        sa.Column('expires_at', service.data.database.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_ended_sessions')),
        sa.UniqueConstraint('session_id', name=op.f('uq_ended_sessions_session_id')),
    )
    with op.batch_alter_table('ended_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ended_sessions_expires_at'), ['expires_at'], unique=False)


def downgrade():
    with op.batch_alter_table('ended_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ended_sessions_expires_at'))
    op.drop_table('ended_sessions')
