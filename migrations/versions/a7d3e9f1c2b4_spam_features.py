"""keep the spam filter's hashed features and staff's decision with each comment and inquiry

Revision ID: a7d3e9f1c2b4
Revises: c5e8a1f04d93
Create Date: 2026-12-06 21:40:00.000000

A moderator's decision teaches the learned model from the features the filter read when the
item arrived, instead of reading its text again inside the moderator's request. Items stored
before this revision have none and are read from their text once, when decided.

`staff_label` records what staff decided ("ham" or "spam"): an author's reputation with the filter
comes from it alone, never from the filter's own verdicts. Existing rows get the label their
status and verdict show staff gave: approved although the filter doubted it, answered or closed,
moved to spam although the filter passed it, or back from spam.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7d3e9f1c2b4'
down_revision = 'c5e8a1f04d93'


def upgrade():
    for table in ('comments', 'inquiries'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('spam_features', sa.Text(), nullable=True))
            batch_op.add_column(sa.Column('staff_label', sa.String(length=4), nullable=True))
    op.execute(
        "UPDATE comments SET staff_label = 'ham' "
        "WHERE status = 'approved' AND verdict <> 'ham'"
    )
    op.execute(
        "UPDATE comments SET staff_label = 'spam' WHERE status = 'spam' AND verdict <> 'spam'"
    )
    op.execute("UPDATE inquiries SET staff_label = 'ham' WHERE status IN ('answered', 'closed')")
    op.execute(
        "UPDATE inquiries SET staff_label = 'spam' WHERE status = 'spam' AND verdict <> 'spam'"
    )
    # The reputation facts now count by label: the index by address follows them.
    for table in ('comments', 'inquiries'):
        op.drop_index(f'ix_{table}_email_lower_status', table_name=table)
        op.create_index(
            f'ix_{table}_email_lower_staff_label',
            table,
            [sa.text('lower(email)'), 'staff_label'],
            unique=False,
        )


def downgrade():
    for table in ('comments', 'inquiries'):
        op.drop_index(f'ix_{table}_email_lower_staff_label', table_name=table)
    for table in ('comments', 'inquiries'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('staff_label')
            batch_op.drop_column('spam_features')
    # After the columns: on SQLite dropping a column rebuilds the table, which loses
    # expression indexes created before it.
    for table in ('comments', 'inquiries'):
        op.create_index(
            f'ix_{table}_email_lower_status', table, [sa.text('lower(email)'), 'status'], unique=False
        )
