"""an index on service.source_id: services named by the id they were imported with are found by index

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 21:20:00

"""
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.create_index('ix_service_source_id', ['source_id'], unique=False)


def downgrade():
    with op.batch_alter_table('service', schema=None) as batch_op:
        batch_op.drop_index('ix_service_source_id')
