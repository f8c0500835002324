"""The "next step" section on the finder result, the estimate and the timeline: how to apply and whom
to contact (SPEC §9). The contact comes from data/issuer.toml (or the sales rep's own for the session);
with none, the sales representative."""

from __future__ import annotations

import streamlit as st

from sonpo.i18n import t
from ui.core import lang
from ui.documents import issuer


def next_step_lines(plan: str | None, price_on_request: bool = False) -> list[str]:
    """The section's lines for a plan (None when no plan is chosen yet), in the user's language."""
    lg = lang()
    lines = [t("next_step.apply", lg)]
    if plan == "hybrid":
        lines.append(t("next_step.apply_hybrid", lg))
    lines.append(t("next_step.confirm", lg))
    if price_on_request:
        lines.append(t("next_step.price_on_request", lg))
    lines.append(issuer().contact_text(lg))  # data/issuer.toml, or what the sales rep typed for the session
    return lines


def next_step(plan: str | None, price_on_request: bool = False) -> None:
    """Draw the section: a bordered box with a heading and one line per step."""
    with st.container(border=True):
        st.subheader(t("next_step.title", lang()), anchor=False)
        # '*' in a contact (an e-mail address) or a domain stays literal in Markdown
        lines = next_step_lines(plan, price_on_request)
        st.markdown("\n".join(f"- {line.replace('*', chr(92) + '*')}" for line in lines))


def hybrid_notes() -> None:
    """The brochure's notes for the hybrid plan that the customer must know before applying (p.7–p.9):
    no questions about the DNS zone information, NS switched by NTT even without support, and the old
    DNS provider cancelled by the customer."""
    keys = ("no_questions", "ns_switch", "cancel_old_dns")
    st.markdown("\n".join(f"- {t(f'brochure.hybrid.{k}', lang())}" for k in keys))
