"""moderators: the subject at the single sign-on provider

Revision ID: a7c3e9d1f5b2
Revises: d8b4f1a6c3e2
Create Date: 2026-12-07 02:45:00.000000

A staff account is linked to one person at the OpenID Connect provider by that person's `sub`
(stable, unlike an email address); empty for accounts that never used single sign-on.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e9d1f5b2'
down_revision = 'd8b4f1a6c3e2'


def upgrade():
    with op.batch_alter_table('moderators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('oidc_subject', sa.String(length=255), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_moderators_oidc_subject'), ['oidc_subject'])


def downgrade():
    with op.batch_alter_table('moderators', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_moderators_oidc_subject'), type_='unique')
        batch_op.drop_column('oidc_subject')
