"""answer channel, canned replies

Revision ID: 8248b210b984
Revises: b5c8e2f41a97
Create Date: 2026-12-07 02:37:49.257605

The secure answer channel: the links of "you have a reply" mails (hashes only), who wrote
each message of an inquiry's conversation (staff answer, patient reply, internal note), when
the patient last replied, and the canned replies administrators keep.
"""
from alembic import op
import sqlalchemy as sa

from service.data.migration_steps import add_columns, create_table, drop_columns, drop_columns_keeping_email_index, drop_table, reference, timestamp, timestamps


# revision identifiers, used by Alembic.
revision = '8248b210b984'
down_revision = 'b5c8e2f41a97'


ANSWER_LINK_INDEXES = {'ix_answer_links_inquiry_id': ['inquiry_id']}


def upgrade():
    create_table('canned_replies',
        sa.Column('language', sa.String(length=10), nullable=False),
        sa.Column('title', sa.String(length=100), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        *timestamps('created_at', 'updated_at'),
    )
    create_table('answer_links',
        reference('inquiry_id', 'inquiries', 'CASCADE'),
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        timestamp('expires_at'),
        sa.Column('code_hash', sa.String(length=64), nullable=True),
        timestamp('code_expires_at', nullable=True),
        sa.Column('code_attempts', sa.Integer(), server_default='0', nullable=False),
        sa.Column('codes_sent', sa.Integer(), server_default='0', nullable=False),
        timestamp('code_sent_at', nullable=True),
        sa.Column('pending_session_hash', sa.String(length=64), nullable=True),
        sa.Column('session_hash', sa.String(length=64), nullable=True),
        timestamp('verified_at', nullable=True),
        timestamp('created_at'),
        unique=['token_hash'],
        indexes=ANSWER_LINK_INDEXES,
    )

    # A plain ADD COLUMN (SQLite has it): a batch copy of `inquiries` would lose its
    # expression index on lower(email).
    op.add_column('inquiries', timestamp('patient_replied_at', nullable=True))

    add_columns(
        'inquiry_replies',
        sa.Column('author', sa.String(length=10), server_default='answer', nullable=False),
        sa.Column('verdict', sa.String(length=6), nullable=True),
        sa.Column('score', sa.Double(), nullable=True),
    )


def downgrade():
    drop_columns('inquiry_replies', 'score', 'verdict', 'author')
    drop_columns_keeping_email_index('inquiries', 'patient_replied_at')
    drop_table('answer_links', ANSWER_LINK_INDEXES)
    op.drop_table('canned_replies')
