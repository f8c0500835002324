"""A quote as rows, and as CSV that Japanese Excel opens correctly (UTF-8 with BOM)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from sonpo.i18n import Lang, t
from sonpo.quote import Quote

Cell = str | int
BOM = "\ufeff"


def line_rows(q: Quote, lang: Lang = "ja") -> list[list[Cell]]:
    """Header and one row per billed line: item, unit price, quantity, unit, amount, kind (excl. tax)."""
    head: list[Cell] = [t(f"export.{c}", lang) for c in ("item", "unit_price", "quantity", "unit", "amount", "kind")]
    rows: list[list[Cell]] = [head]
    for line in q.lines:
        rows.append([line.name(lang), line.unit_price, line.quantity, line.unit_name(lang), line.amount,
                     t(f"kind.{line.kind}", lang)])
    return rows


def total_rows(q: Quote, lang: Lang = "ja") -> list[list[Cell]]:
    """Totals: monthly and one-time excl. tax, tax, incl. tax; then the N-month cost."""
    rows: list[list[Cell]] = [[t("export.total", lang), t("export.excl_tax", lang), t("export.tax", lang),
                               t("export.incl_tax", lang)]]
    for kind, amount in (("monthly", q.monthly), ("initial", q.initial)):
        rows.append([t(f"export.total_{kind}", lang), amount.excl_tax, amount.tax, amount.incl_tax])
    p = q.period
    rows.append([t("export.total_period", lang, months=p.months), p.excl_tax, p.tax, p.incl_tax])
    return rows


def to_csv(rows: Sequence[Sequence[Cell]], bom: bool = True) -> str:
    buf = io.StringIO()
    if bom:
        buf.write(BOM)
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def quote_csv(q: Quote, lang: Lang = "ja") -> bytes:
    """Line items, a blank row, the totals, and the effective date of the price list the quote was priced
    from, as UTF-8 with BOM."""
    footer: list[Cell] = [t("export.effective_date", lang, date=q.effective_date.isoformat())]
    rows: list[list[Cell]] = [*line_rows(q, lang), [], *total_rows(q, lang), [], footer]
    return to_csv(rows).encode("utf-8")
