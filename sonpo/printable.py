"""What the documents print for a typed field (the 宛名 with its honorific) and which characters they can
print: the glyphs of the Japanese font they embed (IPAex Gothic).

A 宛名 or an issuer field with a character the font lacks (an emoji, 𠮷 and others beyond JIS X 0208)
would print as an empty box, so the case and the issuer refuse it where it is typed. The font is read
with fontTools, not with the PDF writer: the core knows the font's coverage without loading reportlab."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from sonpo.errors import DomainError
from sonpo.i18n import Lang, t
from sonpo.names import Honorific

FONT_PACKAGE = "matplotlib_fontja"  # ships IPAex Gothic (IPA Font License); installed from requirements.txt
FONT_FILE = "fonts/ipaexg.ttf"


class FontMissing(RuntimeError):
    """The font package is not installed (run `make setup`)."""


def font_path() -> Path:
    """IPAex Gothic from the `matplotlib-fontja` package, found without importing it (its import loads matplotlib)."""
    spec = importlib.util.find_spec(FONT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FontMissing(f"the Japanese font package '{FONT_PACKAGE}' is not installed (see requirements.txt)")
    path = Path(next(iter(spec.submodule_search_locations))) / FONT_FILE
    if not path.is_file():
        raise FontMissing(f"{path} is missing")
    return path


def unprintable(text: str) -> str:
    """The characters of `text` the documents' font has no glyph for, each once (emoji, or 𠮷 and other
    characters beyond JIS X 0208 that IPAex Gothic lacks): printed, they would come out as empty boxes."""
    if text.isascii():
        return ""
    glyphs = _glyphs()
    return "".join(dict.fromkeys(c for c in text if ord(c) not in glyphs and not c.isspace()))


def check_printable(field: str, text: str) -> None:
    """The one rule for every field the documents print (the 宛名, the issuer's fields): a character the font
    lacks is refused, naming the field and the characters, rather than printed as an empty box."""
    missing = unprintable(text)
    if missing:
        raise DomainError("glyph", field, chars=missing)


WRITTEN_HONORIFICS = ("御中", "様", "殿")  # a 宛名 ending in one of these already carries its honorific


def addressee_line(addressee: str, honorific: Honorific, lang: Lang, blank: str = "") -> str:
    """How a 宛名 is printed (docs/rules.md §9): the name, trimmed of spaces (full-width ones too), followed by
    the chosen honorific, 御中 or 様 (English documents print none); a name that already ends in 御中, 様 or 殿 is
    printed as written. An empty name is `blank` followed by the honorific (room to write one in by hand)."""
    name = addressee.strip()
    if name.endswith(WRITTEN_HONORIFICS):
        return name
    return t(f"doc.honorific.{honorific}", lang, name=name or blank)


@cache
def _glyphs() -> frozenset[int]:
    # Imported here: only a text with a non-ASCII character needs the font's table (≈ 0.2 s, once a process).
    from fontTools.ttLib import TTFont

    with TTFont(str(font_path()), lazy=True) as font:
        return frozenset(font.getBestCmap())
