"""How Streamlit 1.67 shows a Markdown text, as far as the tests need it: the characters a person reads, and the
Markdown in it that would still do something (a link, an image, a colour, an icon, HTML, …).

The model follows Streamlit's renderer (react-markdown with remark-gfm, remark-math, remark-directive,
remark-emoji and Streamlit's own plugins; the patterns below are copied from its bundle in
streamlit/static/static/js): CommonMark's backslash escapes are undone first, then the plugins search the text
for emoji, icons, bare links and e-mail addresses. tests/e2e/test_inert.py checks the same payloads in Chromium.
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: a backslash before ASCII punctuation
_SPECIAL = "\\`*_~[]<>&|$"  # each starts Markdown anywhere in a line unless escaped
_LINE_START = re.compile(r"^(?: {4,}|\t| {0,3}(?:[#>*+=]|-|[0-9]+[.)]))")  # code, heading, quote, list, underline
# searched in the text after the escapes are undone (the backslash does not stop them)
# (JavaScript's \w is ASCII; the model leaves out the character each pattern wants before it, so it finds more)
_TEXT_PATTERNS = {
    "autolink": re.compile(r"(https?://|www(?=\.))([-.\w]+)", re.IGNORECASE | re.ASCII),  # remark-gfm
    "e-mail": re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.ASCII),
    "emoji": re.compile(r":\+1:|:-1:|:[\w-]+:", re.ASCII),  # remark-emoji (also :material_x: and :streamlit:)
    "arrow": re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)"),  # Streamlit's typographical symbols
}


def decode(source: str) -> tuple[str, list[int], list[bool]]:
    """The text of `source` with its backslash escapes undone, where each of its characters is in `source`, and
    whether it was escaped."""
    text: list[str] = []
    where: list[int] = []
    escaped: list[bool] = []
    i = 0
    while i < len(source):
        escape = _ESCAPE.match(source, i) is not None
        i += escape
        text.append(source[i])
        where.append(i)
        escaped.append(escape)
        i += 1
    return "".join(text), where, escaped


def read(source: str) -> str:
    """The characters a person reads: the escapes undone and the invisible word joiners (U+2060) left out.
    Markdown the text means (**bold**) stays as it is."""
    return decode(source)[0].replace("\u2060", "")


def live(source: str, start: int = 0, end: int | None = None) -> list[str]:
    """What in source[start:end] Streamlit would still treat as Markdown (empty: it reads as plain text)."""
    end = len(source) if end is None else end
    text, where, escaped = decode(source)
    inside = [k for k, i in enumerate(where) if start <= i < end]
    found = [f"{text[k]!r} at {where[k]}" for k in inside if text[k] in _SPECIAL and not escaped[k]]
    found += [f"directive or icon at {where[k]}" for k in inside
              if text[k] == ":" and not escaped[k] and text[k + 1:k + 2].isalnum()]
    if ":material/" in source[start:end]:
        found.append("material icon")
    line_start = source.rfind("\n", 0, start) + 1
    for m in re.finditer(r"^.*$", source[line_start:end], re.MULTILINE):
        if line_start + m.start() >= start and _LINE_START.match(m.group()):
            found.append(f"line start {m.group()[:10]!r}")
    if inside:
        part = text[inside[0]:inside[-1] + 1]
        found += [f"{name} {m.group()!r}" for name, pattern in _TEXT_PATTERNS.items() for m in pattern.finditer(part)]
    return found


def span(source: str, visible: str) -> tuple[int, int] | None:
    """Where in `source` the text `visible` is (as a person reads it: escapes undone, joiners left out)."""
    text, where, _ = decode(source)
    kept = [(c, i) for c, i in zip(text, where, strict=True) if c != "\u2060"]
    plain = "".join(c for c, _ in kept)
    at = plain.find(visible)
    if at < 0:
        return None
    return kept[at][1], kept[at + len(visible) - 1][1] + 1
