"""マイセキュア ビジネス licence packs: the cheapest combination of packs that covers N licences."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType
from typing import NamedTuple, Protocol


class PackOffer(Protocol):
    """A pack on offer: the catalog's (`sonpo.catalog.Pack`) or a price list's (`PackPrice`)."""

    @property
    def size(self) -> int: ...

    @property
    def monthly(self) -> int: ...


class PackPrice(NamedTuple):
    """A pack on offer as plain values: licences in the pack and its monthly price."""

    size: int
    monthly: int


@dataclass(frozen=True, slots=True)
class PackPurchase:
    """Packs bought: count per pack size (read-only: one purchase is shared by every quote asking
    for the same number), the licences they cover and their monthly cost."""

    counts: Mapping[int, int]
    licences: int
    monthly: int

    @property
    def pack_count(self) -> int:
        return sum(self.counts.values())


@cache
def _table(packs: tuple[PackOffer, ...], max_licences: int) -> list[tuple[int, int, tuple[int, ...]]]:
    """For every n in 0..max_licences, the best purchase covering at least n licences.

    Best = lowest cost, then most licences covered, then fewest packs. A cover of
    n + largest pack or more is never best (dropping a pack still covers n and
    costs less), so exact covers up to that bound are enough. Built once per
    price list, so a quote is a lookup.
    """
    limit = max_licences + max(p.size for p in packs)
    inf = (1 << 62, 0)
    exact: list[tuple[int, int]] = [(0, 0)] + [inf] * limit  # (cost, packs) per exact cover
    choice: list[int] = [-1] * (limit + 1)
    for c in range(1, limit + 1):
        for i, p in enumerate(packs):
            if p.size <= c:
                cost, n = exact[c - p.size]
                cand = (cost + p.monthly, n + 1)
                if cand < exact[c]:
                    exact[c], choice[c] = cand, i

    def counts_for(c: int) -> tuple[int, ...]:
        out = [0] * len(packs)
        while c > 0:
            out[choice[c]] += 1
            c -= packs[choice[c]].size
        return tuple(out)

    best: list[tuple[int, int, tuple[int, ...]]] = [(0, 0, ())] * (max_licences + 1)
    # key (cost, -covered, packs): scan from the top so each n sees every cover >= n
    top_key: tuple[int, int, int] | None = None
    top_c = 0
    for c in range(limit, -1, -1):
        cost, n = exact[c]
        if cost < inf[0]:
            key = (cost, -c, n)
            if top_key is None or key < top_key:
                top_key, top_c = key, c
        if c <= max_licences:
            assert top_key is not None
            best[c] = (top_key[0], top_c, counts_for(top_c))
    return best


def cheapest_packs(licences: int, packs: Sequence[PackOffer], max_licences: int) -> PackPurchase:
    """The packs to buy for `licences` licences (0 ≤ licences ≤ max_licences)."""
    if not 0 <= licences <= max_licences:
        raise ValueError(f"licences must be within 0..{max_licences}")
    return _purchase(tuple(packs), licences, max_licences)


@lru_cache(maxsize=4096)
def _purchase(key: tuple[PackOffer, ...], licences: int, max_licences: int) -> PackPurchase:
    # A table up to L answers every n <= L, so build only as far as the next power of two:
    # most quotes ask for a few licences, and a process need not pay for 10,000.
    limit = min(max_licences, max(64, 1 << licences.bit_length()))
    cost, covered, counts = _table(key, limit)[licences]
    by_size = {p.size: 0 for p in key}
    for p, n in zip(key, counts, strict=False):
        by_size[p.size] += n
    return PackPurchase(MappingProxyType(by_size), covered, cost)
