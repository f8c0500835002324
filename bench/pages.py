"""Median server-side rerun time of each page after a widget change (AppTest), beside a
one-widget page measured in the same run, as a ratio. Run: .venv/bin/python bench/pages.py"""

from __future__ import annotations

import statistics
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RUNS = 15

# page, widget kind, key (a widget bound to the case carries the language), two values to alternate
CASES: list[tuple[str, str, str, tuple[Any, Any]]] = [
    ("views/overview.py", "radio", "app.tax.ja", ("incl", "excl")),
    ("views/finder.py", "number_input", "finder.ids.ja", (10, 60)),
    ("views/support.py", "radio", "support.plan.ja", ("hybrid", "individual")),
    ("views/estimate.py", "number_input", "estimate.ids.ja", (11, 10)),
    ("views/compare.py", "number_input", "compare.ids.ja", (11, 10)),
    ("views/timeline.py", "radio", "timeline.plan.ja", ("individual", "hybrid")),
    ("views/bulk.py", "button_group", "bulk.source.ja", ("editor", "upload")),
]


def _server_script_cache() -> None:
    # AppTest compiles every script anew on each run (Streamlit's AST "magic" pass costs tens of
    # milliseconds for a page); the server compiles once and caches the bytecode. Share one cache,
    # as the server does, so the figures are the server's rerun time, not AppTest's.
    shared = ScriptCache()
    app_test_module.ScriptCache = lambda: shared  # type: ignore[attr-defined,assignment]


def _median_rerun(at: AppTest, kind: str, key: str, values: tuple[Any, Any]) -> float:
    times = []
    for i in range(RUNS):
        widget = getattr(at, kind)(key=key)
        widget.set_value(values[i % 2])
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(f"{key}: {at.exception[0].value}")
    return statistics.median(times[2:])  # the first reruns warm caches


def main() -> None:
    warnings.filterwarnings("ignore")
    _server_script_cache()
    base = AppTest.from_file(str(ROOT / "bench" / "one_widget.py"), default_timeout=60)
    base.run()
    baseline = _median_rerun(base, "number_input", "n", (1, 2))
    print(f"{'page':<22}{'median rerun':>14}{'one-widget page':>18}{'ratio':>8}")
    for page, kind, key, values in CASES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.run()
        at.switch_page(page).run()
        ms = _median_rerun(at, kind, key, values)
        print(f"{page:<22}{ms * 1000:>11.1f} ms{baseline * 1000:>15.1f} ms{ms / baseline:>8.1f}")


if __name__ == "__main__":
    main()
