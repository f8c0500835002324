"""Writing bulk-quote results as CSV that Japanese Excel opens safely: UTF-8 with BOM or CP932, text
cells neutralised against formula injection (OWASP "CSV injection"), one row at a time."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Literal

from sonpo.bulk.price import RowOutcome
from sonpo.bulk.read import COLUMNS, RESULT_IDS, BulkFileError
from sonpo.i18n import Lang, t

Encoding = Literal["utf-8-sig", "cp932"]
Cell = str | int
# Excel runs a cell starting with one of these as a formula (OWASP: CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?")
_KIND = {c.id: c.kind for c in COLUMNS}


def neutralise(text: str, kind: Literal["text", "auto"] = "text") -> str:
    """A cell Excel would run as a formula, made plain text with a leading single quote (OWASP).

    `auto` (number columns, unknown columns): a plain number such as '-5' or '1,500' stays a number.
    """
    if text.startswith(FORMULA_START) and not (kind == "auto" and _NUMBER.fullmatch(text)):
        return "'" + text
    return text


def result_header(lang: Lang, sizes: Sequence[int]) -> list[str]:
    return [
        *(t(f"bulk.result.{r}", lang) for r in RESULT_IDS),
        *(t("bulk.result.msb_pack", lang, size=s) for s in sizes),
        t("bulk.result.msb_covered", lang),
        t("bulk.result.error", lang),
    ]


def error_text(outcome: RowOutcome, lang: Lang) -> str:
    return " / ".join(f"{e.field_label(lang)}: {e.message(lang)}" for e in outcome.errors)


NAMED_ROWS = 10  # refused rows a summary names by number (the rest are counted)


@dataclass
class Tally:
    quoted: int = 0
    refused: int = 0
    refused_rows: list[int] = field(default_factory=list)  # the first NAMED_ROWS refused rows' numbers


def _first_row(index: int) -> int:
    return index + 1  # data rows numbered from 1, when no RowNumbers is given


def _kinds(columns: Sequence[str | None]) -> list[Literal["text", "auto"]]:
    return ["text" if col is not None and _KIND[col] == "text" else "auto" for col in columns]


class _Rows:
    """Builds result rows as lists of cells (the general way, which every row may take)."""

    def __init__(self, columns: Sequence[str | None], lang: Lang, sizes: Sequence[int]) -> None:
        self.kinds = _kinds(columns)
        self.lang = lang
        self.ok, self.ng = t("bulk.result.ok", lang), t("bulk.result.refused", lang)
        self.blank: list[Cell] = [""] * (len(RESULT_IDS) - 1 + len(sizes) + 1)
        # refused rows' error cells by their reasons: a file's refusals repeat a few (ids 0, ids 999, ...), and
        # writing one out costs more than pricing a row. Keyed by code, field and parameters (a DomainError
        # hashes by code and field alone: thousands of 'ids_max' with different counts would share one hash).
        self._errors: dict[tuple[object, ...], str] = {}

    def error_cell(self, o: RowOutcome) -> str:
        key = tuple((e.code, e.field, *e.params.items()) for e in o.errors)
        text = self._errors.get(key)
        if text is None:
            if len(self._errors) >= 1_024:
                self._errors.clear()
            text = self._errors[key] = neutralise(error_text(o, self.lang))
        return text

    def row(self, cells: list[str], o: RowOutcome) -> list[Cell]:
        """Input cells as uploaded (neutralised), the status, the totals, the packs and the error."""
        row: list[Cell] = [neutralise(c, k) for c, k in zip(cells, self.kinds, strict=False)]
        if o.values is not None:
            row += [self.ok, *o.values, ""]
        else:
            row += [self.ng, *self.blank, self.error_cell(o)]
        return row


def _csv_line(row: Sequence[Cell]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerow(row)
    return buf.getvalue()


_FIRST = "".join(FORMULA_START)  # the row's first cell starting like a formula (or the row empty)
_AFTER_COMMA = tuple("," + c for c in FORMULA_START if c != "\r")  # a later cell starting like a formula
# the characters themselves: a row holding none of them (nearly every row) needs no look at where its cells
# start, and a one-character search is a memchr (a carriage return is searched for with the quotes)
_FORMULA_CHARS = tuple(c for c in FORMULA_START if c != "\r")
_CHUNK_ROWS = 512  # rows encoded and written at a time (a chunk small enough to stay in the CPU cache)


def write_result(
    out: IO[bytes], header: Sequence[str], columns: Sequence[str | None],
    priced: Iterable[tuple[list[str], RowOutcome]], lang: Lang, sizes: Sequence[int], encoding: Encoding,
    tally: Tally | None = None, unquoted: bool = False, row_number: Callable[[int], int] = _first_row,
) -> None:
    """The result file written as `csv.writer` would write the rows (CRLF, as Excel writes), a few
    thousand rows at a time. A quoted row whose cells need neither quotes nor neutralising (nearly
    all) is joined with commas as it is; any other row goes through csv.writer. `unquoted`: no cell
    holds a comma, a quote or a line break (the reader saw no quote in a comma-separated file), so
    only formula starts are looked for. CP932 cannot hold every character (emoji, some symbols): the
    error names the first row, column and character that cannot be written, and how many more rows
    are affected. `row_number` gives a data row's number (from its index) as the input file shows it
    (sonpo.bulk.read.RowNumbers): the refused rows the tally names and the unencodable row are named so."""
    tally = tally if tally is not None else Tally()
    priced = iter(priced)  # the rows after an unencodable one are counted from where it stopped
    rows = _Rows(columns, lang, sizes)
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    head: list[Cell] = [neutralise(h) for h in [*header, *result_header(lang, sizes)]]
    try:
        first = _csv_line(head).encode(codec)
    except UnicodeEncodeError:
        raise _unencodable(head, head, 0, iter(())) from None
    out.write((codecs.BOM_UTF8 if encoding == "utf-8-sig" else b"") + first)
    ok = _csv_line([rows.ok, ""])[:-3]  # the status cell as csv.writer writes it
    buf = io.StringIO()
    write, writerow = buf.write, csv.writer(buf, lineterminator="\r\n").writerow
    row = rows.row
    numbers = ",".join(["%d"] * len(rows.blank))  # the totals, packs and licences of a quoted row
    a, b, c, d, e = _AFTER_COMMA
    f1, f2, f3, f4, f5 = _FORMULA_CHARS
    chunk: list[tuple[list[str], RowOutcome]] = []
    done = 0  # data rows written
    for item in priced:
        chunk.append(item)
        cells, o = item
        values = o.values
        if values is not None:
            tally.quoted += 1
            joined = ",".join(cells)
            # as csv.writer would write it: no comma (counted), quote or line break inside a cell, and no
            # cell starting like a formula. Unrolled because it pays: bench/bulk.py's rows alone (≈ 5.9 G
            # instructions) take +1.0 G (+17 %) with any(mark in joined ...) over the same marks, +1.65 G
            # with one regular expression, and +0.22 G (+4 %) without the `unquoted` shortcut
            if ((unquoted or (joined.count(",") == len(cells) - 1 and '"' not in joined and "\n" not in joined
                              and "\r" not in joined))
                    and ((joined and f1 not in joined and f2 not in joined and f3 not in joined
                          and f4 not in joined and f5 not in joined)
                         or (joined[:1] not in _FIRST and a not in joined and b not in joined and c not in joined
                             and d not in joined and e not in joined))):
                write(f"{joined},{ok},{numbers % values},\r\n")
            else:
                writerow(row(cells, o))
        else:
            tally.refused += 1
            if len(tally.refused_rows) < NAMED_ROWS:
                tally.refused_rows.append(row_number(done + len(chunk) - 1))
            writerow(row(cells, o))
        if len(chunk) == _CHUNK_ROWS:
            _flush(out, buf, codec, chunk, done, head, rows, priced, row_number)
            done += len(chunk)
            chunk.clear()
    _flush(out, buf, codec, chunk, done, head, rows, priced, row_number)


def _flush(
    out: IO[bytes], buf: io.StringIO, codec: str, chunk: list[tuple[list[str], RowOutcome]], done: int,
    head: list[Cell], rows: _Rows, later: Iterable[tuple[list[str], RowOutcome]], row_number: Callable[[int], int],
) -> None:
    text = buf.getvalue()
    buf.seek(0)
    buf.truncate()
    try:
        out.write(text.encode(codec))
    except UnicodeEncodeError:
        built = (rows.row(cells, o) for cells, o in chunk)
        for n, bad in enumerate(built, start=done):
            if _bad_char(bad) is not None:
                rest = itertools.chain(built, (rows.row(cells, o) for cells, o in later))
                raise _unencodable(head, bad, row_number(n), rest) from None
        raise  # pragma: no cover (a row of the chunk cannot be encoded, so one is found above)


def _bad_char(row: Sequence[Cell]) -> tuple[int, str] | None:
    for c, cell in enumerate(row):
        if isinstance(cell, str):
            try:
                cell.encode("cp932")
            except UnicodeEncodeError as e:
                return c, cell[e.start]
    return None


def _unencodable(header: Sequence[Cell], row: Sequence[Cell], r: int, rest: Iterator[list[Cell]]) -> BulkFileError:
    found = _bad_char(row)
    assert found is not None
    c, char = found
    codepoint = f"U+{ord(char):04X}"
    if r == 0:
        return BulkFileError("unencodable_header", column=str(row[c]).lstrip("'"), char=char, codepoint=codepoint)
    others = sum(1 for later in rest if _bad_char(later) is not None)
    return BulkFileError(
        "unencodable_more" if others else "unencodable", row=r, column=str(header[c]).lstrip("'"), char=char,
        codepoint=codepoint, others=others,
    )


def to_csv(rows: Iterable[Sequence[Cell]], bom: bool = True) -> str:
    """Small tables (the template) as CSV text."""
    buf = io.StringIO()
    if bom:
        buf.write("\ufeff")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()
