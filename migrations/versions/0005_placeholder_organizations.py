"""placeholder organizations

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:30:00.000000

Organizations the importer makes for ids that services point to but the source's files lack carry a mark
(`organization.placeholder`) that the run report and `carrefour dedupe --report` show; an import that brings
the real organization clears it.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('placeholder', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.drop_column('placeholder')
