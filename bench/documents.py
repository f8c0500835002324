"""Benchmark of the customer's documents: the time to make a 見積書 and a 提案書 (PDF) and a calendar (.ics).

Targets (issue 8): a 見積書 under 150 ms, a 提案書 under 1 s. The first document of a process also loads
the modules and registers the font; that cost is printed on its own. Run: `.venv/bin/python bench/documents.py`.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUOTE_TARGET_MS = 150
PROPOSAL_TARGET_MS = 1000
ISSUED = dt.date(2026, 11, 30)


def median_ms(make: Callable[[], bytes], rounds: int) -> tuple[float, int]:
    samples = []
    size = 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        size = len(make())
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000, size


def main() -> int:
    t0 = time.perf_counter()
    from sonpo.case import Case
    from sonpo.documents import ProposalInput, calendar_ics, proposal_pdf, quote_pdf
    from sonpo.issuer import Issuer
    from sonpo.quote import Selection, quote
    from sonpo.timeline import ScheduleRequest, schedule

    imported = time.perf_counter() - t0
    issuer = Issuer(company="株式会社サンプル", department="営業部", person="山田 太郎", phone="03-1234-5678",
                    email="yamada@example.jp")
    common = Selection(plan="common", ids=10)
    biggest = Selection(plan="individual", ids=300, domain="own", domains=2, msb_licences=295, mail_archive_ids=300,
                        iijid_ids=300, months=36)

    def quote_doc(sel: Selection, lang: str = "ja") -> bytes:
        q = quote(sel)  # the quote is priced each time, as a page would
        return quote_pdf(q, lang=lang, addressee="サンプル保険代理店", issued=ISSUED, valid_days=30,  # type: ignore[arg-type]
                         issuer=issuer)

    def proposal_doc(lang: str = "ja", **case: object) -> bytes:
        c = Case(addressee="サンプル保険代理店", order_date=ISSUED, **case)  # type: ignore[arg-type]
        return proposal_pdf(ProposalInput.of_case(c, lang, ISSUED, issuer))  # type: ignore[arg-type]

    t0 = time.perf_counter()
    quote_doc(common)
    first = time.perf_counter() - t0
    print(f"first 見積書 in a process: {(imported + first) * 1000:.0f} ms "
          f"(imports {imported * 1000:.0f} ms, font and data loading + document {first * 1000:.0f} ms)")

    rows = [
        ("見積書 common 10 IDs (ja)", lambda: quote_doc(common), QUOTE_TARGET_MS, 30),
        ("見積書 every option (en)", lambda: quote_doc(biggest, "en"), QUOTE_TARGET_MS, 30),
        ("提案書 common, finder answered (ja)",
         lambda: proposal_doc(plan="common", ids=10, domain="sub", needs=(), own_domain=False, admin_panel=False),
         PROPOSAL_TARGET_MS, 10),
        ("提案書 hybrid + DNS support (ja)",
         lambda: proposal_doc(plan="hybrid", domain="own", ids=50, msb=183, dns_support=True, needs=(),
                              own_domain=True, admin_panel=False, dns_days=10, knows_dns=False, delegate_dns=True),
         PROPOSAL_TARGET_MS, 10),
    ]
    ok = True
    for name, make, target, rounds in rows:
        make()  # warm this path
        ms, size = median_ms(make, rounds)
        verdict = "ok" if ms < target else "SLOW"
        ok &= ms < target
        print(f"{name:38} median {ms:7.1f} ms  (target < {target} ms, {size / 1024:.0f} KiB)  {verdict}")
    sch = schedule(ScheduleRequest(plan="hybrid", order_date=ISSUED))
    ms, size = median_ms(lambda: calendar_ics(sch, "ja"), 50)
    print(f"{'calendar .ics hybrid (ja)':38} median {ms:7.1f} ms  ({size} bytes)")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
