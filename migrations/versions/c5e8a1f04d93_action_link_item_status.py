"""action links remember the item's status

Revision ID: c5e8a1f04d93
Revises: a7d3e5b19c42
Create Date: 2026-12-06 21:40:00.000000

A mail link acts only on the status its item had when the link was sent. Links already in
moderators' mail were all sent with a new-inquiry notice, for an inquiry that had just been
received (notices go out for received inquiries only); a comment link, if any, was made for a
comment waiting in the queue. They get those statuses, so an unused link whose item has moved
on since does nothing after the upgrade either.
"""
from alembic import op
import sqlalchemy as sa

from service.data.migration_steps import add_columns, drop_columns


# revision identifiers, used by Alembic.
revision = 'c5e8a1f04d93'
down_revision = 'a7d3e5b19c42'


def upgrade():
    add_columns('action_links', sa.Column('item_status', sa.String(length=16), nullable=True))
    links = sa.table('action_links', sa.column('kind', sa.String), sa.column('item_status', sa.String))
    op.execute(
        sa.update(links).values(
            item_status=sa.case((links.c.kind == 'inquiry', 'received'), else_='pending')
        )
    )
    with op.batch_alter_table('action_links', schema=None) as batch_op:
        batch_op.alter_column('item_status', existing_type=sa.String(length=16), nullable=False)


def downgrade():
    drop_columns('action_links', 'item_status')
