"""Accessibility in English (docs/rules.md §10): axe-core on every page and answered state at a desktop width
(tests/e2e/a11y.py), with every word on them English."""

from __future__ import annotations

import pytest

from tests.e2e import a11y

pytestmark = pytest.mark.e2e


server, tabs = a11y.fixtures("en")


# At the desktop width: the phone's layout, colours and names are the Japanese sweep's (test_a11y_ja.py), and the
# English words at the phone width are read by test_language.py; only the text differs between the two languages.
@pytest.mark.parametrize("width", ["desktop"])
@pytest.mark.parametrize("path", a11y.PATHS, ids=a11y.PATH_IDS)
def test_no_serious_violation_in_english(tabs: dict[str, a11y.Tab], server: str, width: str, path: str) -> None:
    a11y.look_at(tabs[width], server, "en", path)
