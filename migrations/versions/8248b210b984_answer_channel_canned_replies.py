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

import service.data.database


# revision identifiers, used by Alembic.
revision = '8248b210b984'
down_revision = 'b5c8e2f41a97'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('canned_replies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=10), nullable=False),
    sa.Column('title', sa.String(length=100), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', service.data.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', service.data.database.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_canned_replies'))
    )
    op.create_table('answer_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inquiry_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('expires_at', service.data.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=True),
    sa.Column('code_expires_at', service.data.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('code_attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('codes_sent', sa.Integer(), server_default='0', nullable=False),
    sa.Column('code_sent_at', service.data.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('pending_session_hash', sa.String(length=64), nullable=True),
    sa.Column('session_hash', sa.String(length=64), nullable=True),
    sa.Column('verified_at', service.data.database.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', service.data.database.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['inquiry_id'], ['inquiries.id'], name=op.f('fk_answer_links_inquiry_id_inquiries'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer_links')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_answer_links_token_hash'))
    )
    with op.batch_alter_table('answer_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_links_inquiry_id'), ['inquiry_id'], unique=False)

    # A plain ADD COLUMN (SQLite has it): a batch copy of `inquiries` would lose its
    # expression index on lower(email).
    op.add_column('inquiries', sa.Column('patient_replied_at', service.data.database.UTCDateTime(timezone=True), nullable=True))

    with op.batch_alter_table('inquiry_replies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('author', sa.String(length=10), server_default='answer', nullable=False))
        batch_op.add_column(sa.Column('verdict', sa.String(length=6), nullable=True))
        batch_op.add_column(sa.Column('score', sa.Double(), nullable=True))



def downgrade():
    with op.batch_alter_table('inquiry_replies', schema=None) as batch_op:
        batch_op.drop_column('score')
        batch_op.drop_column('verdict')
        batch_op.drop_column('author')

    # Dropping a column rebuilds the table on SQLite, which loses the expression index: it is
    # dropped first and made again after.
    op.drop_index('ix_inquiries_email_lower_staff_label', table_name='inquiries')
    with op.batch_alter_table('inquiries', schema=None) as batch_op:
        batch_op.drop_column('patient_replied_at')
    op.create_index(
        'ix_inquiries_email_lower_staff_label',
        'inquiries',
        [sa.text('lower(email)'), 'staff_label'],
        unique=False,
    )

    with op.batch_alter_table('answer_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_links_inquiry_id'))

    op.drop_table('answer_links')
    op.drop_table('canned_replies')
