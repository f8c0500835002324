"""The register of issued quotations (docs/rules.md §11): SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Row,
    and_,
    create_engine,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError

from sonpo.case import Case
from sonpo.catalog import load_catalog
from sonpo.i18n import Lang
from sonpo.issuer import Issuer
from sonpo.money import Amount
from sonpo.names import DEFAULT_VALID_DAYS
from sonpo.quote import Quote, quote
from sonpo.register import schema
from sonpo.register.model import ExportRecord, Issued, Query, RegisterError, folded
from sonpo.register.numbering import Numbering

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PATH = ROOT / "var" / "register.sqlite3"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "0002"  # the newest migration (tests/unit/test_register.py holds it to Alembic's head): a register already
# there opens without loading Alembic (a process opening the register: 0.4 s less at start)
Encoding = Literal["utf-8-sig", "cp932"]
_MIGRATION_LOCK = 0x50_4F_4E_50  # PostgreSQL advisory lock: one process migrates at a time


def default_url() -> str:
    """SONPO_REGISTER_URL, else the SQLite file SONPO_REGISTER_PATH, else var/register.sqlite3 in the checkout."""
    url = os.environ.get("SONPO_REGISTER_URL")
    if url:
        return url
    return f"sqlite:///{Path(os.environ.get('SONPO_REGISTER_PATH') or DEFAULT_PATH)}"


LOGGER = "sqlalchemy.engine.Engine.sonpo_register"  # the register's engine logs here (logging_name)


class _NoRows(logging.Filter):
    """Drops the result rows SQLAlchemy logs at DEBUG ("Row %r"): they hold customers' names."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.msg not in ("Row %r", "CursorResult rewound %d row(s)")


logging.getLogger(LOGGER).addFilter(_NoRows())


def _engine(url: str) -> Engine:
    # No customer name in the logs: echo off; statements' parameters hidden from log lines and error messages
    # (hide_parameters), result rows dropped (_NoRows), whatever level the server sets SQLAlchemy's logging to.
    quiet: dict[str, Any] = {"hide_parameters": True, "logging_name": "sonpo_register"}
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, **quiet)
    path = url.split(":///", 1)[1] if ":///" in url else ""
    if path and path != ":memory:":
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:  # a file where the folder should be, no permission: said as for a database that is down
            raise RegisterError("unavailable", reason=e.strerror or str(e)) from None
    engine = create_engine(url, connect_args={"timeout": 60}, **quiet)

    @event.listens_for(engine, "connect")
    def _connect(dbapi: Any, _record: Any) -> None:
        dbapi.isolation_level = None  # transactions begin as _begin says, not as the driver guesses
        cursor = dbapi.cursor()
        cursor.execute("PRAGMA busy_timeout = 60000")
        cursor.execute("PRAGMA journal_mode = WAL")  # readers never wait for the writer
        cursor.execute("PRAGMA synchronous = NORMAL")  # WAL's durable-at-checkpoint mode
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # A writer takes the write lock when it begins: two issuers never read the same counter value.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

    return engine


class Register:
    """The issued quotations, their counters, staff's issuer profiles and the export log."""

    def __init__(self, engine: Engine, numbering: Numbering) -> None:
        self._engine = engine
        self.numbering = numbering

    # ---- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None, *, number_format: str | None = None,
             prefix: str | None = None) -> Register:
        """The register at `url` (default: default_url()), created or upgraded to the newest schema. The number
        format and prefix: as given, else SONPO_QUOTE_FORMAT / SONPO_QUOTE_PREFIX, else Q2026-00001."""
        numbering = Numbering.from_env(number_format, prefix)
        engine = _engine(url or default_url())
        try:
            upgrade(engine)
        except OperationalError as e:
            engine.dispose()
            raise RegisterError("unavailable", reason=_reason(e)) from None
        except Exception as e:
            from alembic.util import CommandError

            engine.dispose()
            if isinstance(e, CommandError):  # a schema this code does not know (made by a newer version)
                raise RegisterError("schema_unknown", reason=str(e)) from None
            raise
        return cls(engine, numbering)

    def close(self) -> None:
        self._engine.dispose()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                conn.execution_options(write=True)
                with conn.begin():
                    yield conn
        except OperationalError as e:
            raise RegisterError("unavailable", reason=_reason(e)) from None

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                yield conn
        except OperationalError as e:
            raise RegisterError("unavailable", reason=_reason(e)) from None

    # ---- issuing ----------------------------------------------------------------------

    def issue(self, case: Case, *, issuer: Issuer, issued_by: str, issued: dt.date, lang: Lang,
              valid_days: int = DEFAULT_VALID_DAYS) -> Issued:
        """Register and number a new 見積書 of `case` (revision 1). The number is drawn in the same transaction
        that records it: a refused or failed issue uses none (no gaps)."""
        q = _priced(case, valid_days)  # refused before any lock is taken
        with self._write() as conn:
            seq = self._next(conn, self.numbering.counter(issued))
            number = self.numbering.number(issued, seq)
            return self._record(conn, number, 1, case, q, issuer, issued_by, issued, lang, valid_days)

    def reissue(self, number: str, *, case: Case | None = None, issuer: Issuer | None = None, issued_by: str,
                issued: dt.date, lang: Lang, valid_days: int | None = None) -> Issued:
        """A new revision of `number` (its case, issuer and validity unless given), priced today; the earlier
        revisions are kept."""
        t = schema.quotations
        with self._write() as conn:
            # The first revision's row is the number's lock (it never changes, so a reissuer that waited for it
            # still finds it); the latest revision is read after the lock is held, so it is the newest committed.
            number = number.strip()
            first = conn.execute(select(t.c.id).where(t.c.number == number, t.c.revision == 1).with_for_update())
            if first.first() is None:
                raise RegisterError("not_found", number=number)
            row = conn.execute(select(t).where(t.c.number == number, t.c.latest)).one()
            old = _issued(row)
            case = case or old.case
            days = valid_days or old.valid_days
            q = _priced(case, days)
            conn.execute(update(schema.quotations).where(schema.quotations.c.id == row.id).values(latest=False))
            return self._record(conn, number, old.revision + 1, case, q, issuer or old.issuer, issued_by, issued,
                                lang, days)

    def _next(self, conn: Connection, counter: str) -> int:
        """The counter's next value, the row locked until the transaction ends."""
        c = schema.counters
        if conn.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert
            conn.execute(pg_insert(c).values(name=counter, value=0).on_conflict_do_nothing())
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert
            conn.execute(sqlite_insert(c).values(name=counter, value=0).on_conflict_do_nothing())
        value = conn.execute(update(c).where(c.c.name == counter).values(value=c.c.value + 1).returning(c.c.value))
        return int(value.scalar_one())

    def _record(self, conn: Connection, number: str, revision: int, case: Case, q: Quote, issuer: Issuer,
                issued_by: str, issued: dt.date, lang: Lang, valid_days: int) -> Issued:
        pdf = render(case, q, issuer, issued, lang, valid_days, number, revision)
        query = case.to_query()
        if Case.from_query(query)[0] != case:  # pragma: no cover - the link codec is exact (tests/unit/test_case)
            raise RegisterError("link_inexact")
        period = q.period
        values: dict[str, Any] = {
            "number": number, "revision": revision, "latest": True, "issued": issued, "valid_days": valid_days,
            "addressee": case.addressee, "addressee_key": folded(case.addressee), "honorific": case.honorific,
            "issuer": issuer.model_dump_json(), "issuer_key": _issuer_key(issuer),
            "case_query": json.dumps(query, ensure_ascii=False, sort_keys=True), "lang": lang,
            "plan": q.selection.plan, "months": period.months,
            **_amount("monthly", q.monthly), **_amount("one_time", q.initial),
            **_amount("total", Amount(period.excl_tax, period.tax, period.incl_tax)),
            "effective_date": q.effective_date, "issued_by": issued_by,
            "pdf_sha256": hashlib.sha256(pdf).hexdigest(), "created_at": _now(),
        }
        try:
            conn.execute(insert(schema.quotations).values(**values))
        except IntegrityError:
            raise RegisterError("number_taken", number=number) from None
        return _issued(values, pdf)

    # ---- reading ----------------------------------------------------------------------

    def find(self, number: str, revision: int | None = None) -> Issued | None:
        """The latest revision of `number` (or the one asked for); None if there is none."""
        t = schema.quotations
        cond = t.c.latest if revision is None else t.c.revision == revision
        with self._read() as conn:
            row = conn.execute(select(t).where(t.c.number == number.strip(), cond)).first()
        return None if row is None else _issued(row)

    def revisions(self, number: str) -> list[Issued]:
        """Every revision of `number`, the first first."""
        t = schema.quotations
        with self._read() as conn:
            rows = conn.execute(select(t).where(t.c.number == number.strip()).order_by(t.c.revision)).all()
        return [_issued(r) for r in rows]

    def search(self, q: Query, *, limit: int = 100, offset: int = 0) -> tuple[list[Issued], int]:
        """The latest revision of each number matching `q`, newest first, a page of them; and how many match."""
        t = schema.quotations
        where = _where(q)
        with self._read() as conn:
            total = conn.execute(select(func.count()).select_from(t).where(where)).scalar_one()
            rows = conn.execute(select(t).where(where).order_by(t.c.issued.desc(), t.c.id.desc())
                                .limit(limit).offset(offset)).all()
        return [_issued(r) for r in rows], int(total)

    def all_matching(self, q: Query) -> Iterator[Issued]:
        t = schema.quotations
        with self._read() as conn:
            for row in conn.execute(select(t).where(_where(q)).order_by(t.c.issued.desc(), t.c.id.desc())):
                yield _issued(row)

    # ---- the document -------------------------------------------------------------------

    def pdf(self, issued: Issued) -> bytes:
        """The registered 見積書 printed again, byte for byte. Refused (RegisterError) when the price list has
        changed since, rather than print other prices under the same number."""
        now = load_catalog().effective_date
        if now != issued.effective_date:
            raise RegisterError("catalog_changed", number=issued.number, revision=issued.revision,
                                then=issued.effective_date.isoformat(), now=now.isoformat())
        case = issued.case
        data = render(case, _priced(case, issued.valid_days), issued.issuer, issued.issued, issued.lang,
                      issued.valid_days, issued.number, issued.revision)
        if hashlib.sha256(data).hexdigest() != issued.pdf_sha256:
            raise RegisterError("reprint_differs", number=issued.number, revision=issued.revision)
        return data

    # ---- export ---------------------------------------------------------------------------

    def export_csv(self, q: Query, *, by: str, encoding: Encoding, lang: Lang = "ja") -> bytes:
        """The list matching `q` (latest revisions, newest first) as CSV that Excel opens safely; the export is
        recorded (who, when, how many rows) in the same go."""
        from sonpo.register.export import to_csv

        rows = list(self.all_matching(q))
        data = to_csv(rows, encoding, lang)
        with self._write() as conn:
            conn.execute(insert(schema.exports).values(
                by=by, at=_now(), rows=len(rows), encoding=encoding,
                query=json.dumps(_query_json(q), ensure_ascii=False, sort_keys=True)))
        return data

    def exports(self) -> list[ExportRecord]:
        """Every export of the list, the newest first."""
        t = schema.exports
        with self._read() as conn:
            rows = conn.execute(select(t).order_by(t.c.id.desc())).all()
        return [ExportRecord(r.by, r.at.replace(tzinfo=dt.UTC), r.rows, r.encoding, json.loads(r.query))
                for r in rows]

    # ---- staff's issuer profiles -------------------------------------------------------------

    def profile(self, email: str) -> Issuer | None:
        t = schema.issuer_profiles
        with self._read() as conn:
            found = conn.execute(select(t.c.issuer).where(t.c.email == _email(email))).scalar_one_or_none()
        return None if found is None else Issuer.model_validate_json(found)

    def save_profile(self, email: str, issuer: Issuer) -> None:
        t = schema.issuer_profiles
        key = _email(email)
        with self._write() as conn:
            done = conn.execute(update(t).where(t.c.email == key).values(
                issuer=issuer.model_dump_json(), updated_at=_now()))
            if not done.rowcount:
                conn.execute(insert(t).values(email=key, issuer=issuer.model_dump_json(), updated_at=_now()))


# ---- migrations ----------------------------------------------------------------------------


def alembic_config(conn: Connection | None = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision`, one process at a time. The version is read before anything else: a register
    at the newest schema opens without loading Alembic, and a process that waited while another migrated finds the
    work done without holding the write lock for long (twenty processes starting at once on a busy machine would
    otherwise queue behind each other's Alembic for longer than the database waits)."""
    if revision == "head":
        try:
            with engine.connect() as conn:
                if _version(conn) == HEAD:
                    return
        except OperationalError:
            pass  # a database being created: the locked path below waits for it
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn:
        conn.execution_options(write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
            if revision == "head" and _version(conn) == HEAD:
                return
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)


def _version(conn: Connection) -> str | None:
    """The schema's Alembic revision, None for a new database."""
    from sqlalchemy import inspect

    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with engine.connect() as conn:
        conn.execution_options(write=True)
        with conn.begin():
            command.downgrade(alembic_config(conn), revision)


# ---- helpers ------------------------------------------------------------------------------


def _priced(case: Case, valid_days: int) -> Quote:
    from sonpo.documents.quotation import check_document_fields

    check_document_fields(case.addressee, valid_days)
    return quote(case.selection())


def render(case: Case, q: Quote, issuer: Issuer, issued: dt.date, lang: Lang, valid_days: int, number: str,
           revision: int) -> bytes:
    """The 見積書 as the estimate's documents dialog prints it (its schedule from the issue date), numbered."""
    from sonpo.documents import quote_pdf
    from sonpo.timeline import schedule

    return quote_pdf(q, lang=lang, addressee=case.addressee, honorific=case.honorific, issued=issued,
                     valid_days=valid_days, issuer=issuer, schedule=schedule(case.schedule_request(issued)),
                     number=number, revision=revision)


def _where(q: Query) -> ColumnElement[bool]:
    t = schema.quotations
    conds: list[ColumnElement[bool]] = [t.c.latest.is_(True)]
    if q.addressee.strip():
        conds.append(t.c.addressee_key.contains(folded(q.addressee), autoescape=True))
    if q.number.strip():
        conds.append(func.lower(t.c.number).contains(folded(q.number), autoescape=True))
    if q.issuer.strip():
        conds.append(t.c.issuer_key.contains(folded(q.issuer), autoescape=True))
    if q.date_from is not None:
        conds.append(t.c.issued >= q.date_from)
    if q.date_to is not None:
        conds.append(t.c.issued <= q.date_to)
    if q.plan is not None:
        conds.append(t.c.plan == q.plan)
    return and_(*conds)


def _query_json(q: Query) -> dict[str, str]:
    return {k: v.isoformat() if isinstance(v, dt.date) else str(v)
            for k, v in vars(q).items() if v not in (None, "")}


def _issuer_key(issuer: Issuer) -> str:
    return "\n".join(folded(getattr(issuer, f)) for f in ("company", "person"))


def _amount(name: str, a: Amount) -> dict[str, int]:
    return {f"{name}_excl": a.excl_tax, f"{name}_tax": a.tax, f"{name}_incl": a.incl_tax}


def _issued(row: Row[Any] | Mapping[str, Any], printed: bytes | None = None) -> Issued:
    r = cast(Mapping[str, Any], row._mapping if isinstance(row, Row) else row)

    def amount(name: str) -> Amount:
        return Amount(r[f"{name}_excl"], r[f"{name}_tax"], r[f"{name}_incl"])

    created = r["created_at"]
    return Issued(
        number=r["number"], revision=r["revision"], issued=r["issued"], valid_days=r["valid_days"],
        addressee=r["addressee"], honorific=r["honorific"], issuer=Issuer.model_validate_json(r["issuer"]),
        query=json.loads(r["case_query"]), lang=cast(Lang, r["lang"]), plan=r["plan"], months=r["months"],
        monthly=amount("monthly"), one_time=amount("one_time"), total=amount("total"),
        effective_date=r["effective_date"], issued_by=r["issued_by"], pdf_sha256=r["pdf_sha256"],
        created_at=created.replace(tzinfo=dt.UTC), printed=printed,
    )


def _email(email: str) -> str:
    return email.strip().lower()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _reason(e: OperationalError) -> str:
    """The driver's first line, without the statement (which could hold a customer's name)."""
    return str(e.orig).strip().splitlines()[0] if e.orig is not None else type(e).__name__
