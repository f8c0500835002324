"""What a user types or a link carries is shown as plain text everywhere on screen (issue 20): no link, image,
colour or HTML of its own, wherever Streamlit renders Markdown (st.markdown, captions, alerts, labels, options,
help, st.table cells, the documents dialog). tests/inert.py models how Streamlit renders a text."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator

import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from sonpo.case import field_names
from sonpo.register import Register
from tests.inert import live, read, span
from tests.pages.apptest import open_app
from tests.pages.test_staff import SECRETS, STAFF, visit

# the issue's three, and HTML (each short enough that all four fit in one 100-character field)
IMAGE = "![p](http://x.test/md-img.png)"
LINK = "[お支払いはこちら](http://x.test/pay)"
COLOUR = ":red[至急]"
HTML = "<img src=http://x.test/x.png>"
PIECES = (IMAGE, LINK, COLOUR, HTML)
ALL = "".join(PIECES)

# every page; the finder and the support finder also answered (their result, the next step, the documents)
PAGES = {
    "overview": {}, "finder": {}, "support": {}, "estimate": {}, "compare": {}, "timeline": {}, "bulk": {},
    "finder answered": {"ids": "10", "needs": "none", "own_domain": "1", "admin_panel": "0"},
    "support answered": {"plan": "hybrid", "knows_dns": "0", "delegate_dns": "1"},
}
# what Streamlit shows as Markdown, by the name of the message field that holds it (labels, options and help of
# every widget, alerts' and Markdown's bodies, an expander's label, a dialog's title, a metric's texts)
MARKDOWN_FIELDS = frozenset({"body", "label", "help", "options", "title", "caption"})
PLAIN = frozenset({"arrow_data_frame", "data_editor", "html", "code", "json", "text"})  # not Markdown


def _strings(message: Message) -> Iterator[str]:
    for field, value in message.ListFields():
        if isinstance(value, Message):
            yield from _strings(value)
        elif field.name in MARKDOWN_FIELDS:
            yield from ([value] if isinstance(value, str) else (v for v in value if isinstance(v, str)))


def markdown_texts(at: AppTest) -> Iterator[tuple[str, str]]:
    """(what holds it, the Markdown) for every text on the page that Streamlit renders as Markdown."""
    dialogs = at.get("dialog")  # drawn apart from the main area and the sidebar, as toasts are
    for node in [*at.main, *at.sidebar, *(n for dialog in dialogs for n in dialog), *at.toast]:
        kind = getattr(node, "type", type(node).__name__)
        if kind in PLAIN:
            continue
        if kind == "table":
            frame = node.value
            yield from ((kind, str(v)) for v in [*frame.columns, *frame.index, *frame.to_numpy().ravel()])
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            yield from ((kind, text) for text in _strings(proto))


def leaks(at: AppTest) -> tuple[list[str], dict[str, int]]:
    """Every payload on the page that Streamlit would render as Markdown, and how often each piece was shown."""
    found: list[str] = []
    shown = dict.fromkeys(PIECES, 0)
    for kind, text in markdown_texts(at):
        for piece in PIECES:
            where = span(text, piece)
            if where is not None:
                shown[piece] += 1
                found += [f"{kind}: {what} in {read(text)!r}" for what in live(text, *where)]
    for node in at.get("html"):  # st.html takes HTML: a payload there must be escaped HTML, not tags
        found += [f"html: {piece!r}" for piece in PIECES if piece in node.proto.body]
    return found, shown


def documents(at: AppTest) -> AppTest:
    """Open the documents dialog where the page offers one."""
    for button in at.button:
        if button.key and button.key.endswith(".documents"):
            button.click().run()
            assert not at.exception, at.exception
            break
    return at


ISSUE_LINK = "addressee=%21%5Bp%5D%28http%3A%2F%2F127.0.0.1%3A8622%2Fmd-img.png%29"  # the issue's, on /estimate


@pytest.mark.parametrize("payload", [urllib.parse.parse_qs(ISSUE_LINK)["addressee"][0], LINK, COLOUR, HTML])
def test_a_shared_links_addressee_shows_as_typed_in_the_documents_dialog(payload: str) -> None:
    at = documents(open_app("views/estimate.py", addressee=payload))
    (text,) = [m.value for m in at.markdown if "宛名" in m.value]
    assert read(text) == f"共通ルールプラン・10ID・12か月　宛名：{payload} 御中　発行日：{_issued(at)}"
    where = span(text, payload)
    assert where is not None and live(text, *where) == []


def _issued(at: AppTest) -> str:
    """The issue date as the dialog says it (today in Japan)."""
    return read(next(m.value for m in at.markdown if "発行日：" in m.value)).split("発行日：")[1]


@pytest.mark.parametrize("state", PAGES)
def test_no_page_renders_typed_or_linked_text_as_markdown(state: str) -> None:
    # every name a link may carry, every text field on the page, the dialog
    link = {**dict.fromkeys((*field_names(), "lang", "tax", "source"), ALL), **PAGES[state]}
    at = open_app(f"views/{state.split()[0]}.py", **link)
    for field in at.text_input:
        field.set_value(ALL)
    at.run()
    assert not at.exception, at.exception
    documents(at)
    found, shown = leaks(at)
    assert found == []
    # the payloads did reach the screen: the addressee in the documents dialog where the page offers one (a
    # visitor types no issuer since staff sign-in: the next-step box names data/issuer.toml's contact)
    reached = {"estimate": 1, "timeline": 1, "finder answered": 1}.get(state, 0)
    assert min(shown.values()) >= reached, shown


def test_a_refused_entry_is_quoted_under_its_field_as_plain_text() -> None:
    at = open_app("views/estimate.py")
    at.text_input(key="estimate.addressee.ja").set_value(f"{IMAGE}\t{COLOUR}").run()  # a tab: この値は使えません
    (addressee,) = (read(e.value) for e in at.error)
    assert f"「{IMAGE}\t{COLOUR}」" in addressee
    found, shown = leaks(at)
    assert found == [] and shown[IMAGE] == 1, (found, shown)


def test_a_refused_issuer_profile_field_is_quoted_as_plain_text(register: Register) -> None:
    # the issuer is typed by signed-in staff only, on the staff page (docs/rules.md §11)
    at = visit("views/staff.py", secrets=SECRETS, user=STAFF)
    at.text_input(key="staff.profile.registration_number").set_value(ALL)  # 「T」に続けて13桁の数字で…（入力値：「…」）
    at.button(key="FormSubmitter:staff.profile-プロフィールを保存").click().run()
    (issuer,) = (read(e.value) for e in at.error)
    assert f"「{ALL}」" in issuer
    found, shown = leaks(at)
    assert found == [] and all(shown.values()), (found, shown)


def test_a_bulk_files_name_and_its_headers_are_quoted_as_plain_text() -> None:
    at = open_app("views/bulk.py")
    # an extra column whose name Shift_JIS cannot hold (the emoji): the CP932 download names the column
    data = f"代理店名,プラン,ID数,{ALL}😀\r\nさくら保険,共通ルールプラン,10,x\r\n".encode()
    at.file_uploader(key="bulk.upload").upload(f"{ALL}.csv", data, "text/csv")
    at.run()
    assert not at.exception, at.exception
    captions = [read(c.value) for c in at.caption]
    assert any(f"{ALL}.csv" in c for c in captions)
    assert any(ALL in read(e.value) for e in at.error)
    found, shown = leaks(at)
    assert found == [] and all(shown.values()), (found, shown)
