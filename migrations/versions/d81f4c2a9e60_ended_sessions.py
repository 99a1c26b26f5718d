"""staff sessions signed out on one device

Revision ID: d81f4c2a9e60
Revises: 30a1eb94e520
Create Date: 2026-12-07 00:05:00.000000

"Log out on this device" ends one session without ending the others. Sessions are signed
cookies, so the ended session's id is listed here and refused until it could no longer be
valid anyway (PERMANENT_SESSION_LIFETIME after the sign-in).
"""
import sqlalchemy as sa

from service.data.migration_steps import create_table, drop_table, timestamp

# revision identifiers, used by Alembic.
revision = 'd81f4c2a9e60'
down_revision = "30a1eb94e520"


INDEXES = {'ix_ended_sessions_expires_at': ['expires_at']}


def upgrade():
    create_table(
        'ended_sessions',
        sa.Column('session_id', sa.String(length=64), nullable=False),
        timestamp('expires_at'),
        unique=['session_id'],
        indexes=INDEXES,
    )


def downgrade():
    drop_table('ended_sessions', INDEXES)
