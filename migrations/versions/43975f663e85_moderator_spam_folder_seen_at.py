"""moderators remember when they last opened the spam folder

Revision ID: 43975f663e85
Revises: 7d3b5e9a1c24
Create Date: 2026-12-06 21:10:00.000000

The queue tells each moderator how many items the filter filed in the spam folder since they
last opened it; that needs the moment, per moderator. Nullable: a moderator who never opened
the folder is told about everything in it.
"""
from alembic import op
import sqlalchemy as sa

import service.data.database


# revision identifiers, used by Alembic.
revision = '43975f663e85'
down_revision = '7d3b5e9a1c24'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('moderators', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'spam_folder_seen_at',
                service.data.database.UTCDateTime(timezone=True),
                nullable=True,
            )
        )


def downgrade():
    with op.batch_alter_table('moderators', schema=None) as batch_op:
        batch_op.drop_column('spam_folder_seen_at')
