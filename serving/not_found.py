"""The app's own page for a path that is no page: in the user's language, status 404, a link to the start page.

The language: the link's `lang` (as the app reads it), else the browser's Accept-Language (the first of ja/en by
preference), else Japanese."""

from __future__ import annotations

import html
from urllib.parse import parse_qs

from sonpo.i18n import LANGS, Lang, t

_STYLE = """
body { margin: 0; background: #ffffff; color: #0a0a0f;
       font-family: system-ui, -apple-system, "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", sans-serif;
       line-height: 1.7; }
main { max-width: 40rem; margin: 0 auto; padding: 3rem 1.5rem; }
.app { margin: 0 0 2rem; font-weight: 600; }
h1 { font-size: 1.75rem; line-height: 1.3; margin: 0 0 1rem; }
a { color: #c2185b; }
a:focus-visible { outline: 3px solid #c2185b; outline-offset: 2px; }
"""


def language(query_string: str, accept_language: str | None) -> Lang:
    """The not-found page's language: `?lang=` as in the app's links, else the browser's preference, else ja."""
    asked = parse_qs(query_string).get("lang", [])
    for value in asked:
        if value in LANGS:
            return value
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, tag.split("-")[0].strip().lower()))
    for _, _, primary in sorted(ranked):
        if primary in LANGS:
            return primary
    return "ja"


def not_found_page(lang: Lang) -> str:
    """The page's HTML (no script: nothing for the Content-Security-Policy to allow)."""
    e = html.escape
    title = t("not_found.title", lang)
    app = t("app.title", lang)
    home = "/" if lang == "ja" else f"/?lang={lang}"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)} | {e(app)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f'<p class="app">{e(app)}</p>\n<h1>{e(title)}</h1>\n<p>{e(t("not_found.text", lang))}</p>\n'
        f'<p><a href="{e(home)}">{e(t("not_found.home", lang, page=t("nav.overview", lang)))}</a></p>\n'
        "</main>\n</body>\n</html>\n"
    )
