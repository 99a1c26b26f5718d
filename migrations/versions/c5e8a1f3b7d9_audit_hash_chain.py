"""audit log hash chain

Revision ID: c5e8a1f3b7d9
Revises: 8248b210b984
Create Date: 2026-12-07 02:50:00.000000

Each audit entry gets its place in a keyed hash chain (seq, the previous entry's hash, its own
HMAC and the key's id), and one head row records the chain's end; appends lock it. The entries
already stored are sealed here, oldest first, under the current chain key (AUDIT_CHAIN_KEY, or
the key derived from SECRET_KEY), so `audit verify` covers them too.
"""
from alembic import op
import sqlalchemy as sa

from service.submissions.auditchain import seal_unsealed


# revision identifiers, used by Alembic.
revision = 'c5e8a1f3b7d9'
down_revision = '8248b210b984'


def upgrade():
    op.create_table('audit_chain_head',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_chain_head'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seq', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('entry_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('key_id', sa.String(length=16), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_audit_events_seq'), ['seq'])
    seal_unsealed(op.get_bind())


def downgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_audit_events_seq'), type_='unique')
        batch_op.drop_column('key_id')
        batch_op.drop_column('entry_hash')
        batch_op.drop_column('prev_hash')
        batch_op.drop_column('seq')
    op.drop_table('audit_chain_head')
