"""Bulk quotes (一括見積り): one quote per row of a CSV that Japanese Excel saved, and a CSV it opens (issue 4).

The same engine serves the page (upload or typed rows) and `python -m sonpo bulk`:

- `read_csv(data)` detects the encoding (UTF-8 with or without BOM, CP932), finds the header row
  (Japanese or English headers, see `COLUMNS` and `data/i18n/*/bulk.toml`) and refuses a file that
  is too large, empty, not a text CSV, headerless or longer than `MAX_ROWS` rows.
- `quote_table(table, lang)` quotes each row on its own with `sonpo.quote`; a refused row keeps its
  cells and gets every problem ("<field>: <rule>") in the error column. Row order is kept.
- `to_bytes(result, encoding)` writes the input columns plus the totals as UTF-8 with BOM (default)
  or CP932, with text cells neutralised against formula injection (OWASP "CSV injection").
"""

from __future__ import annotations

import argparse
import codecs
import csv
import gc
import io
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal, cast

from sonpo.catalog import PLAN_IDS, Catalog, DomainKind, PlanId, load_catalog
from sonpo.errors import DomainError, InvalidSelection
from sonpo.export import Cell, to_csv
from sonpo.i18n import LANGS, Lang, t
from sonpo.parse import parse_bool, parse_int
from sonpo.quote import Selection, check, quote

MAX_ROWS = 100_000
MAX_BYTES = 10 * 1024 * 1024  # the page's limit (.streamlit/config.toml server.maxUploadSize = 10 MB)
Encoding = Literal["utf-8-sig", "cp932"]

ColumnKind = Literal["text", "number"]
DOMAIN_KINDS: tuple[DomainKind, ...] = ("own", "sub", "designated")
# Excel runs a cell starting with one of these as a formula (OWASP: CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?")


@dataclass(frozen=True)
class Column:
    """One input column: its id (also its English header) and other names it is known by."""

    id: str
    kind: ColumnKind
    required: bool = False
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("name", "text", aliases=("agency", "agency_name")),
    Column("plan", "text", required=True),
    Column("ids", "number", required=True),
    Column("domain", "text", aliases=("domain_kind",)),
    Column("domains", "number", aliases=("dns_hosting", "dns_hosting_domains")),
    Column("msb_licences", "number", aliases=("msb", "msb_licenses", "マイセキュアビジネス")),
    Column("mail_archive_ids", "number", aliases=("mail_archive",)),
    Column("iijid_ids", "number", aliases=("iijid",)),
    Column("dns_zone_support", "text", aliases=("dns_support",)),
    Column("months", "number", aliases=("period", "期間")),
)
COLUMN_IDS = tuple(c.id for c in COLUMNS)
_KIND = {c.id: c.kind for c in COLUMNS}
RESULT_IDS = (
    "status", "monthly_excl", "monthly_incl", "initial_excl", "initial_incl",
    "period_months", "period_excl", "period_incl",
)  # then one count per MSB pack size, the licences covered, and the error column
_PER_ID_ALL = {"all", "すべて", "全て", "全id"}


class BulkFileError(DomainError):
    """The file as a whole is refused (too large, not CSV, no header...); no row is quoted."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, "file", **params)

    def message(self, lang: Lang = "ja") -> str:
        return t(f"bulk.error.{self.code}", lang, **self.params)

    def field_label(self, lang: Lang = "ja") -> str:
        return t("bulk.file", lang)


@contextmanager
def _batch() -> Iterator[None]:
    """No cyclic garbage collection while a large file is read, quoted or written: the batch
    allocates millions of small, acyclic objects, and the collector's passes over them cost a
    third of the time on 100,000 rows. Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _key(text: str) -> str:
    """How headers and choices are compared: NFKC (full-width to ASCII), case-free, no blanks or _ -."""
    return re.sub(r"[\s_\-・]", "", unicodedata.normalize("NFKC", text).casefold())


@cache
def _header_names() -> dict[str, str]:
    """Every header text that names an input column, in any language, → column id."""
    names: dict[str, str] = {}
    for c in COLUMNS:
        candidates = [c.id, *c.aliases]
        for lang in LANGS:
            candidates += [t(f"bulk.column.{c.id}", lang), t(f"field.{c.id}", lang)]
        for name in candidates:
            names.setdefault(_key(name), c.id)
    return names


def _earlier_results(header: Sequence[str]) -> set[int]:
    """Positions of the result columns of an earlier run (all of them, in one language), so that a
    corrected result file can be uploaded again and is computed afresh. A lone 'error' column stays."""
    keys = [_key(h) for h in header]
    for lang in LANGS:
        wanted = {_key(h) for h in result_header(lang)}
        if wanted <= set(keys):
            return {i for i, k in enumerate(keys) if k in wanted}
    return set()


@cache
def _plan_names() -> dict[str, PlanId]:
    names: dict[str, PlanId] = {}
    for p in PLAN_IDS:
        for lang in LANGS:
            for key in ("name", "special"):
                text = t(f"plan.{p}.{key}", lang)
                if text != f"plan.{p}.{key}":
                    names[_key(text)] = p
                    names[_key(text.removesuffix("プラン").removesuffix(" Plan").removesuffix("Plan"))] = p
        names[_key(p)] = p
    return names


@cache
def _domain_names() -> dict[str, DomainKind]:
    names: dict[str, DomainKind] = {}
    for d in DOMAIN_KINDS:
        names[_key(d)] = d
        for lang in LANGS:
            full = t(f"domain.{d}", lang)
            names[_key(full)] = d
            names[_key(re.split(r"[（(]", full)[0])] = d  # 'サブドメイン（NTTCom発行…）' → 'サブドメイン'
    names[_key("subdomain")] = "sub"
    return names


# ---- reading ------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """Rows as text, as uploaded. `columns[i]` is the id of input column i, or None (kept as it is)."""

    header: list[str]
    rows: list[list[str]]
    columns: list[str | None]
    encoding: str = "utf-8"
    blank_rows: int = 0
    recomputed_columns: int = 0  # result columns of an earlier run, dropped and computed afresh


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV and the encoding it was in: BOM → UTF-8; else strict UTF-8; else CP932."""
    if b"\x00" in data or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BulkFileError("not_csv")  # binary (xlsx, images) or UTF-16 text
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise BulkFileError("not_text") from None
    for encoding in ("utf-8", "cp932"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise BulkFileError("not_text")


def _blank(row: Sequence[str]) -> bool:
    return all(not c.strip() for c in row)


def read_csv(data: bytes, max_bytes: int | None = MAX_BYTES, max_rows: int = MAX_ROWS) -> Table:
    """Decode and split an uploaded CSV, or raise BulkFileError saying why it cannot be used."""
    if max_bytes is not None and len(data) > max_bytes:
        raise BulkFileError("too_large", size=_mb(len(data)), max=_mb(max_bytes))
    text, encoding = decode(data)
    if not text.strip():
        raise BulkFileError("empty")
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","  # a paste saved from Excel
    rows: list[list[str]] = []
    blank = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if _blank(row):
                blank += 1
                continue
            rows.append(row)
            if len(rows) > max_rows + 1:  # + the header row
                raise BulkFileError("too_many_rows", max=f"{max_rows:,}")
    except csv.Error as e:
        raise BulkFileError("not_csv_detail", detail=str(e)) from None
    if not rows:
        raise BulkFileError("empty")
    table = make_table(rows[0], rows[1:], encoding=encoding, blank_rows=blank, max_rows=max_rows)
    if not table.rows:
        raise BulkFileError("empty")  # a header and nothing under it
    return table


def make_table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    encoding: str = "utf-8",
    blank_rows: int = 0,
    max_rows: int = MAX_ROWS,
) -> Table:
    """A table from a header and rows of text (the page's typed rows come in here too)."""
    names = _header_names()
    earlier = _earlier_results(header)
    columns: list[str | None] = []
    keep: list[int] = []
    seen: dict[str, str] = {}
    for i, raw in enumerate(header):
        if i in earlier:
            continue
        col = names.get(_key(raw))
        if col is not None:
            if col in seen:
                raise BulkFileError("duplicate_column", first=seen[col].strip(), second=raw.strip())
            seen[col] = raw
        columns.append(col)
        keep.append(i)
    missing = [c.id for c in COLUMNS if c.required and c.id not in seen]
    if missing:
        raise BulkFileError(
            "no_header",
            ja="、".join(f"「{t(f'bulk.column.{c}', 'ja')}」" for c in COLUMN_IDS),
            en=", ".join(COLUMN_IDS),
        )
    body: list[list[str]] = []
    for r in rows:
        if _blank(r):
            blank_rows += 1
        else:
            body.append(list(r))
    if len(body) > max_rows:
        raise BulkFileError("too_many_rows", max=f"{max_rows:,}")
    width = max([len(header), *(len(r) for r in body)])
    head = [*header, *([""] * (width - len(header)))]
    extra = list(range(len(header), width))  # cells beyond the header are kept too
    out_rows = [[(r[i] if i < len(r) else "") for i in keep + extra] for r in body]
    return Table(
        header=[head[i] for i in keep + extra],
        rows=out_rows,
        columns=columns + [None] * len(extra),
        encoding=encoding,
        blank_rows=blank_rows,
        recomputed_columns=len(header) - len(keep),
    )


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}"


# ---- quoting ------------------------------------------------------------------------


@dataclass(frozen=True)
class RowOutcome:
    """A quoted row's numbers (in `result_header` order, without status and error), or its errors."""

    values: tuple[int, ...] | None
    errors: tuple[DomainError, ...] = ()


@dataclass(frozen=True)
class BulkResult:
    """Every input row, in order, with its outcome. Text is rendered in `lang`."""

    table: Table
    outcomes: list[RowOutcome]
    lang: Lang
    pack_sizes: tuple[int, ...] = field(default=())

    @property
    def quoted(self) -> int:
        return sum(1 for o in self.outcomes if o.values is not None)

    @property
    def refused(self) -> int:
        return len(self.outcomes) - self.quoted

    def header(self) -> list[str]:
        return [*self.table.header, *result_header(self.lang)]

    def error_text(self, outcome: RowOutcome) -> str:
        return " / ".join(f"{e.field_label(self.lang)}: {e.message(self.lang)}" for e in outcome.errors)

    def rows(self) -> list[list[str | int | None]]:
        """Input cells as uploaded, then status, totals, packs and the error; None where nothing applies."""
        ok, ng = t("bulk.result.ok", self.lang), t("bulk.result.refused", self.lang)
        blank: list[str | int | None] = [None] * (len(RESULT_IDS) - 1 + len(self.pack_sizes) + 1)
        out: list[list[str | int | None]] = []
        for cells, o in zip(self.table.rows, self.outcomes, strict=True):
            if o.values is not None:
                out.append([*cells, ok, *o.values, ""])
            else:
                out.append([*cells, ng, *blank, self.error_text(o)])
        return out

    def refused_rows(self) -> list[tuple[int, str, str]]:
        """(data row number from 1, agency name, error text) of every refused row."""
        name = self.table.columns.index("name") if "name" in self.table.columns else None
        return [
            (i, "" if name is None else cells[name], self.error_text(o))
            for i, (cells, o) in enumerate(zip(self.table.rows, self.outcomes, strict=True), start=1)
            if o.values is None
        ]

    def summary(self) -> str:
        text = t("bulk.summary", self.lang, quoted=f"{self.quoted:,}", refused=f"{self.refused:,}")
        if self.table.blank_rows:
            text += t("bulk.blank_rows", self.lang, n=f"{self.table.blank_rows:,}")
        if self.table.recomputed_columns:
            text += t("bulk.recomputed", self.lang, n=self.table.recomputed_columns)
        return text


def result_header(lang: Lang, catalog: Catalog | None = None) -> list[str]:
    sizes = _pack_sizes(catalog or load_catalog())
    return [
        *(t(f"bulk.result.{r}", lang) for r in RESULT_IDS),
        *(t("bulk.result.msb_pack", lang, size=s) for s in sizes),
        t("bulk.result.msb_covered", lang),
        t("bulk.result.error", lang),
    ]


def _pack_sizes(cat: Catalog) -> tuple[int, ...]:
    return tuple(sorted((p.size for p in cat.option("msb").packs), reverse=True))


def _parse_plan(value: str) -> PlanId:
    plan = _plan_names().get(_key(value))
    if plan is None:
        if not value.strip():
            raise DomainError("required", "plan")
        choices = ", ".join([*PLAN_IDS, *(t(f"plan.{p}.name", "ja") for p in PLAN_IDS)])
        raise DomainError("unknown_value", "plan", value=value, choices=choices)
    return plan


def _parse_domain(value: str) -> DomainKind | None:
    if not value.strip():
        return None
    domain = _domain_names().get(_key(value))
    if domain is None:
        choices = ", ".join([*DOMAIN_KINDS, *(t(f"bulk.domain_short.{d}", "ja") for d in DOMAIN_KINDS)])
        raise DomainError("unknown_value", "domain", value=value, choices=choices)
    return domain


_FIELD_ORDER = {c: i for i, c in enumerate(COLUMN_IDS)}
_HUGE = 10**9  # stands in for an unreadable ID count: no per-ID rule fires against it


def _int(field_id: str, text: str, default: int | None) -> int:
    if text.isascii() and text.isdigit():  # the common case, without parse_int's normalisation
        return int(text)
    return parse_int(field_id, text, default=default)


def _parse_ids(text: str) -> int:
    if not text.strip():
        raise DomainError("required", "ids")
    return _int("ids", text, None)


def _parse_domains(text: str) -> int | None:
    return _int("domains", text, None) if text.strip() else None


def _per_id(field_id: str) -> Callable[[str], int | None]:
    """A per-ID option's count; None for 'all' (every ID of the contract)."""

    def parse(text: str) -> int | None:
        if _key(text) in _PER_ID_ALL:
            return None
        return _int(field_id, text, 0)

    return parse


# column → (parse, the neutral value used when the cell cannot be read)
_PARSERS: dict[str, tuple[Callable[[str], object], object]] = {
    "plan": (_parse_plan, None),
    "ids": (_parse_ids, _HUGE),
    "domain": (_parse_domain, None),
    "domains": (_parse_domains, None),
    "msb_licences": (lambda v: _int("msb_licences", v, 0), 0),
    "mail_archive_ids": (_per_id("mail_archive_ids"), 0),
    "iijid_ids": (_per_id("iijid_ids"), 0),
    "dns_zone_support": (lambda v: parse_bool("dns_zone_support", v), False),
    "months": (lambda v: _int("months", v, 12), 12),
}


class _Quoter:
    """Quotes rows of text cells. Cells and whole rows seen before are not read or quoted twice."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.pack_sizes = _pack_sizes(catalog)
        self.cells: dict[tuple[str, str], tuple[object, DomainError | None]] = {}

    def read(self, column: str, text: str) -> tuple[object, DomainError | None]:
        hit = self.cells.get((column, text))
        if hit is None:
            parse, neutral = _PARSERS[column]
            try:
                hit = (parse(text), None)
            except DomainError as e:
                hit = (neutral, e.with_traceback(None))  # kept without its frames (no reference cycle)
            self.cells[(column, text)] = hit
        return hit

    def row(self, cells: dict[str, str]) -> RowOutcome:
        """Every cell read, then every rule checked. A cell that cannot be read is reported once and
        stands in as a neutral value, so the rest of the row is still checked."""
        values: dict[str, object] = {}
        errors: list[DomainError] = []
        failed: set[str] = set()
        for column in _PARSERS:
            value, error = self.read(column, cells.get(column, ""))
            values[column] = value
            if error is not None:
                errors.append(error)
                failed.add(column)
        plan = values["plan"]
        if plan is None:
            return RowOutcome(None, tuple(errors))
        ids = cast(int, values["ids"])
        for f in ("mail_archive_ids", "iijid_ids"):
            if values[f] is None:  # 'all': every ID of the contract (0 while the ID count is unreadable)
                values[f] = 0 if "ids" in failed else ids
        sel = Selection(
            plan=cast("PlanId", plan),
            ids=ids,
            domain=cast("DomainKind | None", values["domain"]),
            domains=cast("int | None", values["domains"]),
            msb_licences=cast(int, values["msb_licences"]),
            mail_archive_ids=cast(int, values["mail_archive_ids"]),
            iijid_ids=cast(int, values["iijid_ids"]),
            dns_zone_support=cast(bool, values["dns_zone_support"]),
            months=cast(int, values["months"]),
        )
        if errors:
            errors += [e for e in check(sel, self.catalog) if e.field not in failed]
            errors.sort(key=lambda e: _FIELD_ORDER.get(e.field, len(_FIELD_ORDER)))
            return RowOutcome(None, tuple(errors))
        try:
            q = quote(sel, self.catalog)  # quote() checks every rule, once
        except InvalidSelection as e:
            return RowOutcome(None, e.errors)
        packs = q.msb_packs
        return RowOutcome(
            (
                q.monthly.excl_tax, q.monthly.incl_tax, q.initial.excl_tax, q.initial.incl_tax,
                q.period.months, q.period.excl_tax, q.period.incl_tax,
                *(packs.counts.get(s, 0) for s in self.pack_sizes), packs.licences,
            )
        )


def quote_row(cells: dict[str, str], catalog: Catalog | None = None) -> RowOutcome:
    """One row of text cells keyed by column id (a missing column reads as an empty cell)."""
    return _Quoter(catalog or load_catalog()).row(cells)


def quote_table(table: Table, lang: Lang = "ja", catalog: Catalog | None = None) -> BulkResult:
    """Quote every row on its own. Rows asking for the same thing share one quote (a quote is a
    pure function of the selection and the price list), so a file of similar agencies is fast."""
    quoter = _Quoter(catalog or load_catalog())
    positions = [(col, i) for i, col in enumerate(table.columns) if col is not None]
    memo: dict[tuple[str, ...], RowOutcome] = {}
    outcomes: list[RowOutcome] = []
    for row in table.rows:
        key = tuple(row[i] for _, i in positions)
        outcome = memo.get(key)
        if outcome is None:
            outcome = memo[key] = quoter.row({col: row[i] for col, i in positions})
        outcomes.append(outcome)
    return BulkResult(table=table, outcomes=outcomes, lang=lang, pack_sizes=quoter.pack_sizes)


# ---- writing ------------------------------------------------------------------------


def neutralise(text: str, kind: Literal["text", "auto"] = "text") -> str:
    """A cell Excel would run as a formula, made plain text with a leading single quote (OWASP).

    `auto` (number columns, unknown columns): a plain number such as '-5' or '1,500' stays a number.
    """
    if text.startswith(FORMULA_START) and not (kind == "auto" and _NUMBER.fullmatch(text)):
        return "'" + text
    return text


def output_rows(result: BulkResult) -> list[list[Cell]]:
    """The header and every row, ready for CSV: numbers as numbers, text neutralised."""
    kinds: list[Literal["text", "auto"]] = [
        "text" if col is not None and _KIND[col] == "text" else "auto" for col in result.table.columns
    ]
    n_in = len(kinds)
    out: list[list[Cell]] = [[neutralise(h) for h in result.header()]]
    for row in result.rows():
        cells: list[Cell] = []
        for i, c in enumerate(row):
            if c is None:
                cells.append("")
            elif isinstance(c, int):
                cells.append(c)
            else:
                cells.append(neutralise(c, kinds[i] if i < n_in else "text"))
        out.append(cells)
    return out


def to_bytes(result: BulkResult, encoding: Encoding = "utf-8-sig") -> bytes:
    """The result file: UTF-8 with BOM (Excel's double-click reads it right) or CP932 (Shift_JIS).

    CP932 cannot hold every character (emoji, some symbols): the error names the first row,
    column and character that cannot be written, and how many rows are affected.
    """
    rows = output_rows(result)
    if encoding == "utf-8-sig":
        return to_csv(rows, bom=True).encode("utf-8")
    text = to_csv(rows, bom=False)
    try:
        return text.encode("cp932")
    except UnicodeEncodeError:
        pass
    raise _unencodable(rows, result.lang)


def _unencodable(rows: list[list[Cell]], lang: Lang) -> BulkFileError:
    bad: list[tuple[int, int, str]] = []  # (row, column, char); row 0 is the header
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if isinstance(cell, str):
                try:
                    cell.encode("cp932")
                except UnicodeEncodeError as e:
                    bad.append((r, c, cell[e.start]))
                    break
    r, c, char = bad[0]
    column = str(rows[0][c]).lstrip("'")
    codepoint = f"U+{ord(char):04X}"
    if r == 0:
        return BulkFileError("unencodable_header", column=column, char=char, codepoint=codepoint)
    others = len(bad) - 1
    return BulkFileError(
        "unencodable_more" if others else "unencodable", row=r, column=column, char=char, codepoint=codepoint,
        others=others,
    )


@dataclass(frozen=True)
class Download:
    """What the page offers: the result, its UTF-8 (BOM) file, and its CP932 file or why there is none."""

    result: BulkResult
    utf8: bytes
    cp932: bytes | None
    cp932_error: BulkFileError | None


def quote_file(data: bytes, lang: Lang = "ja", max_bytes: int | None = MAX_BYTES) -> Download:
    """An uploaded file read, quoted and written in both encodings (raises BulkFileError)."""
    with _batch():
        return download(quote_table(read_csv(data, max_bytes=max_bytes), lang))


def download(result: BulkResult) -> Download:
    try:
        cp932: bytes | None = to_bytes(result, "cp932")
        error = None
    except BulkFileError as e:
        cp932, error = None, e
    return Download(result, to_bytes(result, "utf-8-sig"), cp932, error)


def unique_header(header: Sequence[str]) -> list[str]:
    """Column names for a table on screen: blank or repeated headers get a number."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for i, h in enumerate(header):
        name = h if h.strip() else f"#{i + 1}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


# ---- template and column guide ------------------------------------------------------


def template_rows(lang: Lang) -> list[list[Cell]]:
    """The header in `lang` and two example agencies (both quote without error)."""
    header: list[Cell] = [t(f"bulk.column.{c}", lang) for c in COLUMN_IDS]
    examples: list[list[Cell]] = []
    for n in (1, 2):
        examples.append([_example(n, c, lang) for c in COLUMN_IDS])
    return [header, *examples]


def _example(n: int, column: str, lang: Lang) -> Cell:
    value = t(f"bulk.example{n}.{column}", lang)
    return int(value) if value.isdigit() else value


def example_records(lang: Lang) -> list[dict[str, str]]:
    """The template's example rows keyed by column id, as text (for the page's editable table)."""
    return [{c: str(v) for c, v in zip(COLUMN_IDS, row, strict=True)} for row in template_rows(lang)[1:]]


def template_csv(lang: Lang) -> bytes:
    return to_csv(template_rows(lang), bom=True).encode("utf-8")


def column_guide(lang: Lang) -> list[dict[str, str]]:
    """One line per input column: the Japanese and English headers, and what the cell accepts."""
    head = {k: t(f"bulk.guide.{k}", lang) for k in ("ja", "en", "values")}
    return [
        {
            head["ja"]: t(f"bulk.column.{c}", "ja"),
            head["en"]: t(f"bulk.column.{c}", "en"),
            head["values"]: t(f"bulk.values.{c}", lang),
        }
        for c in COLUMN_IDS
    ]


# ---- command line -------------------------------------------------------------------


def run(data: bytes, lang: Lang = "ja", encoding: Encoding = "utf-8-sig",
        max_bytes: int | None = MAX_BYTES) -> tuple[BulkResult, bytes]:
    """Read, quote and write in one call: the result (for its summary and preview) and the file."""
    with _batch():
        result = quote_table(read_csv(data, max_bytes=max_bytes), lang)
        return result, to_bytes(result, encoding)


def run_cli(args: argparse.Namespace) -> str | bytes:
    """`python -m sonpo bulk INPUT.csv [-o OUT.csv] [--encoding utf-8-sig|cp932] [--lang ja|en]`.

    The CSV goes to stdout (or -o), the summary to stderr. '-' reads stdin. No size limit on the
    command line (the file is the user's own); the row limit holds.
    """
    lang: Lang = args.lang
    try:
        data = sys.stdin.buffer.read() if args.input == "-" else Path(args.input).read_bytes()
    except OSError as e:
        raise BulkFileError("unreadable", path=args.input, reason=e.strerror or str(e)) from None
    result, out = run(data, lang, args.encoding, max_bytes=None)
    print(result.summary(), file=sys.stderr)
    if args.output:
        try:
            Path(args.output).write_bytes(out)
        except OSError as e:
            raise BulkFileError("unwritable", path=args.output, reason=e.strerror or str(e)) from None
        return b""
    return out
