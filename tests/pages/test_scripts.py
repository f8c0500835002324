"""Every script a page puts in the browser is one of ui.browser.scripts(), text for text: the server's
Content-Security-Policy (serving/policy.py) allows exactly those inline scripts by their hashes, so the browser
would refuse any other (docs/rules.md §12). What varies from run to run (the language, an arrival, the element to
bring into view) rides on the script element's data attributes, never in its text."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.apptest import open_app
from ui.browser import scripts

SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S)


def sent(at: AppTest) -> list[str]:
    """The texts of the scripts in the run's st.html elements."""
    return [text for element in at.get("html") for text in SCRIPT.findall(element.proto.body)]


@pytest.mark.parametrize("page", [None, "views/finder.py", "views/support.py", "views/estimate.py",
                                  "views/compare.py", "views/timeline.py", "views/bulk.py"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_script_a_page_sends_is_one_the_policy_allows(page: str | None, lang: str) -> None:
    texts = sent(open_app(page, lang=lang))
    assert texts  # the page's own script at least (the document's language)
    assert set(texts) <= set(scripts())


def test_the_finders_answer_brought_into_view_is_an_allowed_script_too() -> None:
    at = open_app("views/finder.py", ids="10", needs="none", own_domain="1")
    before = sent(at)
    at.radio(key="finder.admin_panel.ja").set_value(False).run()  # the answer appears: scrolled into view
    after = sent(at)
    assert len(after) == len(before) + 1
    assert set(after) <= set(scripts())
