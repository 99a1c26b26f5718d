"""where an imported comment came from

Revision ID: b8d41f7e3a26
Revises: d81f4c2a9e60
Create Date: 2026-12-06 23:50:00.000000

`import isso|disqus|wordpress|remark42|json` stores the source system and the comment's id
there, so running the same import again adds nothing. Comments written here have neither.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8d41f7e3a26'
down_revision = "d81f4c2a9e60"


def upgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('import_source', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('import_id', sa.String(length=200), nullable=True))
        batch_op.create_index(
            'ix_comments_import_source_id', ['import_source', 'import_id'], unique=True
        )


def downgrade():
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index('ix_comments_import_source_id')
        batch_op.drop_column('import_id')
        batch_op.drop_column('import_source')
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite drops a column by rebuilding the table, which loses the expression index
        # (reflection cannot read it); the revision below this one expects it.
        op.execute(
            'CREATE INDEX IF NOT EXISTS ix_comments_email_lower_staff_label '
            'ON comments (lower(email), staff_label)'
        )
