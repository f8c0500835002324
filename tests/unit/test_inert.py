"""ui.md: any text shown through Streamlit's Markdown reads as typed and does nothing (issue 20).

Whether Markdown "does something" is judged by tests/inert.py's model of Streamlit 1.67's renderer; the browser
test tests/e2e/test_inert.py checks the issue's payloads in Chromium."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.inert import live, read
from ui.core import md

J = "\u2060"  # the invisible word joiner

PAYLOADS = [
    # links and images (the issue's)
    "![p](http://127.0.0.1:8622/md-img.png)",
    "[お支払いはこちら](http://127.0.0.1:8622/pay)",
    "[参照]\n\n[参照]: http://127.0.0.1:8622/ref",
    "脚注[^1]\n\n[^1]: 注",
    # colours and Streamlit's other directives, icons, emoji
    ":red[至急]",
    ":rainbow-background[至急]",
    ":blue-badge[新規]",
    ":small[小さく]",
    ":material/warning: 注意",
    "よろしく :smile: :+1: :streamlit:",
    # HTML and entities
    "<img src=http://127.0.0.1:8622/x.png>",
    "<b>太字</b> &lt;tag&gt; &#60; &amp;",
    # autolinks
    "http://127.0.0.1:8622/a",
    "HTTPS://EXAMPLE.COM/",
    "www.example.com",
    "<http://127.0.0.1:8622/b>",
    "a.b+c@example.co.jp",
    "mailto:a@b.jp",
    # formulas
    "$x^2$",
    "$$y$$",
    # blocks at a line's start
    "# 見出し",
    "### 見出し",
    "- 項目",
    "+ 項目",
    "* 項目",
    "1. 項目",
    "2) 項目",
    "> 引用",
    "見出し\n===",
    "見出し\n---",
    "***",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "```\nコード\n```",
    "~~~\nコード\n~~~",
    # inline
    "*強調* _強調_ **太字** ~~取消~~ `コード`",
    "C:\\temp\\見積書.pdf",
    "a \\* b",
    "A -> B <- C <-> D -- E >= F <= G ~= H",
]


@pytest.mark.parametrize("text", PAYLOADS)
def test_the_markdown_in_a_text_does_nothing_and_the_text_reads_as_typed(text: str) -> None:
    assert live(text) or read(text) != text, "unescaped, this payload does something or reads otherwise"
    shown = md(text)
    assert live(shown) == []
    assert read(shown) == text


def test_the_issues_payloads_exactly() -> None:
    # every ASCII character Markdown gives a meaning gets a backslash; a colon before a name, the 'http:' of a
    # bare link included, gets a joiner too (Streamlit finds those after the backslashes are gone)
    assert md("![p](http://127.0.0.1:8622/md-img.png)") == f"!\\[p\\](http\\:{J}//127.0.0.1\\:{J}8622/md-img.png)"
    assert md("[お支払いはこちら](http://x)") == f"\\[お支払いはこちら\\](http\\:{J}//x)"
    assert md(":red[至急]") == f"\\:{J}red\\[至急\\]"
    assert md("<img src=x>") == "\\<img src=x\\>"
    assert md("a@b.jp www.b.jp") == f"a@{J}b.jp www{J}.b.jp"


@pytest.mark.parametrize("text", [
    "株式会社さくら保険　営業部（東京）",
    "ＡＢＣ損保＜本店＞［担当］：山田＊＿＃１",  # full-width look-alikes mean nothing to Markdown
    "山田 太郎",
    "03-1234-5678",
    "T1234567890123",
    "〇〇保険代理店 御中",
    "1,500円/ID（税込1,650円）",
])
def test_everyday_text_is_left_as_it_is(text: str) -> None:
    assert md(text) == text


def test_indentation_is_dropped_rather_than_shown_as_code() -> None:
    # four spaces would make a code block; a browser shows no indentation in a paragraph anyway
    assert md("    コード") == "コード"
    assert md("一行目\n\n    - 二行目") == "一行目\n\n\\- 二行目"
    assert live(md("一行目\n\n    二行目")) == []


# pieces of Markdown and of what Streamlit looks for, letters and digits for names and links, Japanese, spaces and
# line breaks: any text made of them
PIECES = [*"\\`*_~[]<>&|$:@=-+#.!()/ \t\nwa1至＜：", "www", "http", "https", "://", "mailto:", "material/", "red",
          "streamlit", "smile", "+1", "<img", "&lt;", "    ", "1.", "2)"]


@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
@example("_www.x")
@example("1www.x")
@example("x_y@b.c")
@example("10:30:45")
@example("a -> b")
@example("a\n===")
@settings(max_examples=400)
def test_any_text_does_nothing_and_reads_as_typed(text: str) -> None:
    shown = md(text)
    assert live(shown) == []
    assert read(shown) == re.sub(r"(?m)^[ \t]+", "", text)  # indentation is not shown in any case
