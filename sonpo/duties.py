"""Who does what around an order (お客様作業 / NTTCom作業), in the order it happens, for a plan, its domain
kind and the DNSゾーン情報サポート choice: the registrar transfer, the DNS zone information, the NS switch,
the set-up, the MX switch and cancelling the old DNS provider (brochure p.2's table, p.5–p.9; docs/rules.md §2, §9).

The one home of these instructions: every page's 「次のステップ」 and the 提案書 render `next_steps`, and the
見積書's remark reads `duties`; none of them decides who does what itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sonpo.catalog import Owner, load_catalog
from sonpo.i18n import Lang, t
from sonpo.money import tax_included, yen
from sonpo.names import DomainKind, PlanId

Task = Literal["registrar_transfer", "zone_info", "ns_switch", "setup", "mx_switch", "cancel_old_dns"]
When = Literal["before_applying", "on_application", "after_order", "after_activation"]
WHEN_ORDER: tuple[When, ...] = ("before_applying", "on_application", "after_order", "after_activation")


@dataclass(frozen=True, slots=True)
class Duty:
    """One piece of work: what it is, who does it, when, and the id of its instruction (data/i18n …/duties.toml)."""

    task: Task
    owner: Owner
    when: When
    text_id: str

    def text(self, lang: Lang = "ja") -> str:
        cat = load_catalog()
        rate = cat.tax_rate_percent
        prices = {"dns_hosting": cat.option("dns_hosting").monthly,  # a month, per domain
                  "dns_support": cat.option("dns_zone_support").initial}  # one-time
        params = {k: yen(v, lang) for k, v in prices.items()}
        params |= {f"{k}_incl": yen(tax_included(v, rate), lang) for k, v in prices.items()}
        return t(f"duty.{self.text_id}", lang, **params)


def duties(plan_id: PlanId, domain: DomainKind | None, dns_support: bool) -> tuple[Duty, ...]:
    """Who does what, in order, from the plan's roles (brochure p.2) and the DNS-support choice (taken only on a
    plan that offers DNSゾーン情報サポート). `domain` is the kind asked for, as a selection holds it (None: the
    plan's first); a plan that lacks it uses its first, as the estimate does."""
    cat = load_catalog()
    plan = cat.plan(plan_id)
    roles = plan.roles
    own = plan.domain_or_first(domain) == "own"
    support = dns_support and plan_id in cat.option("dns_zone_support").plans
    # p.8: an own domain on a plan whose DNS NTT Com hosts moves there; the customer supplies the zone
    # information on the application's attachment, or NTT Com collects it under the support (p.9)
    dns_moves = own and roles.dns_hosting_provider == "ntt"
    out: list[Duty] = []
    if own and plan.requires_registrar_transfer:  # p.8: the customer's own procedure, before applying
        out.append(Duty("registrar_transfer", "customer", "before_applying", "registrar_transfer"))
    if dns_moves:
        out.append(Duty("zone_info", "ntt", "after_order", "zone_info_by_ntt") if support
                   else Duty("zone_info", "customer", "on_application", "zone_info_on_application"))
        out.append(Duty("ns_switch", "ntt", "after_order", "ns_switch"))  # p.7: NTT's, with or without support
    if roles.initial_setup == "ntt":
        out.append(Duty("setup", "ntt", "after_order", "ntt_setup"))
    else:
        out.append(Duty("setup", "customer", "after_activation", "self_setup"))
    mx = roles.dns_mx_switch
    if mx == "customer_or_ntt_with_dns_support":  # p.2 ※: NTT Com switches MX when the support is ordered
        mx = "ntt" if support else "customer"
    if mx == "ntt":
        out.append(Duty("mx_switch", "ntt", "after_activation" if support else "after_order",
                        "mx_switch_by_ntt_support" if support else "mx_switch_by_ntt"))
    elif own:  # an NTT subdomain has no MX record of the customer's to switch (docs/rules.md §4, subdomain steps)
        out.append(Duty("mx_switch", "customer", "after_activation",
                        "mx_switch_by_customer" if dns_moves else "mx_switch_own_domain"))
    if dns_moves:  # p.8 and p.9: the customer's, with or without the support
        out.append(Duty("cancel_old_dns", "customer", "after_activation", "cancel_old_dns"))
    return tuple(sorted(out, key=lambda d: WHEN_ORDER.index(d.when)))  # stable: the order above within a stage


def next_steps(plan_id: PlanId, domain: DomainKind | None, dns_support: bool, lang: Lang = "ja", *,
               price_on_request: bool = False) -> list[str]:
    """The 「次のステップ」 lines, in order: what comes before applying, how to apply and what goes on the
    application, the acceptance mail with the activation date, then the work after the order and after
    activation (who does each), and where to ask for prices the brochure does not give."""
    by_when = {w: [d.text(lang) for d in duties(plan_id, domain, dns_support) if d.when == w] for w in WHEN_ORDER}
    return [
        *by_when["before_applying"],
        t("next_step.apply", lang),
        *by_when["on_application"],
        t("next_step.confirm", lang),
        *by_when["after_order"],
        *by_when["after_activation"],
        *([t("next_step.price_on_request", lang)] if price_on_request else []),
    ]


__all__ = ["Duty", "Task", "When", "duties", "next_steps"]
