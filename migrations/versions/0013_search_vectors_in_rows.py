"""The PostgreSQL search index keeps each document's vector in its row and its payload in the TOAST table

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 20:00:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from indexer.engines.postgres.schema import keep_vectors_in_rows

    keep_vectors_in_rows(bind)  # rows already written keep their layout until `carrefour index` rewrites them


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE search_doc ALTER COLUMN tsv SET STORAGE EXTENDED, "
        "ALTER COLUMN payload SET STORAGE EXTENDED"
    )
