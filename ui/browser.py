"""What a page asks of the browser that Streamlit 1.67's Python API cannot: open a page at its top, bring an
answer into view, close the phone's sidebar once a page is chosen, hand a link to the phone's share sheet. Each
is a few lines of script in st.html (public API; it runs in the page itself, loads nothing and sends nothing
anywhere).

Why scripts: Streamlit keeps the main area's scroll position when st.switch_page or a page link changes the
page, so a page opened from halfway down another opened halfway down too (or, when the old page's elements were
cleared first, Streamlit's stick-to-the-bottom scrolling took it to the end: 2 runs in 4 on a phone). Its own
navigation menu closes the sidebar after a choice on a phone, but it drops the case from the address; the
page links this app draws instead (app.py) leave the sidebar open over the page. There is no Python call to
scroll or to close the sidebar.
"""

from __future__ import annotations

import html
from typing import NamedTuple

import streamlit as st

_ARRIVALS = "browser.arrivals"  # how many times this session arrived at a page (makes each script element new)
_PAGE_PATH = "browser.page"  # the page the last run showed
_ARRIVED = "browser.arrived"  # this run shows a page the last run did not

# Streamlit's sidebar lies over the page up to its 'md' breakpoint (768px); there a chosen page link closes it
# as Streamlit's own menu does. Installed once per browser tab; the listener runs after the link's own.
_CLOSE_SIDEBAR = """
if (!window.__sonpoSidebar) {
  window.__sonpoSidebar = true;
  document.addEventListener('click', (event) => {
    const link = event.target.closest('[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]');
    if (!link || !window.matchMedia('(max-width: 767.98px)').matches) return;
    const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (close) close.click();
  });
}
"""

# The document's language, and on arriving at a page the main area scrolled to its top. The main area scrolls
# (not the document). Its content is never shorter than the area (ui.a11y's stylesheet), so that Streamlit's
# stick-to-the-bottom scrolling, meant for chats, never takes hold between two pages.
_PAGE = """
{ const data = document.currentScript.dataset;
  document.documentElement.lang = data.lang;
  if (data.arrival) { const main = document.querySelector('[data-testid="stMain"]'); if (main) main.scrollTop = 0; } }
"""

# Scroll the element with the given key's class (the script's data-key) to the top of the main area once the run
# is drawn (no element left over from the last run, whose removal would move it), unless the user scrolls or types
# meanwhile.
_INTO_VIEW = """
{ const key = document.currentScript.dataset.key; let frames = 0, moved = false;
  const main = document.querySelector('[data-testid="stMain"]');
  const stop = () => { moved = true; };
  for (const type of ['wheel', 'touchstart', 'keydown']) main?.addEventListener(type, stop, {once: true});
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const go = () => {
    if (moved) return;
    const el = document.querySelector('.st-key-' + key);
    const drawn = el && !document.querySelector('[data-stale="true"]')
      && document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') === 'notRunning';
    if (drawn) el.scrollIntoView({block: 'start', behavior: reduce ? 'auto' : 'smooth'});
    else if (frames++ < 300) requestAnimationFrame(go);
  };
  requestAnimationFrame(go); }
"""


_PAGE_SCRIPT = _PAGE + _CLOSE_SIDEBAR


def page_scripts(page_path: str, lang: str) -> None:
    """Every run, in the sidebar: the document's language (Streamlit's index.html says lang="en"; a screen reader
    must read Japanese pages as Japanese), the sidebar closing after a choice, and on arriving at a page (not on
    a rerun of the same page), the main area scrolled to its top."""
    arrived = st.session_state[_ARRIVED] = st.session_state.get(_PAGE_PATH) != page_path
    st.session_state[_PAGE_PATH] = page_path
    arrival = ""
    if arrived:
        n = st.session_state[_ARRIVALS] = st.session_state.get(_ARRIVALS, 0) + 1
        arrival = f' data-arrival="{n}"'  # a new element, so the browser runs it again
    with st.sidebar:
        st.html(f'<script data-lang="{html.escape(lang)}"{arrival}>{_PAGE_SCRIPT}</script>',
                unsafe_allow_javascript=True)


def bring_into_view(key: str, reason: str) -> None:
    """Scroll the element drawn with `key` (a container's key) to the top of the screen, once, now; `reason`
    tells one occasion from the next (a new text runs again). Call after the element is drawn. Not on arriving
    at the page: a page opens at its top."""
    if st.session_state.get(_ARRIVED, True):
        return
    e = html.escape
    st.sidebar.html(f'<script data-key="{e(key)}" data-reason="{e(reason)}">{_INTO_VIEW}</script>',
                    unsafe_allow_javascript=True)


class ShareLabels(NamedTuple):
    """The share button's texts in the user's language."""

    share: str  # where the browser has a share sheet (navigator.share): phones, some desktops
    copy: str  # where it has none
    copied: str  # said (and announced to a screen reader) once the link is on the clipboard
    failed: str  # where the browser refuses to copy


# One listener for every share button, installed once per browser tab. The button shows the share label where
# navigator.share exists (a class on <html>, set here) and the copy label elsewhere; its text is its accessible
# name. Sharing that fails for another reason than the user closing the sheet falls back to copying; copying
# falls back from the Clipboard API (secure pages only) to the selection's copy command.
_SHARE = """
document.documentElement.classList.toggle('sonpo-can-share', typeof navigator.share === 'function');
if (!window.__sonpoShare) {
  window.__sonpoShare = true;
  const copy = async (text) => {
    try { await navigator.clipboard.writeText(text); return true; } catch (e) { /* below */ }
    const area = document.createElement('textarea');
    area.value = text; area.setAttribute('readonly', ''); area.style.position = 'fixed'; area.style.opacity = '0';
    document.body.appendChild(area); area.select();
    let done = false;
    try { done = document.execCommand('copy'); } catch (e) { done = false; }
    area.remove();
    return done;
  };
  document.addEventListener('click', async (event) => {
    const button = event.target.closest('.sonpo-share-button');
    if (!button) return;
    const status = button.parentElement.querySelector('.sonpo-share-status');
    const url = button.dataset.url;
    if (typeof navigator.share === 'function') {
      try { await navigator.share({title: button.dataset.title, url}); return; }
      catch (e) { if (e.name === 'AbortError') return; }
    }
    status.textContent = (await copy(url)) ? button.dataset.copied : button.dataset.failed;
  });
}
"""


def share_button(url: str, title: str, labels: ShareLabels) -> None:
    """The link, in full and selectable, with one button under it: the share sheet where the browser offers one
    (e-mail, LINE, … on a phone), the clipboard where it does not; a status line says what happened."""
    e = html.escape
    st.html(
        f'<div class="sonpo-share"><p class="sonpo-share-link">{e(url)}</p>'
        f'<button type="button" class="sonpo-share-button" data-url="{e(url)}" data-title="{e(title)}" '
        f'data-copied="{e(labels.copied)}" data-failed="{e(labels.failed)}">'
        f'<span class="sonpo-if-share">{e(labels.share)}</span><span class="sonpo-if-copy">{e(labels.copy)}</span>'
        f'</button> <span class="sonpo-share-status" role="status"></span></div><script>{_SHARE}</script>',
        unsafe_allow_javascript=True,
    )


def scripts() -> tuple[str, ...]:
    """The text of every script this module puts in a page, exactly as sent. Each text is fixed (what varies
    rides on the script element's data attributes), so the server's Content-Security-Policy can allow these
    scripts by their hashes and no others (serving/policy.py)."""
    return (_PAGE_SCRIPT, _INTO_VIEW, _SHARE)
