"""The app's pages in menu order: each one's name (its file views/<name>.py, its title nav.<name>), icon and the
URL paths it answers at. app.py builds the navigation from this list; serve.py's not-found page asks it which
paths are pages."""

from __future__ import annotations

PAGES: tuple[tuple[str, str], ...] = (
    ("overview", ":material/home:"),
    ("finder", ":material/explore:"),
    ("support", ":material/support_agent:"),
    ("estimate", ":material/calculate:"),
    ("compare", ":material/compare_arrows:"),
    ("timeline", ":material/event:"),
    ("bulk", ":material/table_view:"),
    ("staff", ":material/inventory_2:"),  # the register: listed for staff only; for anyone else a sign-in prompt
)
HOME = "overview"  # the start page: at "/", and at "/overview" too (the path the README and old links use)


def url_paths() -> frozenset[str]:
    """Every path a page answers at: "/" and "/overview" for the start page, "/<name>" for the others."""
    return frozenset({"/", *(f"/{name}" for name, _ in PAGES)})
