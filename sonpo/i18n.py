"""User-facing text: one folder per language under data/i18n (a TOML file per area), looked up by id."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
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
        for flat in _file(path).values():
            _merge(merged, flat, path)
    return merged


def _merge(merged: dict[str, str], flat: dict[str, str], path: Path) -> None:
    clash = merged.keys() & flat.keys()
    if clash:
        raise ValueError(f"{path}: text ids defined twice: {sorted(clash)[:5]}")
    merged.update(flat)


@cache
def _file(path: Path) -> dict[str, dict[str, str]]:
    """One text file, its texts grouped by the first segment of their id."""
    with path.open("rb") as f:
        table = tomllib.load(f)
    return {top: _flatten({top: value}) for top, value in table.items()}


# A file's top-level ids, read from the start of its lines ('[error]', '[plan.common]', 'key = ' before any
# table) without parsing it: a text is looked up in the files that hold its first id segment alone, so that
# the command line reads a few of the two dozen files (parsing TOML is slow in pure Python).
_TOP = re.compile(r"^[ \t]*(?:\[\[?[ \t]*([A-Za-z0-9_-]+)|([A-Za-z0-9_-]+)[ \t]*[.=])", re.MULTILINE)
_FIRST_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def _tops(text: str) -> set[str]:
    """The first id segments a TOML text defines, from the start of its lines alone (a superset at worst:
    a line inside a multi-line string may add a name no id has)."""
    first = _FIRST_TABLE.search(text)
    first_table = first.start() if first else len(text)
    return {m[1] or m[2] for m in _TOP.finditer(text) if m[1] or m.start() < first_table}


@cache
def _index(lang: Lang) -> dict[str, tuple[Path, ...]]:
    """First id segment → the files of `lang` that define ids starting with it."""
    index: dict[str, list[Path]] = {}
    for path in sorted((I18N_DIR / lang).glob("*.toml")):
        for top in _tops(path.read_text(encoding="utf-8")):
            index.setdefault(top, []).append(path)
    return {top: tuple(paths) for top, paths in index.items()}


_PARTS: dict[tuple[Lang, str], dict[str, str]] = {}


def _part(lang: Lang, top: str) -> dict[str, str]:
    """The texts of `lang` whose id starts with `top.`, read from the files that hold them."""
    part = _PARTS.get((lang, top))
    if part is None:
        part = {}
        for path in _index(lang).get(top, ()):
            _merge(part, _file(path).get(top, {}), path)
        _PARTS[lang, top] = part
    return part


def t(key: str, lang: Lang = "ja", /, **params: object) -> str:
    """The text `key` in `lang`, with `{name}` placeholders filled from params.

    A missing key shows the key itself, so a gap is visible rather than fatal;
    tests check that both languages hold the same keys.
    """
    template = _part(lang, key.partition(".")[0]).get(key)
    if template is None:
        return key
    return template.format(**params) if params else template


def has(key: str, lang: Lang = "ja") -> bool:
    return key in _part(lang, key.partition(".")[0])


_WEEKDAYS_JA = "月火水木金土日"


def fmt_date(day: dt.date, lang: Lang = "ja") -> str:
    """2026-12-10 → '2026年12月10日(木)' in Japanese, 'Thu 10 Dec 2026' in English."""
    if lang == "ja":
        return f"{day.year}年{day.month}月{day.day}日({_WEEKDAYS_JA[day.weekday()]})"
    return f"{day:%a} {day.day} {day:%b %Y}"
