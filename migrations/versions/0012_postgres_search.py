"""The PostgreSQL search engine's tables, extensions and text search configurations (PostgreSQL only)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 19:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return  # SQLite keeps its index in a file of its own (indexer/engines/embedded)
    from indexer.engines.postgres.schema import install

    install(bind)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from indexer.engines.postgres.schema import drop

    drop(bind)
