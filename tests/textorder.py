"""A document's text holds given lines, one after another (what the page shows, in the page's order)."""

from __future__ import annotations


def in_order(got: str, lines: list[str]) -> bool:
    """Every line in `got`, one after another; blanks are ignored on both sides (a PDF's text breaks lines)."""
    at = 0
    for line in lines:
        at = got.find("".join(line.split()), at)
        if at < 0:
            return False
    return True
