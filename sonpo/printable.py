"""Which characters the documents can print: the glyphs of the Japanese font they embed (IPAex Gothic).

A 宛名 or an issuer field with a character the font lacks (an emoji, 𠮷 and others beyond JIS X 0208)
would print as an empty box, so the case and the issuer refuse it where it is typed. The font is read
with fontTools, not with the PDF writer: the core knows the font's coverage without loading reportlab."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

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


@cache
def _glyphs() -> frozenset[int]:
    # Imported here: only a text with a non-ASCII character needs the font's table (≈ 0.2 s, once a process).
    from fontTools.ttLib import TTFont

    with TTFont(str(font_path()), lazy=True) as font:
        return frozenset(font.getBestCmap())
