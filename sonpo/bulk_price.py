"""Pricing bulk rows: each row's cells read, then priced by the one pricing function (sonpo.quote.price).

Rows asking for the same thing share one outcome (a quote is a pure function of the request and the
price list); the agency name is not part of that key, so a file of similar agencies prices each
distinct request once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import cast

from sonpo.bulk_cells import FIELDS, CellReader
from sonpo.catalog import Catalog, DomainKind, PlanId, load_catalog
from sonpo.errors import DomainError, InvalidSelection
from sonpo.quote import PriceList, check_values, price, price_list, resolve

_FIELD_ORDER = {c: i for i, c in enumerate(("name", *FIELDS))}
_MEMO_LIMIT = 50_000  # distinct requests remembered; beyond that the memo starts afresh (memory stays flat)


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
        self._positions = [(f, where.get(f)) for f in FIELDS]
        self._key_at = [i for _, i in self._positions if i is not None]
        self._cells = CellReader()
        self._memo: dict[tuple[str, ...], RowOutcome] = {}

    def row(self, cells: Sequence[str]) -> RowOutcome:
        key = tuple([cells[i] for i in self._key_at])
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[key] = self._price(cells)
        return found

    def _price(self, cells: Sequence[str]) -> RowOutcome:
        """Every cell read, then every rule checked. A cell that cannot be read is reported once and
        stands in as a neutral value, so the rest of the row is still checked."""
        read = self._cells.read
        values: list[object] = []
        errors: list[DomainError] = []
        failed: set[str] = set()
        for field, i in self._positions:
            value, error = read(field, "" if i is None else cells[i])
            values.append(value)
            if error is not None:
                errors.append(error)
                failed.add(field)
        plan, ids, domain, domains, msb, mail, iijid, dns_support, months = values
        if plan is None:
            return RowOutcome(None, tuple(errors))
        ids = cast(int, ids)
        # 'all': every ID of the contract (0 while the ID count is unreadable)
        mail = (0 if "ids" in failed else ids) if mail is None else mail
        iijid = (0 if "ids" in failed else ids) if iijid is None else iijid
        args = (cast(PlanId, plan), ids, cast("DomainKind | None", domain), cast("int | None", domains),
                cast(int, msb), cast(int, mail), cast(int, iijid), cast(bool, dns_support), cast(int, months))
        if errors:
            pl = self.prices
            p, d, n = resolve(pl, args[0], args[2], args[3])
            errors += [e for e in check_values(pl, p, args[1], d, n, *args[4:]) if e.field not in failed]
            errors.sort(key=lambda e: _FIELD_ORDER.get(e.field, len(_FIELD_ORDER)))
            return RowOutcome(None, tuple(errors))
        try:
            q = price(*args, catalog=self.prices)
        except InvalidSelection as e:
            return RowOutcome(None, e.errors)
        m, i, tax = q.monthly_excl, q.initial_excl, q.tax_rate_percent
        m_incl, i_incl = m + m * tax // 100, i + i * tax // 100
        counts = q.msb_packs.counts
        return RowOutcome(
            (m, m_incl, i, i_incl, q.months, i + q.months * m, i_incl + q.months * m_incl,
             *(counts.get(s, 0) for s in self.pack_sizes), q.msb_packs.licences)
        )

    def rows(self, rows: Iterator[list[str]] | Sequence[list[str]]) -> Iterator[tuple[list[str], RowOutcome]]:
        row = self.row
        for cells in rows:
            yield cells, row(cells)
