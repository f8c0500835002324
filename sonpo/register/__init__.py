"""The register of issued quotations (見積台帳, docs/rules.md §11): each official 御見積書 numbered from a
counter, kept with what it was printed from, reprinted byte for byte, reissued as revisions, searched and
exported. SQLAlchemy and Alembic over SQLite (the default file) or PostgreSQL (by URL). An adapter: the core
never imports it."""

from sonpo.register.model import ExportRecord, Issued, Query, RegisterError
from sonpo.register.store import Register, default_url

__all__ = ["ExportRecord", "Issued", "Query", "Register", "RegisterError", "default_url"]
