"""initial schema

Revision ID: bb3194170b76
Revises: 
Create Date: 2026-11-25 23:30:37.209498

"""
import sqlalchemy as sa

import service.data.crypto
from service.data.migration_steps import create_table, drop_table, reference, short_enum, timestamp, timestamps


# revision identifiers, used by Alembic.
revision = 'bb3194170b76'
down_revision = None

# table -> its indexes (name -> columns), made after the table and dropped before it
INDEXES = {
    'idempotency_keys': {'ix_idempotency_keys_expires_at': ['expires_at']},
    'outbox': {'ix_outbox_status_next_attempt': ['status', 'next_attempt_at']},
    'used_form_tokens': {'ix_used_form_tokens_expires_at': ['expires_at']},
    'api_tokens': {'ix_api_tokens_moderator_id': ['moderator_id']},
    'audit_events': {
        'ix_audit_events_at': ['at'],
        'ix_audit_events_kind_item': ['kind', 'item_id'],
    },
    'comments': {
        'ix_comments_content_hash_created': ['content_hash', 'created_at'],
        'ix_comments_email_status': ['email', 'status'],
        'ix_comments_parent_id': ['parent_id'],
        'ix_comments_status_id': ['status', 'id'],
        'ix_comments_thread_status_id': ['thread_id', 'status', 'id'],
    },
    'inquiries': {
        'ix_inquiries_content_hash_created': ['content_hash', 'created_at'],
        'ix_inquiries_email_status': ['email', 'status'],
        'ix_inquiries_status_id': ['status', 'id'],
    },
    'inquiry_replies': {'ix_inquiry_replies_inquiry_id': ['inquiry_id']},
}

# In the order they are created: a table comes after the ones it refers to.
TABLES = (
    'blocklist', 'idempotency_keys', 'moderators', 'outbox', 'spam_lessons',
    'spam_model_state', 'threads', 'used_form_tokens', 'action_links', 'api_tokens',
    'audit_events', 'comments', 'inquiries', 'inquiry_replies',
)


def upgrade():
    create_table('blocklist',
        sa.Column('kind', short_enum('blockkind', 'word', 'email', 'domain', 'network'), nullable=False),
        sa.Column('value', sa.String(length=254), nullable=False),
        sa.Column('note', sa.String(length=200), nullable=False),
        sa.Column('created_by', sa.String(length=254), nullable=False),
        timestamp('created_at'),
        unique=[('uq_blocklist_kind_value', ['kind', 'value'])],
    )
    create_table('idempotency_keys',
        sa.Column('scope', sa.String(length=200), nullable=False),
        sa.Column('key', sa.String(length=100), nullable=False),
        sa.Column('body_hash', sa.String(length=64), nullable=False),
        sa.Column('status_code', sa.Integer(), nullable=True),
        sa.Column('response_body', sa.Text(), nullable=True),
        *timestamps('created_at', 'expires_at'),
        unique=[('uq_idempotency_keys_scope_key', ['scope', 'key'])],
        indexes=INDEXES['idempotency_keys'],
    )
    create_table('moderators',
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('role', short_enum('role', 'admin', 'moderator'), nullable=False),
        sa.Column('password_hash', sa.String(length=255), nullable=False),
        sa.Column('totp_secret', service.data.crypto.EncryptedText(), nullable=True),
        sa.Column('recovery_codes', sa.JSON(), nullable=False),
        sa.Column('notify', sa.Boolean(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('session_version', sa.Integer(), nullable=False),
        timestamp('created_at'),
        timestamp('last_login_at', nullable=True),
        unique=['email'],
    )
    create_table('outbox',
        sa.Column('to_addr', sa.String(length=254), nullable=False),
        sa.Column('subject', sa.String(length=200), nullable=False),
        sa.Column('body_text', sa.Text(), nullable=False),
        sa.Column('purpose', sa.String(length=50), nullable=False),
        sa.Column('status', short_enum('outboxstatus', 'queued', 'sent', 'failed'), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        *timestamps('created_at', 'next_attempt_at'),
        timestamp('sent_at', nullable=True),
        sa.Column('last_error', sa.String(length=500), nullable=True),
        indexes=INDEXES['outbox'],
    )
    create_table('spam_lessons',
        sa.Column('is_spam', sa.Boolean(), nullable=False),
        sa.Column('features', sa.JSON(), nullable=False),
        sa.Column('source', sa.String(length=50), nullable=False),
        timestamp('created_at'),
    )
    create_table('spam_model_state',
        sa.Column('state', sa.LargeBinary(), nullable=False),
        sa.Column('trained_on', sa.Integer(), nullable=False),
        timestamp('updated_at'),
    )
    create_table('threads',
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=True),
        sa.Column('locked', sa.Boolean(), nullable=False),
        *timestamps('created_at', 'updated_at'),
        unique=['key'],
    )
    create_table('used_form_tokens',
        sa.Column('token_id', sa.String(length=64), nullable=False),
        timestamp('expires_at'),
        unique=['token_id'],
        indexes=INDEXES['used_form_tokens'],
    )
    create_table('action_links',
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        reference('moderator_id', 'moderators', 'CASCADE'),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(length=16), nullable=False),
        *timestamps('created_at', 'expires_at'),
        timestamp('used_at', nullable=True),
        unique=['token_hash'],
    )
    create_table('api_tokens',
        reference('moderator_id', 'moderators', 'CASCADE'),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('label', sa.String(length=100), nullable=False),
        *timestamps('created_at', 'expires_at'),
        *timestamps('last_used_at', 'revoked_at', nullable=True),
        unique=['token_hash'],
        indexes=INDEXES['api_tokens'],
    )
    create_table('audit_events',
        timestamp('at'),
        sa.Column('actor', sa.String(length=254), nullable=False),
        reference('moderator_id', 'moderators', 'SET NULL', nullable=True),
        sa.Column('action', sa.String(length=50), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=True),
        sa.Column('item_id', sa.Integer(), nullable=True),
        sa.Column('detail', sa.JSON(), nullable=False),
        indexes=INDEXES['audit_events'],
    )
    create_table('comments',
        reference('thread_id', 'threads', 'CASCADE'),
        reference('parent_id', 'comments', 'SET NULL', nullable=True),
        sa.Column('author', sa.String(length=100), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=True),
        sa.Column('website', sa.String(length=500), nullable=True),
        sa.Column('title', sa.String(length=200), nullable=True),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('body_html', sa.Text(), nullable=False),
        sa.Column('content_hash', sa.String(length=64), nullable=True),
        sa.Column('status', short_enum('commentstatus', 'pending', 'approved', 'rejected', 'spam', 'deleted'), nullable=False),
        sa.Column('verdict', short_enum('verdict', 'ham', 'unsure', 'spam'), nullable=False),
        sa.Column('score', sa.Double(), nullable=False),
        sa.Column('reasons', sa.JSON(), nullable=False),
        sa.Column('is_staff', sa.Boolean(), nullable=False),
        reference('moderator_id', 'moderators', 'SET NULL', nullable=True),
        sa.Column('edit_token_hash', sa.String(length=64), nullable=True),
        sa.Column('flagged', sa.Boolean(), nullable=False),
        sa.Column('flag_reason', sa.String(length=500), nullable=True),
        sa.Column('client_address', sa.String(length=45), nullable=True),
        timestamp('created_at'),
        timestamp('edited_at', nullable=True),
        timestamp('updated_at'),
        indexes=INDEXES['comments'],
    )
    create_table('inquiries',
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('phone', service.data.crypto.EncryptedText(), nullable=True),
        sa.Column('phone_normalized', service.data.crypto.EncryptedText(), nullable=True),
        sa.Column('topic', sa.String(length=50), nullable=False),
        sa.Column('message', service.data.crypto.EncryptedText(), nullable=False),
        sa.Column('content_hash', sa.String(length=64), nullable=True),
        timestamp('consent_at'),
        sa.Column('consent_version', sa.String(length=64), nullable=False),
        sa.Column('status', short_enum('inquirystatus', 'received', 'answered', 'closed', 'spam', 'deleted'), nullable=False),
        sa.Column('verdict', short_enum('verdict', 'ham', 'unsure', 'spam'), nullable=False),
        sa.Column('score', sa.Double(), nullable=False),
        sa.Column('reasons', sa.JSON(), nullable=False),
        reference('assigned_to_id', 'moderators', 'SET NULL', nullable=True),
        sa.Column('client_address', sa.String(length=45), nullable=True),
        *timestamps('created_at', 'updated_at'),
        *timestamps('answered_at', 'closed_at', nullable=True),
        indexes=INDEXES['inquiries'],
    )
    create_table('inquiry_replies',
        reference('inquiry_id', 'inquiries', 'CASCADE'),
        reference('moderator_id', 'moderators', 'SET NULL', nullable=True),
        sa.Column('body', service.data.crypto.EncryptedText(), nullable=False),
        timestamp('created_at'),
        indexes=INDEXES['inquiry_replies'],
    )


def downgrade():
    for table in reversed(TABLES):
        drop_table(table, INDEXES.get(table))
