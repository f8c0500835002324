"""The issued quotations and the counters their numbers come from.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quotations",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("latest", sa.Boolean, nullable=False),
        sa.Column("issued", sa.Date, nullable=False),
        sa.Column("valid_days", sa.Integer, nullable=False),
        sa.Column("addressee", sa.String(200), nullable=False),
        sa.Column("addressee_key", sa.String(200), nullable=False),
        sa.Column("honorific", sa.String(8), nullable=False),
        sa.Column("issuer", sa.Text, nullable=False),
        sa.Column("case_query", sa.Text, nullable=False),
        sa.Column("lang", sa.String(2), nullable=False),
        sa.Column("plan", sa.String(16), nullable=False),
        sa.Column("months", sa.Integer, nullable=False),
        *(sa.Column(f"{total}_{part}", sa.BigInteger, nullable=False)
          for total in ("monthly", "one_time", "total") for part in ("excl", "tax", "incl")),
        sa.Column("effective_date", sa.Date, nullable=False),
        sa.Column("issued_by", sa.String(320), nullable=False),
        sa.Column("pdf_sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("number", "revision", name="uq_quotations_number_revision"),
    )
    op.create_index("ix_quotations_latest_issued", "quotations", ["latest", "issued"])
    op.create_table(
        "counters",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("counters")
    op.drop_index("ix_quotations_latest_issued", "quotations")
    op.drop_table("quotations")
