"""Turning text from a command line, a CSV cell or a URL into domain values, with domain errors."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import TypeVar

from sonpo.errors import DomainError

S = TypeVar("S", bound=str)

_TRUE = {"yes", "y", "true", "1", "on", "はい", "有", "あり", "○", "要"}
_FALSE = {"no", "n", "false", "0", "off", "いいえ", "無", "なし", "×", "不要", ""}


_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})|([0-9]{4})([0-9]{2})([0-9]{2})", re.ASCII)


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
    # ASCII digits only: Python's int() would also take '1_0' and other scripts' digits
    try:
        if not _INTEGER.fullmatch(text):
            raise ValueError(text)
        return int(text)  # ValueError too above 4,300 digits
    except ValueError:
        raise DomainError("not_integer", field, value=str(value)[:40]) from None


def parse_bool(field: str, value: str | bool) -> bool:
    if isinstance(value, bool):
        return value
    text = _clean(str(value)).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise DomainError("not_bool", field, value=value)


def parse_date(field: str, value: str | dt.date) -> dt.date:
    if isinstance(value, dt.datetime):  # a datetime is a date to isinstance, but not to pydantic
        return value.date()
    if isinstance(value, dt.date):
        return value
    value = str(value)
    # YYYY-MM-DD (or with slashes, or YYYYMMDD); fromisoformat alone would also take week dates
    match = _DATE.fullmatch(_clean(value).replace("/", "-"))
    try:
        if match is None:
            raise ValueError(value)
        year, month, day = (int(g) for g in match.groups() if g is not None)
        return dt.date(year, month, day)
    except ValueError:
        raise DomainError("not_date", field, value=value[:40]) from None


def parse_choice(field: str, value: str, choices: Iterable[S]) -> S:
    options = tuple(choices)
    text = _clean(str(value)).lower()
    for c in options:
        if text == c:
            return c
    raise DomainError("unknown_value", field, value=value, choices=",".join(options))
