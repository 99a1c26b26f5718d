"""webhook endpoints and their deliveries

Revision ID: d8b4f1a6c3e2
Revises: b8f4d2e6a913
Create Date: 2026-12-07 00:20:00.000000

Endpoints an administrator registers (their address and signing secret encrypted, like other
credentials), and one delivery row per event and endpoint, written with the change it reports
and sent by `outbox deliver`.
"""
from alembic import op
import sqlalchemy as sa

from service.data.migration_steps import create_table, drop_table, reference, short_enum, timestamp, timestamps


# revision identifiers, used by Alembic.
revision = 'd8b4f1a6c3e2'
down_revision = 'b8f4d2e6a913'


DELIVERY_INDEXES = {
    'ix_webhook_deliveries_status_next_attempt': ['status', 'next_attempt_at'],
    'ix_webhook_deliveries_endpoint_id': ['endpoint_id'],
}


def upgrade():
    create_table('webhook_endpoints',
        sa.Column('label', sa.String(length=100), nullable=False),
        sa.Column('url', sa.Text(), nullable=False),
        sa.Column('host', sa.String(length=253), nullable=False),
        sa.Column('format', short_enum('webhookformat', 'standard', 'slack', 'teams', 'mattermost', 'matrix'), nullable=False),
        sa.Column('secret', sa.Text(), nullable=False),
        sa.Column('events', sa.JSON(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_by', sa.String(length=254), nullable=False),
        timestamp('created_at'),
    )
    create_table('webhook_deliveries',
        reference('endpoint_id', 'webhook_endpoints', 'CASCADE'),
        sa.Column('message_id', sa.String(length=40), nullable=False),
        sa.Column('event', sa.String(length=50), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('status', short_enum('outboxstatus', 'queued', 'sent', 'failed'), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        *timestamps('created_at', 'next_attempt_at'),
        timestamp('delivered_at', nullable=True),
        sa.Column('response_status', sa.Integer(), nullable=True),
        sa.Column('last_error', sa.String(length=500), nullable=True),
        unique=['message_id'],
        indexes=DELIVERY_INDEXES,
    )


def downgrade():
    drop_table('webhook_deliveries', DELIVERY_INDEXES)
    op.drop_table('webhook_endpoints')
