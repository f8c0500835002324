"""Opening the app in AppTest as a link would: app.py with the page and the query string given."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from sonpo.case import Case

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


def case_of(at: AppTest) -> Case:
    """The customer's case the session holds (what every page shows)."""
    value = at.session_state["case"]
    assert isinstance(value, Case)
    return value


def wkey(at: AppTest, page: str, field: str) -> str:
    """The key of the widget that shows the case's `field` on `page`, in the session's language."""
    return f"{page}.{field}.{at.session_state['app.lang']}"


def open_box(at: AppTest, name: str) -> AppTest:
    """Open the closed box `name` (ui.entries.expander: "estimate.fees"), as a click on
    it does (its content is drawn only while it is open). AppTest cannot click an expander: this sets what the
    click's callback keeps."""
    at.session_state[f"{name}.shown"] = True
    at.run()
    assert not at.exception, at.exception
    return at

