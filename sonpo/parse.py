"""Turning text from a command line, a CSV cell or a URL into domain values, with domain errors."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from typing import TypeVar

from sonpo.errors import DomainError

S = TypeVar("S", bound=str)

_TRUE = {"yes", "y", "true", "1", "on", "はい", "有", "あり", "○", "要"}
_FALSE = {"no", "n", "false", "0", "off", "いいえ", "無", "なし", "×", "不要", ""}


def _clean(value: str) -> str:
    """Full-width digits and letters (Japanese IME input) to ASCII; surrounding blanks off."""
    return unicodedata.normalize("NFKC", value).strip()


def parse_int(field: str, value: str | int, *, default: int | None = None) -> int:
    """A whole number; '1,500' and full-width '１５' are accepted, '1.5' and 'abc' are not."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = _clean(str(value)).replace(",", "")
    if text == "" and default is not None:
        return default
    try:
        return int(text)
    except ValueError:
        raise DomainError("not_integer", field, value=str(value)) from None


def parse_bool(field: str, value: str | bool) -> bool:
    if isinstance(value, bool):
        return value
    text = _clean(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise DomainError("not_bool", field, value=value)


def parse_date(field: str, value: str | dt.date) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_clean(value).replace("/", "-"))
    except ValueError:
        raise DomainError("not_date", field, value=value) from None


def parse_choice(field: str, value: str, choices: Iterable[S]) -> S:
    options = tuple(choices)
    text = _clean(value).lower()
    for c in options:
        if text == c:
            return c
    raise DomainError("unknown_value", field, value=value, choices=",".join(options))
