"""User-facing text: one folder per language under data/i18n (a TOML file per area), looked up by id."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

Lang = Literal["ja", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)
I18N_DIR = Path(__file__).resolve().parent.parent / "data" / "i18n"


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, full + "."))
        else:
            flat[full] = str(value)
    return flat


@cache
def texts(lang: Lang) -> dict[str, str]:
    """All texts of one language, keyed by dotted id; an id defined twice is an error."""
    merged: dict[str, str] = {}
    for path in sorted((I18N_DIR / lang).glob("*.toml")):
        with path.open("rb") as f:
            flat = _flatten(tomllib.load(f))
        clash = merged.keys() & flat.keys()
        if clash:
            raise ValueError(f"{path}: text ids defined twice: {sorted(clash)[:5]}")
        merged.update(flat)
    return merged


def t(key: str, lang: Lang = "ja", /, **params: object) -> str:
    """The text `key` in `lang`, with `{name}` placeholders filled from params.

    A missing key shows the key itself, so a gap is visible rather than fatal;
    tests check that both languages hold the same keys.
    """
    template = texts(lang).get(key)
    if template is None:
        return key
    return template.format(**params) if params else template


def has(key: str, lang: Lang = "ja") -> bool:
    return key in texts(lang)


_WEEKDAYS_JA = "月火水木金土日"


def listing(items: Iterable[str], lang: Lang = "ja") -> str:
    """Names joined as a list in `lang`: '共通ルールプラン・個別ルールプラン' / 'Common Rule Plan, Hybrid Plan'."""
    return ("・" if lang == "ja" else ", ").join(items)


def fmt_date(day: dt.date, lang: Lang = "ja") -> str:
    """2026-12-10 → '2026年12月10日(木)' in Japanese, 'Thu 10 Dec 2026' in English."""
    if lang == "ja":
        return f"{day.year}年{day.month}月{day.day}日({_WEEKDAYS_JA[day.weekday()]})"
    return f"{day:%a} {day.day} {day:%b %Y}"
