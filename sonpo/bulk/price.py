"""Pricing bulk rows: each row's cells read, then priced by the one pricing function's arithmetic
(sonpo.pricing.price_totals, which sonpo.quote.price builds every quote from).

Rows asking for the same thing share one outcome (a quote is a pure function of the request and the
price list): the key is the row's values as read ('common' and '共通ルールプラン', '' and '12' months
are the same request), never the agency name, so a file of similar agencies prices each distinct
request once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import itemgetter
from typing import Any, NamedTuple

from sonpo.bulk.cells import FIELDS, CellReader
from sonpo.errors import DomainError, InvalidSelection
from sonpo.money import over_months, tax_included
from sonpo.names import DomainKind, PlanId
from sonpo.pricing import PriceList, check_values, price_list, price_totals, resolve

_FIELD_ORDER = {c: i for i, c in enumerate(("name", *FIELDS))}
_MEMO_LIMIT = 1_024  # distinct requests remembered, then the memo starts afresh: small enough to stay in the CPU cache


# A row's values as its cells are read, in FIELDS order (a per-ID count None: every ID; an unreadable cell: the
# neutral value of sonpo.bulk.cells.PARSERS, the plan's None)
RowValues = tuple[PlanId | None, int, DomainKind | None, int | None, int, int | None, int | None, bool, int]


class RowOutcome(NamedTuple):
    """A priced row's numbers (monthly excl/incl, initial excl/incl, months, period excl/incl, one count
    per MSB pack size largest first, licences covered), or its errors. Immutable; a NamedTuple rather
    than a frozen dataclass, which sets each field through object.__setattr__ (a bulk file makes one
    per distinct row)."""

    values: tuple[int, ...] | None
    errors: tuple[DomainError, ...] = ()


def pack_sizes(prices: PriceList) -> tuple[int, ...]:
    """The マイセキュア ビジネス pack sizes, largest first (a result column each)."""
    return tuple(size for _, size, _ in prices.msb_sizes)


class Pricer:
    """Prices rows of text cells laid out as `columns` (column id or None per position), with `prices`
    (None: the data folder's, as the pages read it)."""

    def __init__(self, columns: Sequence[str | None], prices: PriceList | None = None) -> None:
        self.prices: PriceList = prices or price_list()
        self.pack_sizes = pack_sizes(self.prices)
        where = {c: i for i, c in enumerate(columns) if c is not None}
        # every field's cell in one C call; a missing column reads the blank cell added past the row's end
        self._pad = any(f not in where for f in FIELDS)
        self._texts = itemgetter(*(where.get(f, len(columns)) for f in FIELDS))
        self._readers = [CellReader(f) for f in FIELDS]
        self._seen = [r.seen for r in self._readers]
        self._memo: dict[tuple[object, ...], RowOutcome] = {}  # the row's values → its outcome
        self._refusals: dict[tuple[str, ...], RowOutcome] = {}  # texts of rows with an unreadable cell
        self._packs: dict[int, tuple[int, ...]] = {}

    def row(self, cells: Sequence[str]) -> RowOutcome:
        """The row's outcome. Its cells are looked up among the texts already read (one C call), and
        rows asking for the same values share one outcome."""
        texts = self._texts([*cells, ""] if self._pad else cells)
        try:
            values: tuple[Any, ...] = tuple(map(dict.__getitem__, self._seen, texts))
        except KeyError:  # a text not seen before, or one that cannot be read
            found = self._refusals.get(texts)
            if found is not None:
                return found
            values, errors = self._read(texts)
            if errors:
                if len(self._refusals) >= _MEMO_LIMIT:
                    self._refusals.clear()
                found = self._refusals[texts] = self._refuse(values, errors)
                return found
        found = self._memo.get(values)
        if found is None:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            pl = self.prices
            try:  # the plan, the ID count, ... in FIELDS order; a per-ID count None is every ID
                m, i, packs = price_totals(pl, *values)
            except InvalidSelection as e:
                found = RowOutcome(None, e.errors)
            else:
                tax, months, msb = pl.tax, values[8], values[4]
                m_incl, i_incl = tax_included(m, tax), tax_included(i, tax)  # as Amount.of and Period.of
                pack_values = self._packs.get(msb)
                if pack_values is None:  # the packs depend on the licence count alone
                    counts = packs.counts
                    pack_values = self._packs[msb] = (
                        *(counts.get(s, 0) for s in self.pack_sizes), packs.licences)
                found = RowOutcome((m, m_incl, i, i_incl, months, over_months(i, m, months),
                                    over_months(i_incl, m_incl, months), *pack_values))
            self._memo[values] = found
        return found

    def _read(self, texts: Sequence[str]) -> tuple[tuple[Any, ...], list[DomainError]]:
        """Every cell read; a cell that cannot be read gives its error and a neutral stand-in value."""
        values: list[Any] = []
        errors: list[DomainError] = []
        for reader, text in zip(self._readers, texts, strict=True):
            value, error = reader.read(text)
            values.append(value)
            if error is not None:
                errors.append(error)
        return tuple(values), errors

    def _refuse(self, values: RowValues, errors: list[DomainError]) -> RowOutcome:
        """A row with a cell that cannot be read: that error, and every rule the rest of it breaks."""
        plan, ids, domain, domains, msb, mail, iijid, dns_support, months = values
        if plan is None:
            return RowOutcome(None, tuple(errors))
        failed = {e.field for e in errors}
        # 'all' is every ID of the contract; 0 while the ID count is unreadable
        if mail is None:
            mail = 0 if "ids" in failed else ids
        if iijid is None:
            iijid = 0 if "ids" in failed else ids
        pl = self.prices
        p, d, n = resolve(pl, plan, domain, domains)
        errors += [e for e in check_values(pl, p, ids, d, n, msb, mail, iijid, dns_support, months)
                   if e.field not in failed]
        errors.sort(key=lambda e: _FIELD_ORDER.get(e.field, len(_FIELD_ORDER)))
        return RowOutcome(None, tuple(errors))

    def rows(self, rows: Iterator[list[str]] | Sequence[list[str]]) -> Iterator[tuple[list[str], RowOutcome]]:
        row = self.row
        for cells in rows:
            yield cells, row(cells)
