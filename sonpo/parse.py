"""Turning text from a command line, a CSV cell or a link into domain values: one parser for all three.

Every function takes the field it reads (for the message) and the text, and returns the value or raises
`DomainError` naming the field. One rule for digits everywhere: ASCII digits and their full-width forms
(what a Japanese IME types) are numbers; other scripts' digits ('٣', '३') and Python's '1_0' are not.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import TypeVar

from sonpo.errors import DomainError
from sonpo.i18n import LANGS, t
from sonpo.names import PLAN_IDS, DomainKind, PlanId

S = TypeVar("S", bound=str)

_DOMAIN_CHOICES: tuple[DomainKind, ...] = ("own", "sub", "designated")  # in the order messages list them
_TRUE = {"yes", "y", "true", "1", "on", "はい", "有", "あり", "○", "要"}
_FALSE = {"no", "n", "false", "0", "off", "いいえ", "無", "なし", "×", "不要", ""}

_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})|([0-9]{4})([0-9]{2})([0-9]{2})", re.ASCII)
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_SHOWN = 40  # characters of a refused value repeated in the message


def clean(value: str) -> str:
    """Full-width digits and letters (Japanese IME input) to ASCII; surrounding blanks off."""
    return unicodedata.normalize("NFKC", value).strip()


def key(text: str) -> str:
    """How names are compared: NFKC (full-width to ASCII), case-free, no blanks or _ - ・."""
    return re.sub(r"[\s_\-・]", "", unicodedata.normalize("NFKC", text).casefold())


def parse_int(
    field: str, value: str | int, *, default: int | None = None, lo: int | None = None, hi: int | None = None
) -> int:
    """A whole number: '1,500' and full-width '１５' are read, '1.5', '1_0', '٣' and 'abc' are not.

    Blank text gives `default` when one is given. With `lo`/`hi`, a number outside lo..hi raises
    DomainError('range') naming both bounds.
    """
    if isinstance(value, bool):
        raise DomainError("not_integer", field, value=str(value))
    if isinstance(value, int):
        number = value
    else:
        value = str(value)
        if value.isascii() and value.isdigit():  # the common case, without normalising
            number = int(value) if len(value) <= 4000 else _not_integer(field, value)
        else:
            text = clean(value).replace(",", "")
            if text == "" and default is not None:
                return default
            if (
                not _INTEGER.fullmatch(text)
                or len(text) > 4000  # int() refuses above 4,300 digits
                or any(ch.isnumeric() and ch not in _DIGITS for ch in value)  # NFKC would read '²' or '①' as 2, 1
            ):
                _not_integer(field, value)
            number = int(text)
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        raise DomainError("range", field, value=number, min="" if lo is None else lo, max="" if hi is None else hi)
    return number


def _not_integer(field: str, value: str) -> int:
    raise DomainError("not_integer", field, value=value[:_SHOWN])


def parse_bool(field: str, value: str | bool) -> bool:
    """Yes or no: はい/いいえ, yes/no, true/false, 1/0, on/off, 有/無, あり/なし, ○/×, 要/不要; blank is no."""
    if isinstance(value, bool):
        return value
    value = str(value)  # a link or a test may hand over anything
    text = clean(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise DomainError("not_bool", field, value=value[:_SHOWN])


def parse_date(field: str, value: str | dt.date) -> dt.date:
    """YYYY-MM-DD (also with slashes, or YYYYMMDD); full-width digits are read like ASCII."""
    if isinstance(value, dt.datetime):  # a datetime is a date to isinstance, but not to pydantic
        return value.date()
    if isinstance(value, dt.date):
        return value
    value = str(value)
    # fromisoformat alone would also take week dates
    match = _DATE.fullmatch(clean(value).replace("/", "-"))
    try:
        if match is None:
            raise ValueError(value)
        year, month, day = (int(g) for g in match.groups() if g is not None)
        return dt.date(year, month, day)
    except ValueError:
        raise DomainError("not_date", field, value=value[:_SHOWN]) from None


def parse_choice(field: str, value: str, choices: Iterable[S]) -> S:
    """One of `choices`, compared after NFKC and case-folding."""
    options = tuple(choices)
    value = str(value)
    text = clean(value).lower()
    for c in options:
        if text == c:
            return c
    raise DomainError("unknown_value", field, value=value[:_SHOWN], choices=",".join(options))


@cache
def _plan_names() -> dict[str, PlanId]:
    names: dict[str, PlanId] = {}
    for p in PLAN_IDS:
        for lang in LANGS:
            for k in ("name", "special"):
                text = t(f"plan.{p}.{k}", lang)
                if text != f"plan.{p}.{k}":
                    names[key(text)] = p
                    names[key(text.removesuffix("プラン").removesuffix(" Plan").removesuffix("Plan"))] = p
        names[key(p)] = p
    return names


@cache
def _domain_names() -> dict[str, DomainKind]:
    names: dict[str, DomainKind] = {}
    for d in _DOMAIN_CHOICES:
        names[key(d)] = d
        for lang in LANGS:
            full = t(f"domain.{d}", lang)
            names[key(full)] = d
            names[key(re.split(r"[（(]", full)[0])] = d  # 'サブドメイン（NTTCom発行…）' → 'サブドメイン'
    names[key("subdomain")] = "sub"
    return names


def parse_plan(field: str, value: str) -> PlanId:
    """A plan by id (common, individual, hybrid) or by its name in either language, with or without
    'プラン' / 'Plan' ('共通ルールプラン', '共通ルール', 'Common Rule Plan'); blank is refused."""
    plan = _plan_names().get(key(value))
    if plan is None:
        if not value.strip():
            raise DomainError("required", field)
        choices = ", ".join([*PLAN_IDS, *(t(f"plan.{p}.name", "ja") for p in PLAN_IDS)])
        raise DomainError("unknown_value", field, value=value[:_SHOWN], choices=choices)
    return plan


def parse_domain(field: str, value: str) -> DomainKind:
    """A domain kind by id (own, sub, designated) or by name ('独自ドメイン', 'サブドメイン',
    '弊社指定ドメイン', 'subdomain'); blank is refused (a caller with a default checks blank first)."""
    domain = _domain_names().get(key(value))
    if domain is None:
        if not value.strip():
            raise DomainError("required", field)
        choices = ", ".join([*_DOMAIN_CHOICES, *(t(f"bulk.domain_short.{d}", "ja") for d in _DOMAIN_CHOICES)])
        raise DomainError("unknown_value", field, value=value[:_SHOWN], choices=choices)
    return domain


PER_ID_ALL = frozenset({"all", "すべて", "全て", "全id"})


def parse_per_id(field: str, value: str, ids: int) -> int:
    """A per-ID option's count of IDs: a number, or 'all' / 'すべて' for every one of the contract's `ids`;
    blank is 0 (not ordered)."""
    return ids if key(value) in PER_ID_ALL else parse_int(field, value, default=0)
