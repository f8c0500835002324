"""The register's tables as the newest migration leaves them (sonpo/register/migrations): SQLAlchemy Core."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

quotations = Table(
    "quotations", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("number", String(64), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("latest", Boolean, nullable=False),  # the newest revision of its number: what the list shows
    Column("issued", Date, nullable=False),
    Column("valid_days", Integer, nullable=False),
    Column("addressee", String(200), nullable=False),
    Column("addressee_key", String(200), nullable=False),  # folded for search (model.folded)
    Column("honorific", String(8), nullable=False),
    Column("issuer", Text, nullable=False),  # the Issuer as JSON
    Column("issuer_key", String(420), nullable=False),  # company and person, folded (added in 0002)
    Column("case_query", Text, nullable=False),  # Case.to_query() as JSON
    Column("lang", String(2), nullable=False),
    Column("plan", String(16), nullable=False),
    Column("months", Integer, nullable=False),
    Column("monthly_excl", BigInteger, nullable=False),
    Column("monthly_tax", BigInteger, nullable=False),
    Column("monthly_incl", BigInteger, nullable=False),
    Column("one_time_excl", BigInteger, nullable=False),
    Column("one_time_tax", BigInteger, nullable=False),
    Column("one_time_incl", BigInteger, nullable=False),
    Column("total_excl", BigInteger, nullable=False),
    Column("total_tax", BigInteger, nullable=False),
    Column("total_incl", BigInteger, nullable=False),
    Column("effective_date", Date, nullable=False),
    Column("issued_by", String(320), nullable=False),
    Column("pdf_sha256", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),  # UTC
    UniqueConstraint("number", "revision", name="uq_quotations_number_revision"),
    Index("ix_quotations_latest_issued", "latest", "issued"),
)

counters = Table(
    "counters", metadata,
    Column("name", String(64), primary_key=True),  # Numbering.counter: prefix and year
    Column("value", Integer, nullable=False),  # the last number given
)

issuer_profiles = Table(
    "issuer_profiles", metadata,
    Column("email", String(320), primary_key=True),
    Column("issuer", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

exports = Table(
    "exports", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("by", String(320), nullable=False),
    Column("at", DateTime, nullable=False),  # UTC
    Column("rows", Integer, nullable=False),
    Column("encoding", String(16), nullable=False),
    Column("query", Text, nullable=False),
)
