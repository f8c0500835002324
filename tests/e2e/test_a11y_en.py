"""Accessibility in English (SPEC §10): axe-core on every page and answered state at a desktop and a phone
width (tests/e2e/a11y.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.e2e import a11y
from tests.e2e.conftest import serve

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve("a11y-en") as url:
        yield url


@pytest.fixture(scope="module")
def tabs(browser: Browser) -> Iterator[dict[str, a11y.Tab]]:
    with a11y.tabs(browser, "en") as made:
        yield made


@pytest.mark.parametrize("width", list(a11y.WIDTHS))
@pytest.mark.parametrize("path", a11y.PATHS, ids=a11y.PATH_IDS)
def test_no_serious_violation_in_english(tabs: dict[str, a11y.Tab], server: str, width: str, path: str) -> None:
    a11y.look_at(tabs[width], server, "en", path)
