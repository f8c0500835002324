"""The bulk writer as it was before the fast one (commit 90a6f38, sonpo/bulk_write.py): csv.writer over
every row, through a text wrapper. The oracle the fast writer must match byte for byte (issue 9).
Delete once the fast writer has stood a while."""

# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
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
_SEP = "\x00"  # cannot be in a decoded cell (a NUL byte refuses the file)
_ANY_FORMULA = re.compile("(?:^|\x00)[=+\\-@\t\r]")  # some cell of a row joined with _SEP starts like a formula


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


@dataclass
class Tally:
    quoted: int = 0
    refused: int = 0


def render(
    header: Sequence[str], columns: Sequence[str | None], priced: Iterable[tuple[list[str], RowOutcome]],
    lang: Lang, sizes: Sequence[int], tally: Tally | None = None,
) -> Iterator[list[Cell]]:
    """The header and every row, ready for CSV: input cells as uploaded (neutralised), the status,
    the totals, the packs and the error; numbers stay numbers."""
    kinds: list[Literal["text", "auto"]] = [
        "text" if col is not None and _KIND[col] == "text" else "auto" for col in columns
    ]
    yield [neutralise(h) for h in [*header, *result_header(lang, sizes)]]
    ok, ng = t("bulk.result.ok", lang), t("bulk.result.refused", lang)
    blank: list[Cell] = [""] * (len(RESULT_IDS) - 1 + len(sizes) + 1)
    tally = tally if tally is not None else Tally()
    search = _ANY_FORMULA.search
    for cells, o in priced:
        row: list[Cell]
        if search(_SEP.join(cells)):  # rare: only then is each cell looked at
            row = [neutralise(c, k) for c, k in zip(cells, kinds, strict=False)]
        else:
            row = list(cells)
        if o.values is not None:
            tally.quoted += 1
            row += [ok, *o.values, ""]
        else:
            tally.refused += 1
            row += [ng, *blank, neutralise(error_text(o, lang))]
        yield row


def write(out: IO[bytes], rows: Iterable[list[Cell]], encoding: Encoding) -> None:
    """Rows written as CSV (CRLF, as Excel writes). CP932 cannot hold every character (emoji, some
    symbols): the error names the first row, column and character that cannot be written, and how
    many more rows are affected."""
    text = io.TextIOWrapper(out, encoding=encoding, newline="", write_through=False)
    writer = csv.writer(text, lineterminator="\r\n")
    it = iter(rows)
    header: list[Cell] | None = None
    row: list[Cell] = []
    written = 0  # rows written, the header counting as row 0
    try:
        for row in it:
            if header is None:
                header = row
            writer.writerow(row)
            written += 1
        text.flush()
    except UnicodeEncodeError:
        raise _unencodable(header or [], row, written, it) from None
    finally:
        text.detach()


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
