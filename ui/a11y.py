"""What every page needs for WCAG 2.2 AA beyond the theme: a page title and the document's language,
a visible keyboard focus, and readable disabled labels (docs/rules.md §10). Called once per run from app.py."""

from __future__ import annotations

import streamlit as st

from ui.browser import page_scripts
from ui.core import lang, tr

# One small stylesheet (a style-only st.html goes to Streamlit's event container and takes no room).
# - Keyboard focus: Streamlit's radio and checkbox focus ring is a faint shadow (about 1.2:1) and
#   <main> takes focus without showing it; a 2px outline in the theme's primary colour (5.9:1 on white)
#   marks whatever has keyboard focus.
# - A disabled widget's label is drawn at 40% opacity (2.45:1); it still carries information
#   (the plan's only domain kind), so it is drawn in a darker grey (6.6:1); the control itself stays greyed.
# - Date inputs: the day and month segments are 18×20 px targets; WCAG 2.2 asks for 24×24.
# - Phones: tables share the width evenly instead of crushing the column with a long unbreakable
#   text (**@n***.insurance-agt.ne.jp), which may now break anywhere; a flowchart shows only the
#   user's path (ui.diagram), since the whole tree would shrink to 6 px text.
# - The main area's content is never shorter than the area: Streamlit sticks the view to the bottom of a
#   main area that was once shorter than the screen (meant for chats), and between two pages it was (ui.browser).
#   The finder's answer, scrolled into view, stays clear of the header.
# - No label is cut off with an ellipsis: a chosen need in the finder's multiselect and a long button label
#   (DNSゾーン情報サポートありの開通スケジュールを見る at 390 px) wrap onto a second line instead.
# - The case's link and its share button (ui.browser.share_button): the button always shown, like Streamlit's
#   secondary button; the label that fits the browser (share or copy) is the one displayed, and so its name.
_STYLE = """<style>
:focus-visible { outline: 2px solid #c2185b !important; outline-offset: 2px; }
[data-testid="stMain"]:focus-visible { outline-offset: -3px; }
label:has(input:focus-visible) { outline: 2px solid #c2185b; outline-offset: 2px; border-radius: 4px; }
label[data-testid="stWidgetLabel"][disabled], label[data-disabled="true"], label:has(input:disabled) {
  color: #5c5c63 !important; opacity: 1; }
[data-testid="stDateInput"] [role="spinbutton"] { display: inline-block; min-width: 24px; min-height: 24px;
  line-height: 24px; text-align: center; }
[data-testid="stTable"] :is(td, th, td *, th *) { overflow-wrap: anywhere !important; }
[class*="st-key-flow_narrow_"] { display: none !important; }
[data-testid="stMainBlockContainer"] { min-height: calc(100% + 2px); }
.st-key-finder_result { scroll-margin-top: 4rem; }
[data-testid="stMultiSelectTagsContainer"],
[data-testid="stMultiSelect"] div:has(> [data-testid="stMultiSelectTagsContainer"]) { height: auto !important; }
[data-testid="stMultiSelectTagsContainer"] span:has(> span[title]) { height: auto; min-height: 28px; }
[data-testid="stMultiSelectTagsContainer"] span[title] { white-space: normal; text-overflow: clip; }
button [data-testid="stMarkdownContainer"], button [data-testid="stMarkdownContainer"] p {
  white-space: normal !important; text-overflow: clip !important; }
button:has([data-testid="stMarkdownContainer"]) { height: auto; }
.sonpo-share-link { font-family: "Source Code Pro", monospace; font-size: 0.875rem; overflow-wrap: anywhere;
  background: #f0f2f6; border-radius: 0.5rem; padding: 0.75rem 1rem; margin: 0 0 0.5rem; user-select: all; }
.sonpo-share-button { font: inherit; color: inherit; background: #fff; border: 1px solid rgba(49, 51, 63, 0.2);
  border-radius: 0.5rem; min-height: 2.5rem; padding: 0.25rem 0.75rem; cursor: pointer; }
.sonpo-share-button:hover { border-color: #c2185b; color: #c2185b; }
.sonpo-share-button .sonpo-if-share, .sonpo-can-share .sonpo-share-button .sonpo-if-copy { display: none; }
.sonpo-can-share .sonpo-share-button .sonpo-if-share { display: inline; }
.sonpo-share-status { margin-left: 0.5rem; }
@media (max-width: 640px) {
  [data-testid="stTable"] table { table-layout: fixed; width: 100%; }
  [data-testid="stTable"] tr > :first-child { width: 26%; }
  [class*="st-key-flow_wide_"] { display: none !important; }
  [class*="st-key-flow_narrow_"] { display: flex !important; }
}
</style>"""


def page_chrome(page_title: str, page_path: str) -> None:
    """The browser tab's title ('<page> | <app>') and the document's language, both in the user's
    language, plus the stylesheet above and the page's scripts (ui.browser). Call after st.navigation,
    with the page's title and url path."""
    st.set_page_config(page_title=f"{page_title} | {tr('app.title')}")
    st.html(_STYLE)
    page_scripts(page_path, lang())
