"""readers' reply notifications (double opt-in) and the links mailed to readers

Revision ID: 30a1eb94e520
Revises: c7e2a9d4b1f3
Create Date: 2026-12-06 23:54:18.773172

New tables: reader_subscribers (one row per address, matched without regard to case),
reader_subscriptions, reader_notices (what each subscription was told, or will be in the daily
digest) and reader_links (hashes of single-use confirmation and "my data" links). The outbox
gains a `headers` column for List-Unsubscribe. Self-contained: it only adds.
"""
from alembic import op
import sqlalchemy as sa

from service.data.migration_steps import add_columns, create_table, drop_columns, drop_table, reference, short_enum, timestamp, timestamps


# revision identifiers, used by Alembic.
revision = '30a1eb94e520'
down_revision = 'c7e2a9d4b1f3'


# table -> its plain indexes (name -> columns); the ones on lower(email) are made apart
INDEXES = {
    'reader_links': {'ix_reader_links_expires_at': ['expires_at']},
    'reader_subscriptions': {
        'ix_reader_subscriptions_comment_id': ['comment_id'],
        'ix_reader_subscriptions_subscriber_id': ['subscriber_id'],
        'ix_reader_subscriptions_thread_id': ['thread_id'],
    },
    'reader_notices': {
        'ix_reader_notices_comment_id': ['comment_id'],
        'ix_reader_notices_subscriber_id': ['subscriber_id'],
    },
}


def upgrade():
    create_table('reader_links',
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('purpose', short_enum('readerlinkpurpose', 'confirm', 'my_data'), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        *timestamps('created_at', 'expires_at'),
        timestamp('used_at', nullable=True),
        unique=['token_hash'],
        indexes=INDEXES['reader_links'],
    )
    op.create_index(
        'ix_reader_links_email_lower_created',
        'reader_links',
        [sa.text('lower(email)'), 'created_at'],
        unique=False,
    )

    create_table('reader_subscribers',
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('language', sa.String(length=8), nullable=False),
        sa.Column('digest', short_enum('digest', 'immediate', 'daily'), nullable=False),
        *timestamps('confirmed_at', 'confirmation_sent_at', 'last_digest_at', nullable=True),
        sa.Column('nonce', sa.String(length=32), nullable=False),
        timestamp('created_at'),
    )
    op.create_index(
        'uq_reader_subscribers_email_lower',
        'reader_subscribers',
        [sa.text('lower(email)')],
        unique=True,
    )
    create_table('reader_subscriptions',
        reference('subscriber_id', 'reader_subscribers', 'CASCADE'),
        reference('thread_id', 'threads', 'CASCADE'),
        reference('comment_id', 'comments', 'CASCADE', nullable=True),
        sa.Column('nonce', sa.String(length=32), nullable=False),
        timestamp('created_at'),
        indexes=INDEXES['reader_subscriptions'],
    )
    create_table('reader_notices',
        reference('subscription_id', 'reader_subscriptions', 'CASCADE'),
        reference('subscriber_id', 'reader_subscribers', 'CASCADE'),
        reference('comment_id', 'comments', 'CASCADE'),
        timestamp('created_at'),
        timestamp('mailed_at', nullable=True),
        unique=[('uq_reader_notices_pair', ['subscription_id', 'comment_id'])],
        indexes=INDEXES['reader_notices'],
    )
    add_columns('outbox', sa.Column('headers', sa.JSON(), nullable=True))


def downgrade():
    drop_columns('outbox', 'headers')
    drop_table('reader_notices', INDEXES['reader_notices'])
    drop_table('reader_subscriptions', INDEXES['reader_subscriptions'])
    op.drop_index('uq_reader_subscribers_email_lower', table_name='reader_subscribers')
    op.drop_table('reader_subscribers')
    op.drop_index('ix_reader_links_email_lower_created', table_name='reader_links')
    drop_table('reader_links', INDEXES['reader_links'])
