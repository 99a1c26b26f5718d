"""moderators remember when they last opened the spam folder

Revision ID: 43975f663e85
Revises: 7d3b5e9a1c24
Create Date: 2026-12-06 21:10:00.000000

The queue tells each moderator how many items the filter filed in the spam folder since they
last opened it; that needs the moment, per moderator. Nullable: a moderator who never opened
the folder is told about everything in it.
"""
from service.data.migration_steps import add_columns, drop_columns, timestamp


# revision identifiers, used by Alembic.
revision = '43975f663e85'
down_revision = '7d3b5e9a1c24'


def upgrade():
    add_columns('moderators', timestamp('spam_folder_seen_at', nullable=True))


def downgrade():
    drop_columns('moderators', 'spam_folder_seen_at')
