"""Shared test set-up."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from streamlit.runtime.pages_manager import PagesManager


@pytest.fixture(autouse=True)
def _apptest_uses_st_navigation(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """AppTest re-detects the `pages/` folder before every run and then runs the page file
    alone (multipage v1), skipping app.py from the second run on. The real server learns
    from app.py's `st.navigation` on its first run that the app is v2 and keeps that; do
    the same here so AppTest runs app.py (sidebar, language, URL) on every run."""
    original = PagesManager.__init__

    def init(self: PagesManager, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
    yield
