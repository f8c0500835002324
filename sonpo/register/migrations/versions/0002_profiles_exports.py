"""Staff's issuer profiles, the export log, and the issuer as a search key of each quotation.

Revision ID: 0002
Revises: 0001
"""

import json
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _key(issuer_json: str) -> str:
    """As sonpo.register.store writes it (model.folded of the company and the person, on two lines); written
    out here so that this migration keeps its meaning whatever the code becomes."""
    issuer = json.loads(issuer_json)
    return "\n".join(unicodedata.normalize("NFKC", issuer.get(f, "")).casefold().strip()
                     for f in ("company", "person"))


def upgrade() -> None:
    with op.batch_alter_table("quotations") as batch:
        batch.add_column(sa.Column("issuer_key", sa.String(420), nullable=False, server_default=""))
    quotations = sa.table("quotations", sa.column("id", sa.Integer), sa.column("issuer", sa.Text),
                          sa.column("issuer_key", sa.String))
    conn = op.get_bind()
    for row_id, issuer in conn.execute(sa.select(quotations.c.id, quotations.c.issuer)).all():
        conn.execute(sa.update(quotations).where(quotations.c.id == row_id).values(issuer_key=_key(issuer)))
    op.create_table(
        "issuer_profiles",
        sa.Column("email", sa.String(320), primary_key=True),
        sa.Column("issuer", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "exports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("by", sa.String(320), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("encoding", sa.String(16), nullable=False),
        sa.Column("query", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("exports")
    op.drop_table("issuer_profiles")
    with op.batch_alter_table("quotations") as batch:
        batch.drop_column("issuer_key")
