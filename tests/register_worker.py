"""One process issuing a quotation, for the register's concurrency test (tests/unit/test_register.py). A module
of its own, so that each spawned process loads only the register, not the test module and its fixtures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any


def issue_one(url: str, out: str, ready: Any) -> None:
    """Open the register, wait until every process is ready, issue one 見積書 and keep its first print as
    out/<number>.pdf."""
    from sonpo.case import Case
    from sonpo.issuer import Issuer
    from sonpo.register import Register

    reg = Register.open(url)
    ready.wait(timeout=300)  # a process that failed to start breaks the barrier for the others
    issued = reg.issue(Case(plan="common", ids=10, addressee="〇〇保険代理店"),
                       issuer=Issuer(company="株式会社サンプル", person="山田 太郎"), issued_by="yamada@example.jp",
                       issued=dt.date(2026, 12, 7), lang="ja")
    assert issued.printed is not None
    (Path(out) / f"{issued.number}.pdf").write_bytes(issued.printed)
    reg.close()
