"""The "next step" section on the finder result, the estimate, the timeline and the support finder: who does
what before and after applying, how to apply and whom to contact (docs/rules.md §9). The lines are sonpo.duties'
(the 提案書 prints the same ones); the contact comes from data/issuer.toml (or the sales rep's own for the
session); with none, the sales representative."""

from __future__ import annotations

import streamlit as st

from sonpo.duties import next_steps
from sonpo.i18n import t
from sonpo.names import DomainKind, PlanId
from ui.core import lang, md
from ui.documents import issuer
from ui.glossary import explain


def next_step_lines(plan: PlanId, domain: DomainKind, dns_support: bool, price_on_request: bool = False) -> list[str]:
    """The section's lines for the case's plan, domain kind and DNS-support choice, in the user's language."""
    lg = lang()
    # data/issuer.toml, or what the sales rep typed for the session
    return [*next_steps(plan, domain, dns_support, lg, price_on_request=price_on_request), issuer().contact_text(lg)]


def next_step(plan: PlanId, domain: DomainKind, dns_support: bool, price_on_request: bool = False) -> None:
    """Draw the section: a bordered box with a heading and one line per step."""
    with st.container(border=True):
        st.subheader(t("next_step.title", lang()), anchor=False)
        # the contact may be what the sales rep typed; a domain's '*' stays literal too
        lines = next_step_lines(plan, domain, dns_support, price_on_request)
        st.markdown("\n".join(f"- {md(line)}" for line in lines))
        explain(*lines)
