"""Pricing bulk rows: each row's cells read, then priced by the one pricing function (sonpo.quote.price).

Rows asking for the same thing share one outcome (a quote is a pure function of the request and the
price list); the agency name is not part of that key, so a file of similar agencies prices each
distinct request once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter

from sonpo.bulk_cells import FIELDS, CellReader
from sonpo.catalog import Catalog, load_catalog
from sonpo.errors import DomainError, InvalidSelection
from sonpo.packs import PackPurchase
from sonpo.quote import PriceList, check_values, price_list, price_totals, resolve

_FIELD_ORDER = {c: i for i, c in enumerate(("name", *FIELDS))}
_MEMO_LIMIT = 4_096  # distinct requests remembered; beyond that the memo starts afresh (memory stays flat)


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """A priced row's numbers (monthly excl/incl, initial excl/incl, months, period excl/incl, one count
    per MSB pack size largest first, licences covered), or its errors."""

    values: tuple[int, ...] | None
    errors: tuple[DomainError, ...] = ()


def pack_sizes(catalog: Catalog | None = None) -> tuple[int, ...]:
    cat = catalog or load_catalog()
    return tuple(sorted((p.size for p in cat.option("msb").packs), reverse=True))


class Pricer:
    """Prices rows of text cells laid out as `columns` (column id or None per position)."""

    def __init__(self, columns: Sequence[str | None], catalog: Catalog | None = None) -> None:
        self.prices: PriceList = price_list(catalog)
        self.pack_sizes = pack_sizes(self.prices.catalog)
        where = {c: i for i, c in enumerate(columns) if c is not None}
        # the row's request: its cells in the priced columns (not the agency name), in one C call
        key_at = [where[f] for f in FIELDS if f in where]
        self._key = itemgetter(*key_at, key_at[0]) if key_at else (lambda cells: ())
        # every field's cell in one C call; a missing column reads the blank cell added past the row's end
        self._pad = len(where) < len(FIELDS)
        self._texts = itemgetter(*(where.get(f, len(columns)) for f in FIELDS))
        self._readers = [CellReader(f) for f in FIELDS]
        self._memo: dict[tuple[str, ...], RowOutcome] = {}
        self._packs: dict[int, tuple[int, ...]] = {}

    def row(self, cells: Sequence[str]) -> RowOutcome:
        key = self._key(cells)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[key] = self._price(cells)
        return found

    def _price(self, cells: Sequence[str]) -> RowOutcome:
        """Every cell read, then every rule checked. A cell that cannot be read is reported once and
        stands in as a neutral value, so the rest of the row is still checked."""
        texts = self._texts([*cells, ""] if self._pad else cells)
        pairs = [r.seen.get(t) or r.read(t) for r, t in zip(self._readers, texts, strict=True)]
        (plan, e1), (ids, e2), (domain, e3), (domains, e4), (msb, e5), (mail, e6), (iijid, e7), \
            (dns_support, e8), (months, e9) = pairs
        errors = None
        if e1 or e2 or e3 or e4 or e5 or e6 or e7 or e8 or e9:
            errors = [e for _, e in pairs if e is not None]
        if errors is None:
            if mail is None:  # 'all': every ID of the contract
                mail = ids
            if iijid is None:
                iijid = ids
            try:
                m, i, packs = price_totals(self.prices, plan, ids, domain, domains, msb, mail, iijid, dns_support,
                                           months)
            except InvalidSelection as e:
                return RowOutcome(None, e.errors)
            tax = self.prices.tax
            m_incl, i_incl = m + m * tax // 100, i + i * tax // 100
            return RowOutcome((m, m_incl, i, i_incl, months, i + months * m, i_incl + months * m_incl,
                               *self._pack_values(packs)))
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

    def _pack_values(self, packs: PackPurchase) -> tuple[int, ...]:
        found = self._packs.get(packs.licences * 1_000_003 + packs.monthly)
        if found is None:
            counts = packs.counts
            found = (*(counts.get(s, 0) for s in self.pack_sizes), packs.licences)
            self._packs[packs.licences * 1_000_003 + packs.monthly] = found
        return found

    def rows(self, rows: Iterator[list[str]] | Sequence[list[str]]) -> Iterator[tuple[list[str], RowOutcome]]:
        row = self.row
        for cells in rows:
            yield cells, row(cells)
