"""Bulk quotes (一括見積り): one quote per row of a CSV that Japanese Excel saved, and a CSV it opens.

The same engine serves the page (upload or typed rows) and `python -m sonpo bulk`, in four parts:
`read` (limits, encoding, CSV structure, headers), `cells` (reading cells with sonpo.parse),
`price` (pricing rows with sonpo.quote.price) and `write` (Excel-safe CSV). This module
joins them: a file in, a result (counts, the rows to show) and the result file out.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import BytesIO
from itertools import islice
from typing import IO, TYPE_CHECKING, Any

from sonpo.bulk.price import Pricer, RowOutcome, pack_sizes
from sonpo.bulk.read import (
    COLUMN_IDS,
    COLUMNS,
    MAX_BYTES,
    MAX_ROWS,
    MAX_UPLOAD_MB,
    RESULT_IDS,
    BulkFileError,
    Column,
    Ragged,
    Table,
    _header_names,
    prepare,
    stream_rows,
    table_from_rows,
)
from sonpo.bulk.read import (
    open_csv as _open_csv,
)
from sonpo.bulk.write import (
    FORMULA_START,
    NAMED_ROWS,
    Cell,
    Encoding,
    Tally,
    error_text,
    neutralise,
    to_csv,
    write_result,
)
from sonpo.bulk.write import result_header as _result_header
from sonpo.i18n import LANGS, Lang, t
from sonpo.parse import key as _key
from sonpo.pricing import PriceList, price_list

if TYPE_CHECKING:
    from sonpo.catalog import Catalog

__all__ = [
    "COLUMNS", "COLUMN_IDS", "FORMULA_START", "MAX_BYTES", "MAX_ROWS", "MAX_UPLOAD_MB", "RESULT_IDS",
    "BulkFileError", "BulkResult", "Column", "Encoding", "RowOutcome", "Table", "_header_names", "_key",
    "column_guide", "cp932_error", "example_records", "make_table", "neutralise", "open_csv", "quote_file",
    "quote_row", "quote_table", "read_csv", "result_header", "run", "stream", "summary_text", "template_csv",
    "to_bytes", "unique_header",
]


@contextmanager
def _batch() -> Iterator[None]:
    """No cyclic garbage collection while a file is read, priced or written: a batch allocates
    millions of small acyclic objects, and reference counting frees them all. Measured on bench/bulk.py's
    100,000 rows without it: 349 collector passes, 7–11 % of the rows' CPU time (0.06–0.13 s; the rows
    alone are held to 4× a plain csv read and write, and this is ~0.3× of that)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def result_header(lang: Lang, catalog: Catalog | None = None) -> list[str]:
    return _result_header(lang, pack_sizes(price_list(catalog)))


def _result_headers(prices: PriceList | None = None) -> list[list[str]]:
    """The result columns' headers in every language (an earlier run's, recognised in an upload)."""
    sizes = pack_sizes(prices or price_list())
    return [_result_header(lang, sizes) for lang in LANGS]


def open_csv(data: bytes, max_bytes: int | None = MAX_BYTES, max_rows: int = MAX_ROWS) -> Table:
    """A checked file whose rows are read again from its text each time they are iterated."""
    return _open_csv(data, _result_headers(), max_bytes, max_rows)


def read_csv(data: bytes, max_bytes: int | None = MAX_BYTES, max_rows: int = MAX_ROWS) -> Table:
    """Decode and split a CSV into rows kept in memory, or raise BulkFileError saying why it cannot be used."""
    table = open_csv(data, max_bytes, max_rows)
    return Table(table.header, list(table.rows), table.columns, table.encoding, table.blank_rows,
                 table.recomputed_columns, table.row_numbers)


def make_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], *, encoding: str = "utf-8", blank_rows: int = 0,
    max_rows: int = MAX_ROWS,
) -> Table:
    """A table from a header and rows of text (the page's typed rows come in here)."""
    return table_from_rows(header, rows, _result_headers(), encoding=encoding, blank_rows=blank_rows,
                           max_rows=max_rows)


def summary_text(lang: Lang, quoted: int, refused: int, blank_rows: int = 0, recomputed: int = 0,
                 refused_rows: Sequence[int] = ()) -> str:
    """The counts; `refused_rows`, the first NAMED_ROWS refused rows' numbers in the file, are named and
    the others counted."""
    text = t("bulk.summary", lang, quoted=f"{quoted:,}", refused=f"{refused:,}")
    if refused_rows:
        rows = t("bulk.row_separator", lang).join(f"{n:,}" for n in refused_rows)
        more = refused - len(refused_rows)
        text += (t("bulk.refused_rows_more", lang, rows=rows, more=f"{more:,}") if more > 0
                 else t("bulk.refused_rows", lang, rows=rows))
    if blank_rows:
        text += t("bulk.blank_rows", lang, n=f"{blank_rows:,}")
    if recomputed:
        text += t("bulk.recomputed", lang, n=recomputed)
    return text


@dataclass(frozen=True)
class BulkResult:
    """Every input row's outcome, in order. Text is rendered in `lang`; rows are built when asked for."""

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
        return error_text(outcome, self.lang)

    def rows(self, limit: int | None = None) -> list[list[str | int | None]]:
        """Input cells as uploaded, then status, totals, packs and the error; None where nothing applies.
        Only the first `limit` rows are built when a limit is given (the page shows 1,000)."""
        ok, ng = t("bulk.result.ok", self.lang), t("bulk.result.refused", self.lang)
        blank: list[str | int | None] = [None] * (len(RESULT_IDS) - 1 + len(self.pack_sizes) + 1)
        out: list[list[str | int | None]] = []
        for cells, o in zip(self.table.rows, self.outcomes, strict=False):
            if limit is not None and len(out) >= limit:
                break
            if o.values is not None:
                out.append([*cells, ok, *o.values, ""])
            else:
                out.append([*cells, ng, *blank, self.error_text(o)])
        return out

    def row_number(self, index: int) -> int:
        """The row number of the data row at `index` (from 0) as the clerk sees it: for a file, its row in
        Excel (sonpo.bulk.read.RowNumbers); for typed rows, its place in the table."""
        return self.table.row_numbers(index)

    def refused_rows(self, limit: int | None = None) -> list[tuple[int, str, str]]:
        """(row number, agency name, error text) of the refused rows (the first `limit`)."""
        name = self.table.columns.index("name") if "name" in self.table.columns else None
        number = self.table.row_numbers
        out: list[tuple[int, str, str]] = []
        for i, (cells, o) in enumerate(zip(self.table.rows, self.outcomes, strict=False)):
            if o.values is None:
                if limit is not None and len(out) >= limit:
                    break
                out.append((number(i), "" if name is None else cells[name], self.error_text(o)))
        return out

    def summary(self) -> str:
        """The counts, and the first refused rows by number: the same words as the command line's."""
        number = self.table.row_numbers
        named = list(islice((number(i) for i, o in enumerate(self.outcomes) if o.values is None), NAMED_ROWS))
        return summary_text(self.lang, self.quoted, self.refused, self.table.blank_rows,
                            self.table.recomputed_columns, named)


def quote_row(cells: dict[str, str], catalog: Catalog | None = None) -> RowOutcome:
    """One row of text cells keyed by column id (a missing column reads as an empty cell)."""
    columns = list(cells)
    return Pricer(columns, price_list(catalog)).row([cells[c] for c in columns])


def quote_table(table: Table, lang: Lang = "ja", catalog: Catalog | None = None) -> BulkResult:
    """Quote every row on its own (rows asking for the same thing share one quote)."""
    pricer = Pricer(table.columns, price_list(catalog))
    row = pricer.row
    with _batch():
        outcomes = [row(r) for r in table.rows]
    return BulkResult(table=table, outcomes=outcomes, lang=lang, pack_sizes=pricer.pack_sizes)


def to_bytes(result: BulkResult, encoding: Encoding = "utf-8-sig", out: BytesIO | None = None) -> bytes:
    """The result file: UTF-8 with BOM (Excel's double-click reads it right) or CP932 (Shift_JIS);
    raises BulkFileError naming the first character CP932 cannot hold."""
    out = out if out is not None else BytesIO()
    t_ = result.table
    with _batch():
        write_result(out, t_.header, t_.columns, zip(t_.rows, result.outcomes, strict=False), result.lang,
                     result.pack_sizes, encoding, row_number=t_.row_numbers)
    return out.getvalue()


class _Discard(BytesIO):
    def write(self, b: Any) -> int:
        return len(b)


def cp932_error(result: BulkResult) -> BulkFileError | None:
    """Why the result cannot be written as CP932 (a character it cannot hold), or None; found by writing
    the file to nowhere, so the page can say so before anyone clicks, without keeping the bytes."""
    try:
        to_bytes(result, "cp932", _Discard())
    except BulkFileError as e:
        return e
    return None


def quote_file(data: bytes, lang: Lang = "ja", max_bytes: int | None = MAX_BYTES) -> BulkResult:
    """An uploaded file checked and quoted; its rows stay in the file's text and are built when shown
    or written (raises BulkFileError)."""
    return quote_table(open_csv(data, max_bytes), lang)


def run(data: bytes, lang: Lang = "ja", encoding: Encoding = "utf-8-sig",
        max_bytes: int | None = MAX_BYTES) -> tuple[BulkResult, bytes]:
    """Read, quote and write in one call: the result (for its summary and preview) and the file."""
    result = quote_table(read_csv(data, max_bytes=max_bytes), lang)
    return result, to_bytes(result, encoding)


def stream(data: bytes, out: IO[bytes], lang: Lang = "ja", encoding: Encoding = "utf-8-sig",
           max_bytes: int | None = MAX_BYTES) -> str:
    """The command line's path: check the whole file, then price and write one row at a time, keeping
    no row. Returns the summary; raises BulkFileError before anything is priced when the file is bad
    (the catalog is loaded once the file is known to be readable: a refused file is named before a
    broken catalog)."""
    with _batch():
        source = prepare(data, max_bytes)
        prices = price_list()
        headers = _result_headers(prices)
        start = out.tell()
        try:
            lay, rows, counts, numbers = stream_rows(source, headers)
            pricer = Pricer(lay.columns, prices)
            tally = Tally()
            # no quote byte, no quote character: UTF-8 and CP932 use the byte 0x22 for nothing else
            unquoted = source.delimiter == "," and b'"' not in source.data
            write_result(out, lay.header, lay.columns, pricer.rows(rows), lang, pricer.pack_sizes, encoding, tally,
                         unquoted, numbers)
            return summary_text(lang, tally.quoted, tally.refused, counts["blank"], lay.recomputed_columns,
                                tally.refused_rows)
        except Ragged:  # rare: widen the header first, reading the file twice
            out.seek(start)
            out.truncate()
        table = _open_csv(data, headers, max_bytes, MAX_ROWS)
        pricer = Pricer(table.columns, prices)
        tally = Tally()
        write_result(out, table.header, table.columns, pricer.rows(iter(table.rows)), lang, pricer.pack_sizes,
                     encoding, tally, row_number=table.row_numbers)
    return summary_text(lang, tally.quoted, tally.refused, table.blank_rows, table.recomputed_columns,
                        tally.refused_rows)


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
    return [header, *([_example(n, c, lang) for c in COLUMN_IDS] for n in (1, 2))]


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
