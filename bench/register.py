"""Benchmark of the register of issued quotations (docs/rules.md §11), on SQLite and, when Debian's PostgreSQL 15
is installed, on a throwaway PostgreSQL cluster (tests/pgcluster.py).

Targets (issue 19): issuing one quotation (the register's write and its PDF) ≤ 150 ms (median); the first page of
the list (100 rows, newest first, and the count) with 10,000 quotations in the register ≤ 1 s. Each figure is also
printed as a ratio to a floor measured in the same run, so that a busy machine slows both alike:

- issue / the same 見積書 made without the register (quote + PDF alone): what the register adds;
- first page / a plain SELECT of 100 rows of the same table through the same driver: what search, count and
  turning rows into records add.

Run: `.venv/bin/python bench/register.py [--no-postgres]`.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ISSUE_TARGET_MS = 150
PAGE_TARGET_MS = 1000
ROWS = 10_000
DAY = dt.date(2026, 12, 7)


def median_ms(run: Callable[[], object], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        run()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000


def seed(reg: object, rows: int) -> float:
    """`rows` quotations in one bulk insert (many agencies, every plan, a year of dates); seconds taken."""
    import json

    from sqlalchemy import insert

    from sonpo.register import schema
    from sonpo.register.model import folded

    plans = ("common", "individual", "hybrid")
    t0 = time.perf_counter()
    values = []
    for n in range(1, rows + 1):
        addressee = f"サンプル保険代理店{n:05d}"
        values.append({
            "number": f"Q2025-{n:05d}", "revision": 1, "latest": True, "issued": DAY - dt.timedelta(days=n % 365),
            "valid_days": 30, "addressee": addressee, "addressee_key": folded(addressee), "honorific": "onchu",
            "issuer": json.dumps({"company": "株式会社サンプル", "person": f"担当{n % 20}"}, ensure_ascii=False),
            "issuer_key": f"株式会社サンプル\n担当{n % 20}",
            "case_query": json.dumps({"ids": str(n % 50 + 1), "plan": plans[n % 3], "addressee": addressee},
                                     ensure_ascii=False),
            "lang": "ja", "plan": plans[n % 3], "months": 12,
            **{f"{t}_{p}": 1000 for t in ("monthly", "one_time", "total") for p in ("excl", "tax", "incl")},
            "effective_date": dt.date(2024, 4, 1), "issued_by": "bench@example.jp", "pdf_sha256": "0" * 64,
            "created_at": dt.datetime(2026, 12, 1),
        })
    with reg._engine.begin() as conn:  # type: ignore[attr-defined]
        conn.execute(insert(schema.quotations), values)
    return time.perf_counter() - t0


def bench(name: str, url: str) -> bool:
    from sqlalchemy import text

    from sonpo.case import Case
    from sonpo.issuer import Issuer
    from sonpo.quote import quote
    from sonpo.register import Query, Register
    from sonpo.register.store import render

    issuer = Issuer(company="株式会社サンプル", department="営業部", person="山田 太郎", phone="03-1234-5678")
    case = Case(plan="hybrid", ids=10, msb=83, addressee="サンプル保険代理店")
    t0 = time.perf_counter()
    reg = Register.open(url)
    opened = (time.perf_counter() - t0) * 1000
    ok = True

    def issue() -> object:
        return reg.issue(case, issuer=issuer, issued_by="bench@example.jp", issued=DAY, lang="ja")

    def alone() -> object:
        return render(case, quote(case.selection()), issuer, DAY, "ja", 30, "Q2026-00001", 1)

    issue()
    alone()  # warm both paths (font, catalog, calendar)
    floors, tooks = [], []
    for _ in range(30):  # taking turns, so that the machine's load weighs on both alike
        floors.append(median_ms(alone, 1))
        tooks.append(median_ms(issue, 1))
    floor, took = statistics.median(floors), statistics.median(tooks)
    ok &= took <= ISSUE_TARGET_MS
    print(f"[{name}] open (a new register: schema created) {opened:.0f} ms")
    print(f"[{name}] issue one 見積書 (register + PDF): median {took:.1f} ms (target ≤ {ISSUE_TARGET_MS} ms) "
          f"= {took / floor:.2f}× the PDF alone ({floor:.1f} ms)  {'ok' if took <= ISSUE_TARGET_MS else 'SLOW'}")

    seeded = seed(reg, ROWS)
    print(f"[{name}] seeded {ROWS:,} quotations in {seeded:.2f} s")
    with reg._engine.connect() as conn:
        def plain() -> object:
            return conn.execute(text("SELECT * FROM quotations ORDER BY id DESC LIMIT 100")).all()
        plain()
        floor = median_ms(plain, 20)
    for label, q in (("first page", Query()), ("宛名 search", Query(addressee="代理店0999")),
                     ("plan + dates", Query(plan="hybrid", date_from=DAY - dt.timedelta(days=90), date_to=DAY))):
        reg.search(q)
        took = median_ms(lambda q=q: reg.search(q, limit=100), 10)  # type: ignore[misc]
        ok &= took <= PAGE_TARGET_MS
        print(f"[{name}] {label:13} of {ROWS + 31:,}: median {took:7.1f} ms (target ≤ {PAGE_TARGET_MS} ms) "
              f"= {took / floor:5.1f}× a plain SELECT of 100 rows ({floor:.1f} ms)  "
              f"{'ok' if took <= PAGE_TARGET_MS else 'SLOW'}")
    reg.close()
    return ok


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory() as d:
        ok &= bench("SQLite", f"sqlite:///{d}/register.sqlite3")
    if "--no-postgres" not in sys.argv:
        from tests.pgcluster import MISSING, available, create_database, pg_cluster

        if not available():
            print(f"[PostgreSQL] skipped: {MISSING}")
        else:
            with pg_cluster() as admin:
                ok &= bench("PostgreSQL", create_database(admin, "bench"))
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
