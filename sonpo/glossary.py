"""The glossary: the terms the pages use without saying what they mean (NS切替, テナント, …), explained where
they appear. The terms and their sources are data/glossary.toml; their words data/i18n/*/glossary.toml."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sonpo.i18n import Lang, has, t
from sonpo.names import DATA_DIR, CatalogError

Source = Literal["brochure", "app"]


class _Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str = Field(pattern=r"^[a-z_]+$")
    source: Source


class _File(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    term: tuple[_Entry, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Term:
    """One glossary entry in one language."""

    id: str
    name: str
    text: str
    forms: tuple[str, ...]  # how the pages spell it
    source: str  # 'パンフレットより' / 'アプリによる説明…'


@cache
def entries(path: Path = DATA_DIR / "glossary.toml") -> tuple[_Entry, ...]:
    """The glossary's ids and sources, in order; a broken file names itself."""
    with path.open("rb") as f:
        raw = tomllib.load(f)
    try:
        found = _File.model_validate(raw).term
    except ValueError as e:
        raise CatalogError(f"{path}: {e}") from e
    ids = [entry.id for entry in found]
    if len(set(ids)) != len(ids):
        raise CatalogError(f"{path}: a term is listed twice")
    return found


@cache
def glossary(lang: Lang) -> tuple[Term, ...]:
    """Every term, in the glossary's order, in `lang`."""
    terms = []
    for entry in entries():
        key = f"glossary.{entry.id}"
        if not all(has(f"{key}.{part}", lang) for part in ("term", "forms", "text")):
            raise CatalogError(f"data/i18n/{lang}/glossary.toml: {entry.id} needs term, forms and text")
        forms = tuple(form for form in t(f"{key}.forms", lang).split("|") if form)
        terms.append(Term(entry.id, t(f"{key}.term", lang), t(f"{key}.text", lang), forms,
                          t(f"explain.source_{entry.source}", lang)))
    return tuple(terms)


def terms_in(texts: Iterable[str], lang: Lang) -> list[Term]:
    """The terms that `texts` use (in the glossary's order)."""
    joined = "\n".join(texts)
    return [term for term in glossary(lang) if any(form in joined for form in term.forms)]
