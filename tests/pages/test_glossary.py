"""The glossary (data/glossary.toml, data/i18n/*/glossary.toml) explains its terms where they appear: on every page
and state, each glossary term that the page's visible text uses (a label, a step, a table cell, a heading) has its
explanation on that page too: in a widget's or a text's tooltip, or in a 用語の説明 box, never only on another page.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from sonpo.glossary import glossary, terms_in
from tests.inert import read
from tests.pages.apptest import open_app

I18N = Path(__file__).resolve().parents[2] / "data" / "i18n"

# Every page, with the states that show most: the hybrid answers (DNS, NS and MX steps), the individual plan's
# own domain (the customer's MX switch), the DNS zone support menu.
STATES = [
    ("views/overview.py", {}),
    ("views/finder.py", {"ids": "10", "needs": "none", "own_domain": "1", "admin_panel": "0"}),
    ("views/finder.py", {"ids": "10", "needs": "mail_archive", "own_domain": "1"}),
    ("views/support.py", {"plan": "hybrid", "knows_dns": "0", "delegate_dns": "1"}),
    ("views/support.py", {"plan": "hybrid", "knows_dns": "1"}),
    ("views/support.py", {"plan": "common"}),
    ("views/estimate.py", {"plan": "hybrid", "dns_support": "1"}),
    ("views/estimate.py", {"plan": "individual", "domain": "own", "dns_hosting": "1"}),
    ("views/compare.py", {"dns_support": "1"}),
    ("views/timeline.py", {"plan": "hybrid", "dns_support": "1", "order_date": "2026-12-01"}),
    ("views/timeline.py", {"plan": "individual", "domain": "own", "order_date": "2026-12-01"}),
    ("views/timeline.py", {"plan": "common", "order_date": "2026-12-01"}),
    ("views/bulk.py", {}),
]


def _frame_texts(frame: pd.DataFrame) -> Iterator[str]:
    yield from (read(str(c)) for c in frame.columns)
    yield from (read(str(i)) for i in frame.index)
    yield from (read(str(v)) for v in frame.to_numpy().ravel())


def texts(at: AppTest) -> tuple[list[str], list[str]]:
    """(what the page shows as text, what it offers on request: tooltips), over the main area."""
    shown: list[str] = []
    tips: list[str] = []
    for node in at.main:
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        if kind == "expander":
            shown.append(node.label)
            continue
        if kind in ("html", "vega_lite_chart", "arrow_vega_lite_chart") or proto is None:
            continue
        if kind == "table":
            shown.extend(_frame_texts(node.value))
        elif kind == "graphviz_chart":
            shown.append(proto.spec)
        for attr in ("label", "body", "value"):
            value = getattr(node, attr, None) if attr != "body" else getattr(proto, "body", None)
            if isinstance(value, str):
                shown.append(read(value))
        options = getattr(node, "options", None)
        if options:
            shown.extend(str(o) for o in options)
        tip = getattr(proto, "help", "")
        if tip:
            tips.append(read(tip))
    return shown, tips


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize(("page", "params"), STATES, ids=[f"{p[0][6:-3]}-{i}" for i, p in enumerate(STATES)])
def test_every_term_a_page_uses_is_explained_on_that_page(page: str, params: dict[str, str], lang: str) -> None:
    at = open_app(page, lang=lang, **params)
    shown, tips = texts(at)
    explanations = [term.text for term in glossary(lang)]
    # the explanations themselves may name other terms (the DNS zone information support); they are not the page's
    used = terms_in((s for s in shown if not any(text in s for text in explanations)), lang)
    offered = "\n".join(shown + tips)
    missing = [term.name for term in used if term.text not in offered]
    assert not missing, f"{page} {params} uses {missing} without explaining them there"


def test_the_pages_use_the_glossary() -> None:
    """The terms issue 18 found unexplained are in the glossary, and pages use them (or the test above is idle)."""
    names = ["オーダー完了", "DNSゾーン情報", "NS切替", "MX切替", "テナント", "多要素認証"]
    assert [t.name for t in glossary("ja")] == names
    at = open_app("views/timeline.py", lang="ja", plan="hybrid", dns_support="1", order_date="2026-12-01")
    assert {t.id for t in terms_in(texts(at)[0], "ja")} >= {"order_complete", "dns_zone_info", "ns_switch", "mx_switch",
                                                          "tenant", "mfa"}


def test_the_glossary_has_the_same_terms_in_both_languages() -> None:
    def ids(lang: str) -> dict[str, set[str]]:
        with (I18N / lang / "glossary.toml").open("rb") as f:
            table = tomllib.load(f)["glossary"]
        return {key: set(value) for key, value in table.items() if isinstance(value, dict)}

    assert ids("ja") == ids("en")
    assert [t.id for t in glossary("ja")] == [t.id for t in glossary("en")]
    for lang in ("ja", "en"):
        for term in glossary(lang):
            assert term in terms_in([term.name], lang), term  # the name is one way the pages spell it
