"""Opening the app in AppTest as a link would: app.py with the page and the query string given."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"


def open_app(page: str | None = None, **params: str) -> AppTest:
    """Run app.py once on `page` (e.g. "views/estimate.py"; None: the default page) with `params`
    as the URL's query string, and check that nothing raised."""
    at = AppTest.from_file(str(APP), default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    if page is not None:
        at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at
