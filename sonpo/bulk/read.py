"""Reading a bulk-quote CSV (一括見積り): limits, encoding, CSV structure and which column is which.

A file is read in two passes over its decoded text: the first checks everything that can refuse it
(size, encoding, quotes, cell size, row limit, header) and counts rows, without keeping them; the
second yields the rows one by one, so that a large file is never held as millions of Python strings.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Literal

from sonpo.errors import DomainError
from sonpo.i18n import LANGS, Lang, t
from sonpo.parse import key as _key

if TYPE_CHECKING:
    import _csv

MAX_ROWS = 100_000  # data rows; blank rows count too, so that a file of empty lines cannot run for minutes
MAX_UPLOAD_MB = 10  # .streamlit/config.toml server.maxUploadSize; the browser counts a MB as 1,000,000 bytes
MAX_BYTES = MAX_UPLOAD_MB * 1_000_000  # one limit for the page, the browser and the command line
MAX_CELL = csv.field_size_limit()  # 131,072 characters (128 Ki)

ColumnKind = Literal["text", "number"]


class BulkFileError(DomainError):
    """The file as a whole is refused (too large, not CSV, no header...); no row is quoted."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, "file", **params)

    def message(self, lang: Lang = "ja") -> str:
        return t(f"bulk.error.{self.code}", lang, **self.params)

    def field_label(self, lang: Lang = "ja") -> str:
        return t("bulk.file", lang)


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
RESULT_IDS = (
    "status", "monthly_excl", "monthly_incl", "initial_excl", "initial_incl",
    "period_months", "period_excl", "period_incl",
)  # then one count per MSB pack size, the licences covered, and the error column


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


def _earlier_results(header: Sequence[str], result_headers: Iterable[Sequence[str]]) -> set[int]:
    """Positions of the result columns of an earlier run (all of them, in one language), so that a
    corrected result file can be uploaded again and is computed afresh. A lone 'error' column stays."""
    keys = [_key(h) for h in header]
    for names in result_headers:
        wanted = {_key(h) for h in names}
        if wanted <= set(keys):
            return {i for i, k in enumerate(keys) if k in wanted}
    return set()


# ---- encoding -------------------------------------------------------------------------

# A well-formed UTF-8 sequence of two to four bytes: a file full of them is UTF-8 with a few bad bytes,
# not CP932 (CP932 text rarely forms them).
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# What CP932 makes of bytes no Japanese program writes: C1 controls and the user-defined area
# (Latin-1 'ñ' = 0xF1 starts a user-defined character, so 'Se\xf1or' would decode to garbage).
_NOT_JAPANESE = re.compile("[\x80-\x9f\ue000-\uf8ff]")


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


_CHUNK = 1 << 20


def _bad_line(data: bytes, encoding: str, japanese: bool) -> int | None:
    """The line of the first byte `encoding` cannot read (or, for CP932, the first character no
    Japanese file holds), or None. Decoded a megabyte at a time, so a large file is never held twice."""
    decoder = codecs.getincrementaldecoder(encoding)()
    lines = 0
    for start in range(0, len(data), _CHUNK):
        chunk = data[start:start + _CHUNK]
        try:
            text = decoder.decode(chunk, final=start + _CHUNK >= len(data))
        except UnicodeDecodeError as e:
            return _line_of(data, max(0, start + e.start))
        if japanese:
            odd = _NOT_JAPANESE.search(text)
            if odd is not None:
                return lines + text.count("\n", 0, odd.start()) + 1
        lines += text.count("\n")
    return None


def detect_encoding(data: bytes) -> str:
    """The encoding a CSV is in: BOM → UTF-8; else strict UTF-8; else CP932. Bytes that are neither
    (Latin-1, UTF-8 with broken bytes) are refused with the line they are on, rather than read as
    CP932 and garbled without a word."""
    if b"\x00" in data or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BulkFileError("not_csv")  # binary (xlsx, images) or UTF-16 text
    if data.startswith(codecs.BOM_UTF8):
        # no decoding pass of its own: a byte UTF-8 cannot read refuses the file, with its line, when the
        # reading reaches it (Source.refusal), and whoever reads may throw away what came before
        return "utf-8-sig"
    utf8_error = _bad_line(data, "utf-8", False)
    if utf8_error is None:
        return "utf-8"
    non_ascii = len(data) - len(data.decode("ascii", "ignore"))
    utf8_bytes = sum(len(m) for m in _UTF8_SEQ.findall(data))
    if utf8_bytes * 2 >= non_ascii:  # mostly well-formed UTF-8: a UTF-8 file with a few broken bytes
        raise BulkFileError("not_text", line=utf8_error)
    line = _bad_line(data, "cp932", True)
    if line is not None:
        raise BulkFileError("not_text", line=line)
    return "cp932"


# ---- rows -----------------------------------------------------------------------------


# What reading a checked file can still raise: the csv module's errors, and a byte a UTF-8 file (BOM) cannot
# hold, found only when the reading reaches it; Source.refusal turns either into the file's refusal
_READ_ERRORS = (csv.Error, UnicodeDecodeError)


@dataclass(frozen=True)
class Source:
    """A checked file's bytes and how to read them: decoded as they are read, never held as one text."""

    data: bytes
    encoding: str
    delimiter: str

    def records(self) -> Iterator[list[str]]:
        """Every record of the CSV, blank ones too. An unclosed quote, a misplaced quote or an oversized
        cell refuses the file with the line it is on: a quote left open would otherwise swallow every
        later row into one cell."""
        reader = self.reader()
        try:
            yield from reader
        except _READ_ERRORS as e:
            raise self.refusal(e, reader) from None

    def reader(self) -> _csv.Reader:
        """The records as csv.reader gives them; a csv.Error it raises is turned into the file's
        refusal by `refusal` (records() does both; a hot loop may iterate the reader itself)."""
        return csv.reader(self._lines(), delimiter=self.delimiter, strict=True)

    def refusal(self, error: csv.Error | UnicodeDecodeError, reader: _csv.Reader) -> BulkFileError:
        """The file's refusal, naming the spreadsheet row of the record that broke (see RowNumbers): an
        unclosed quote is named by the row it opens on. A byte the encoding cannot read is named by its
        line in the file, as the decoder finds it."""
        if isinstance(error, UnicodeDecodeError):  # a UTF-8 file (BOM) with a byte UTF-8 cannot read
            return BulkFileError("not_text", line=_bad_line(self.data, self.encoding, False) or reader.line_num)
        reason = str(error)
        row = self._records_before_failure() + 1
        if reason.startswith("field larger"):
            return BulkFileError("cell_too_large", row=row, max=f"{MAX_CELL:,}")
        if reason.startswith("unexpected end of data"):
            return BulkFileError("unclosed_quote", row=row)
        return BulkFileError("bad_quote", row=row)

    def _records_before_failure(self) -> int:
        """How many records (blank ones too) come before the one that broke: the file read again up to
        there (only when it is refused, so reading stays one C loop). A physical line number would be
        wrong after a quoted cell that spans several lines."""
        count = 0
        try:
            for _ in self.reader():
                count += 1
        except _READ_ERRORS:
            pass
        return count

    def _lines(self) -> Iterator[str]:
        return io.TextIOWrapper(io.BytesIO(self.data), encoding=self.encoding, newline="")


class RowNumbers:
    """Which row of the spreadsheet each data row is on, as the clerk sees the file in Excel: the one place
    a bulk row's number is decided, for the page, the result file's messages and the command line.

    Every CSV record is one Excel row: the header is a row (row 1 unless blank lines precede it), a blank
    line is an empty row, and a quoted cell holding line breaks keeps its record on one row. The csv
    module yields a blank line as an empty record, so rows are counted by records, never by lines. Data
    rows skip blank ones; so a data row's number is the first data row's number, plus its position among
    the data rows, plus the blank rows above it. Blank rows are few: only they are kept, so a file of a
    hundred thousand rows costs no list of row numbers. Typed rows (the page's table) have no header: the
    first is row 1."""

    def __init__(self, first: int = 1) -> None:
        self.first = first  # the first data row's number if no blank row came after the header
        self._blanks: list[int] = []  # for each blank row under the header: how many data rows came before it

    def header(self, record: int) -> None:
        """The header is the `record`-th record (from 1): data rows start on the next row."""
        self.first = record + 1

    def blank(self, data_rows_before: int) -> None:
        """A blank row under the header, after `data_rows_before` data rows (called in reading order)."""
        self._blanks.append(data_rows_before)

    def __call__(self, index: int) -> int:
        """The row number of the data row at `index` (from 0, blank rows not counted)."""
        return self.first + index + bisect_right(self._blanks, index)


def _blank(row: Sequence[str]) -> bool:
    return not "".join(row).strip()


@dataclass(frozen=True)
class Layout:
    """Which column is which. `columns[i]` is the id of output column i, or None (kept as it is)."""

    header: list[str]  # the input header without earlier result columns, widened to the widest row
    columns: list[str | None]
    keep: list[int]  # input positions of the output columns (beyond the header: cells kept too)
    recomputed_columns: int  # result columns of an earlier run, dropped and computed afresh

    def align(self, row: list[str]) -> list[str]:
        n = len(row)
        if n == len(self.keep) and self.recomputed_columns == 0:
            return row  # the usual row: every cell where the header put it
        return [row[i] if i < n else "" for i in self.keep]


def layout(header: Sequence[str], width: int, result_headers: Iterable[Sequence[str]]) -> Layout:
    names = _header_names()
    earlier = _earlier_results(header, result_headers)
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
    extra = list(range(len(header), width))  # cells beyond the header are kept too
    return Layout(
        header=[header[i] for i in keep] + [""] * len(extra),
        columns=columns + [None] * len(extra),
        keep=keep + extra,
        recomputed_columns=len(header) - len(keep),
    )


class Rows:
    """The data rows of a checked CSV, aligned to its layout, read afresh on every iteration."""

    def __init__(self, source: Source, layout: Layout, count: int) -> None:
        self._source, self._layout, self._count = source, layout, count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[list[str]]:
        align = self._layout.align
        records = self._source.records()
        next(r for r in records if not _blank(r))  # the header
        for row in records:
            if not _blank(row):
                yield align(row)


@dataclass(frozen=True)
class Table:
    """Rows as text, as uploaded, with the layout's header and column ids."""

    header: list[str]
    rows: Sequence[list[str]] | Rows
    columns: list[str | None]
    encoding: str = "utf-8"
    blank_rows: int = 0
    recomputed_columns: int = 0
    row_numbers: RowNumbers = field(default_factory=RowNumbers)  # each data row's number, as Excel shows it


def size_check(size: int, max_bytes: int | None) -> None:
    if max_bytes is not None and size > max_bytes:
        raise BulkFileError("too_large", size=_mb(size), max=_mb(max_bytes), bytes=f"{max_bytes:,}")


def prepare(data: bytes, max_bytes: int | None = MAX_BYTES) -> Source:
    """A file's size and encoding checked, and the delimiter of its first line (a tab-separated
    paste saved from Excel, or commas)."""
    size_check(len(data), max_bytes)
    encoding = detect_encoding(data)
    first_line = data[: data.find(b"\n")] if b"\n" in data else data
    delimiter = "\t" if b"\t" in first_line and b"," not in first_line else ","
    return Source(data, encoding, delimiter)


def stream_rows(
    source: Source, result_headers: Iterable[Sequence[str]], max_rows: int = MAX_ROWS
) -> tuple[Layout, Iterator[list[str]], dict[str, int], RowNumbers]:
    """One pass: the layout from the header, then the data rows as they are read, checked on the way
    (a refusal can come after some rows: the caller writes somewhere it can throw away). `counts`
    holds the blank rows when the rows are exhausted; the row numbers know every row read so far. Raises
    Ragged when a row is wider than the header: the caller reads the file in two passes instead
    (open_csv) to widen the header first."""
    records = source.reader()  # iterated here without a generator around it: csv errors caught below
    counts = {"blank": 0, "rows": 0}
    numbers = RowNumbers()
    header: list[str] | None = None
    try:
        for header in records:
            if not _blank(header):
                break
            counts["blank"] += 1
        else:
            raise BulkFileError("empty")
    except _READ_ERRORS as e:
        raise source.refusal(e, records) from None
    numbers.header(counts["blank"] + 1)
    lay = layout(header, len(header), result_headers)

    def rows() -> Iterator[list[str]]:
        limit, width, blank, good = max_rows + 1, len(header), counts["blank"], 0
        as_read = not lay.recomputed_columns
        try:
            for n, row in enumerate(records, start=blank + 2):  # records so far: the blank ones, the header
                if n > limit:  # + the header row; blank rows count
                    raise BulkFileError("too_many_rows", max=f"{max_rows:,}")
                # the usual row, as it is: without this shortcut (every row through _blank and align),
                # bench/bulk.py's rows alone take +0.32 G instructions (+5.5 %)
                if len(row) == width and as_read and row[0].strip():
                    good += 1
                    yield row
                    continue
                if len(row) > width:
                    raise Ragged
                if _blank(row):
                    blank += 1
                    numbers.blank(good)
                    continue
                good += 1
                yield lay.align(row)
        except _READ_ERRORS as e:
            raise source.refusal(e, records) from None
        counts["blank"], counts["rows"] = blank, good
        if not good:
            raise BulkFileError("empty")  # a header and nothing under it

    return lay, rows(), counts, numbers


class Ragged(Exception):
    """A row is wider than the header (cells beyond it are kept, under a widened header)."""


def open_csv(
    data: bytes, result_headers: Iterable[Sequence[str]], max_bytes: int | None = MAX_BYTES,
    max_rows: int = MAX_ROWS,
) -> Table:
    """Check a whole file without keeping its rows; its rows are read again when iterated."""
    source = prepare(data, max_bytes)
    header: list[str] | None = None
    blank = rows = width = 0
    numbers = RowNumbers()
    for records, row in enumerate(source.records(), start=1):
        if records > max_rows + 1:  # + the header row; blank rows count
            raise BulkFileError("too_many_rows", max=f"{max_rows:,}")
        if _blank(row):
            blank += 1
            if header is not None:
                numbers.blank(rows)
        elif header is None:
            header = row
            numbers.header(records)
        else:
            rows += 1
            if len(row) > width:
                width = len(row)
    if header is None:
        raise BulkFileError("empty")
    lay = layout(header, max(width, len(header)), result_headers)
    if not rows:
        raise BulkFileError("empty")  # a header and nothing under it
    return Table(
        header=lay.header, rows=Rows(source, lay, rows), columns=lay.columns, encoding=source.encoding,
        blank_rows=blank, recomputed_columns=lay.recomputed_columns, row_numbers=numbers,
    )


def table_from_rows(
    header: Sequence[str], rows: Iterable[Sequence[str]], result_headers: Iterable[Sequence[str]],
    *, encoding: str = "utf-8", blank_rows: int = 0, max_rows: int = MAX_ROWS,
) -> Table:
    """A table from a header and rows of text already split (the page's typed rows come in here); a row
    is numbered by its place among `rows`, from 1, blank ones counted."""
    body: list[Sequence[str]] = []
    numbers = RowNumbers()
    for r in rows:
        if _blank(r):
            blank_rows += 1
            numbers.blank(len(body))
        else:
            body.append(r)
    if len(body) + blank_rows > max_rows:
        raise BulkFileError("too_many_rows", max=f"{max_rows:,}")
    lay = layout(list(header), max([len(header), *(len(r) for r in body)]), result_headers)
    return Table(
        header=lay.header, rows=[lay.align(list(r)) for r in body], columns=lay.columns, encoding=encoding,
        blank_rows=blank_rows, recomputed_columns=lay.recomputed_columns, row_numbers=numbers,
    )


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f}"
