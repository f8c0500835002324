"""マイセキュア ビジネス packs (docs/rules.md §3): the cheapest cover, ties to more licences, then fewer packs."""

from __future__ import annotations

import pytest

from sonpo.catalog import Pack, load_catalog
from sonpo.packs import cheapest_packs

# The brochure: 1ライセンスパック 200円, 10ライセンスパック 1,800円, 100ライセンスパック 15,000円.
BROCHURE = ((1, 200), (10, 1800), (100, 15000))


def catalog_packs() -> tuple[Pack, ...]:
    return load_catalog().option("msb").packs


def buy(n: int) -> tuple[dict[int, int], int, int]:
    p = cheapest_packs(n, catalog_packs(), 10000)
    return p.counts, p.licences, p.monthly


def test_the_catalog_holds_the_brochures_packs() -> None:
    assert tuple((p.size, p.monthly) for p in catalog_packs()) == BROCHURE


@pytest.mark.parametrize(
    ("n", "counts", "covered", "monthly"),
    [
        (0, {1: 0, 10: 0, 100: 0}, 0, 0),
        (1, {1: 1, 10: 0, 100: 0}, 1, 200),
        (8, {1: 8, 10: 0, 100: 0}, 8, 8 * 200),  # 1,600 < 1,800
        (9, {1: 0, 10: 1, 100: 0}, 10, 1800),  # ties nine singles (9 × 200), covers more
        (10, {1: 0, 10: 1, 100: 0}, 10, 1800),
        (11, {1: 1, 10: 1, 100: 0}, 11, 1800 + 200),
        (83, {1: 0, 10: 0, 100: 1}, 100, 15000),  # ties 8×10 + 3×1 = 14,400 + 600
        (183, {1: 0, 10: 0, 100: 2}, 200, 2 * 15000),
        (295, {1: 0, 10: 0, 100: 3}, 300, 3 * 15000),
        (82, {1: 2, 10: 8, 100: 0}, 82, 8 * 1800 + 2 * 200),  # 14,800 < 15,000
        (10000, {1: 0, 10: 0, 100: 100}, 10000, 100 * 15000),
    ],
)
def test_the_spec_examples_and_the_edges_around_them(
    n: int, counts: dict[int, int], covered: int, monthly: int
) -> None:
    assert buy(n) == (counts, covered, monthly)


def test_pack_count_is_the_number_of_packs_bought() -> None:
    assert cheapest_packs(11, catalog_packs(), 10000).pack_count == 2


@pytest.mark.parametrize("n", [-1, 10001])
def test_a_count_outside_the_range_is_refused(n: int) -> None:
    with pytest.raises(ValueError):
        cheapest_packs(n, catalog_packs(), 10000)


def brute_force(packs: tuple[tuple[int, int], ...], max_n: int) -> list[tuple[int, int, int]]:
    """For every n in 0..max_n: (cost, licences covered, packs) of the best purchase, by enumerating
    every count of every pack whose cost does not exceed buying only the largest pack (that purchase
    covers max_n, so anything dearer can never be best for any n ≤ max_n)."""
    (s1, p1), (s2, p2), (s3, p3) = sorted(packs)
    budget = -(-max_n // s3) * p3
    best_by_cover: dict[int, tuple[int, int, int]] = {}  # cover -> best (cost, -cover, packs)
    for a in range(budget // p3 + 1):
        for b in range((budget - a * p3) // p2 + 1):
            rest = budget - a * p3 - b * p2
            for c in range(rest // p1 + 1):
                cover = a * s3 + b * s2 + c * s1
                key = (a * p3 + b * p2 + c * p1, -cover, a + b + c)
                if cover not in best_by_cover or key < best_by_cover[cover]:
                    best_by_cover[cover] = key
    out: list[tuple[int, int, int]] = []
    best: tuple[int, int, int] | None = None
    top = max(best_by_cover)
    by_n: dict[int, tuple[int, int, int]] = {}
    for cover in range(top, -1, -1):  # the best cover ≥ n is the best of cover n and the best cover ≥ n + 1
        if cover in best_by_cover and (best is None or best_by_cover[cover] < best):
            best = best_by_cover[cover]
        if cover <= max_n:
            assert best is not None
            by_n[cover] = best
    for n in range(max_n + 1):
        cost, minus_cover, count = by_n[n]
        out.append((cost, -minus_cover, count))
    return out


def test_the_engine_equals_a_brute_force_for_every_count_up_to_1000() -> None:
    expected = brute_force(BROCHURE, 1000)
    packs = catalog_packs()
    for n in range(1001):
        got = cheapest_packs(n, packs, 10000)
        assert got.licences >= n
        assert sum(size * k for size, k in got.counts.items()) == got.licences
        assert sum(dict(BROCHURE)[size] * k for size, k in got.counts.items()) == got.monthly
        assert (got.monthly, got.licences, got.pack_count) == expected[n], n


def test_the_brute_force_itself_agrees_with_the_spec_examples() -> None:
    bf = brute_force(BROCHURE, 300)
    assert bf[9] == (1800, 10, 1)
    assert bf[11] == (2000, 11, 2)
    assert bf[83] == (15000, 100, 1)
    assert bf[183] == (30000, 200, 2)
    assert bf[295] == (45000, 300, 3)


def test_other_price_lists_follow_the_same_rules() -> None:
    """A price change is a data edit: the engine must not rely on today's prices."""
    prices = ((1, 100), (10, 1000), (100, 5000))  # a 10-pack gives no saving: tie → more licences
    packs = tuple(Pack(size=s, monthly=m) for s, m in prices)
    expected = brute_force(prices, 300)
    for n in range(301):
        got = cheapest_packs(n, packs, 300)
        assert (got.monthly, got.licences, got.pack_count) == expected[n], n
