"""Estimate (お見積り): plan, IDs, domain and options → line items, totals with tax, documents, change fees."""

import pandas as pd
import streamlit as st

import ui
from sonpo.catalog import load_catalog
from sonpo.display import assumptions, line_table, option_price, packs_text
from sonpo.errors import InvalidSelection
from sonpo.money import Amount, tax_included
from sonpo.names import HONORIFICS, PLAN_IDS, OptionId, PlanId
from sonpo.options import domain_replaced, option_states
from sonpo.quote import CHANGE_COUNT, change_fees, change_items, check, quote
from ui import case as the_case
from ui import entries
from ui.documents import documents_button
from ui.entries import Bound
from ui.glossary import explain, with_terms
from ui.next_step import next_step

cat = load_catalog()
msb_max = cat.option("msb").max_quantity
dns_max = cat.option("dns_hosting").max_quantity
_FEE_COUNTS = "estimate.fee_counts"  # the change-fee calculator's counts, for the session


def bind(field: str, shown: object = None) -> Bound:
    return the_case.bind("estimate", field) if shown is None else the_case.bind("estimate", field, shown)


def _keep_count(count: str) -> None:
    st.session_state.setdefault(_FEE_COUNTS, {})[count] = int(st.session_state[f"estimate_fee.{count}"] or 0)


@st.fragment
def change_fee_calculator(plan_id: PlanId) -> None:
    """The change-fee calculator. A fragment: a count typed here reruns only this box, since the counts change
    nothing else on the page (and are not part of the case). The counts are kept in the session, so that they
    are still there when the box is opened again."""
    fee = cat.plan(plan_id).change_fee_per_id
    st.caption(ui.tr("estimate.change_intro", fee=ui.yen_text(fee),
                     fee_incl=ui.yen_text(tax_included(fee, cat.tax_rate_percent))))
    items = change_items(plan_id, cat)
    if "name_change" not in items:  # names and user passwords are the customer's own, in the admin panel
        st.caption(ui.tr("estimate.change_self_service"))
    kept: dict[str, int] = st.session_state.get(_FEE_COUNTS, {})
    counts = {"name_changes": 0, "password_reissues": 0}  # only the plan's own items count
    for col, item in zip(st.columns(2), items, strict=False):
        count = CHANGE_COUNT[item]
        counts[count] = kept.get(count, 0)
        col.number_input(ui.tr(f"estimate.{item}s"), min_value=0, step=1,
                         **entries.bound(f"estimate_fee.{count}", counts[count], _keep_count, count))
    fees = change_fees(plan_id, counts["name_changes"], counts["password_reissues"], cat)
    st.metric(ui.tr("estimate.change_total"), ui.money(fees.total))
    st.caption(ui.money_pair(fees.total))


def estimate() -> None:
    """The page (a function, so that its parts share the case and quote of this run)."""
    L = ui.lang()
    TAX = ui.tax_mode()
    c = the_case.case()
    plan_id = c.plan
    plan = cat.plan(plan_id)
    domain = c.plan_domain(cat)
    replaced = domain_replaced(plan_id, c.domain, cat)
    domain_note = None if replaced is None else ui.tr(
        "estimate.domain_changed", plan=ui.tr(f"plan.{plan_id}.name"), old=ui.tr(f"domain.{c.domain}"),
        new=ui.tr(f"domain.{replaced}"))
    selection = c.selection(cat)
    errors = check(selection, cat)
    by_field = {**(InvalidSelection(errors).by_field() if errors else {}), **the_case.refused()}
    states = option_states(plan_id, domain, cat)
    # An entry the case refused stays on screen with its reason; no total is shown until it is mended,
    # so that the screen never shows figures for other values than those in the fields. The 宛名 changes no
    # figure: refused, it holds back only the documents (they would print the case's, not the field's).
    refused = the_case.refused()
    q = None if errors or set(refused) - {"addressee"} else quote(selection, cat)
    ids_error = by_field.get("ids")
    special = ids_error is not None and ids_error.code == "special_plan"

    st.title(ui.tr("estimate.title"), anchor=False)
    st.caption(ui.tr("estimate.intro"))

    # The totals first, so that they are in view on a phone too; details and inputs below.
    with st.container(border=True):
        st.markdown(f"**{ui.tr('estimate.result')}**")
        if q is None:
            if special:
                st.info(ui.tr("estimate.special", max=plan.max_ids), icon=":material/support_agent:")
            else:
                st.warning(ui.tr("estimate.fix_first"), icon=":material/edit_note:")
        else:
            p = q.period
            totals = [
                (ui.tr("estimate.monthly"), q.monthly),
                (ui.tr("estimate.initial"), q.initial),
                (ui.tr("estimate.period", months=p.months),
                 Amount(excl_tax=p.excl_tax, tax=p.tax, incl_tax=p.incl_tax)),
            ]
            other = "other_excl" if TAX == "incl" else "other_incl"
            for col, (label, amount) in zip(st.columns(3), totals, strict=True):
                col.metric(label + ui.tr(f"app.tax_suffix.{TAX}"),
                           ui.yen_text(amount.incl_tax if TAX == "incl" else amount.excl_tax))
                col.caption(ui.tr(f"estimate.{other}", excl=ui.yen_text(amount.excl_tax),
                                  incl=ui.yen_text(amount.incl_tax), tax=ui.yen_text(amount.tax)))
            packs = packs_text(q.msb_packs, L)
            if packs:
                st.caption(ui.tr("estimate.packs", packs=packs))

    def unavailable(oid: OptionId, label: str) -> None:
        """An option the plan does not offer: shown off and disabled, with the reason."""
        st.checkbox(label, value=False, disabled=True, key=f"estimate_off.{oid}")
        explain(label, boxed=False)
        reason = states[oid].reason
        st.caption(ui.md(reason.message(L) if reason else ""))

    def per_id_count(name: str) -> None:
        # Here 0 means every ID (for the licences above, none): each field says so in its name, one name per
        # option so that a screen reader tells the two apart, and in the help under it
        st.number_input(ui.tr(f"estimate.{name}"), step=1, **bind(name))
        help_text = ui.tr("estimate.per_id_help")
        if getattr(c, name) == 0:
            help_text += "  \n" + ui.tr("estimate.per_id_all", ids=c.quoted_ids)
        st.caption(help_text)

    form_col, result_col = st.columns([2, 3], gap="large")

    with form_col:
        st.subheader(ui.tr("estimate.conditions"), anchor=False)
        st.radio(ui.tr("estimate.plan"), PLAN_IDS, **bind("plan"), horizontal=True,
                 format_func=ui.labels(PLAN_IDS, lambda p: ui.tr(f"plan.{p}.name")))
        limits = "、" if L == "ja" else "; "
        st.number_input(ui.tr("estimate.ids"), step=1, **bind("ids", c.quoted_ids))
        st.caption(ui.tr("estimate.ids_help", limits=limits.join(
            ui.tr("estimate.ids_limit_special" if cat.plan(p).special_plan else "estimate.ids_limit",
                  plan=ui.tr(f"plan.{p}.name"), max=cat.plan(p).max_ids) for p in PLAN_IDS)))
        if special and ids_error is not None:
            st.warning(ui.md(ids_error.message(L)), icon=":material/support_agent:")
        else:
            ui.field_error(by_field, "ids")

        st.radio(ui.tr("estimate.domain"), plan.domains, **bind("domain", domain), disabled=len(plan.domains) == 1,
                 format_func=ui.labels(plan.domains, lambda d: ui.md(ui.tr(f"domain.{d}"))))
        if domain_note:
            st.info(ui.md(domain_note), icon=":material/swap_horiz:")
        ui.field_error(by_field, "domain")

        st.subheader(ui.tr("estimate.options"), anchor=False)
        # マイセキュア ビジネス
        if states["msb"].available:
            st.number_input(ui.tr("estimate.msb"), step=1, **bind("msb"))
            st.caption(ui.tr("estimate.msb_help", max=f"{msb_max:,}"))
            st.caption(option_price("msb", L, TAX))
            ui.field_error(by_field, "msb_licences")
            ui.field_error(by_field, "msb")
        else:
            unavailable("msb", ui.tr("option.msb.name"))

        # DNSホスティング: mandatory on hybrid, own domain only where optional
        dns = states["dns_hosting"]
        if dns.status == "mandatory":
            st.checkbox(ui.tr("estimate.dns_hosting"), value=True, disabled=True, key="estimate_lock.dns_hosting")
            st.caption(ui.tr("estimate.mandatory", plan=ui.tr(f"plan.{plan_id}.name")))
        elif dns.available:
            st.checkbox(ui.tr("estimate.dns_hosting"), **bind("dns_hosting"))
        else:
            unavailable("dns_hosting", ui.tr("estimate.dns_hosting"))
        if dns.available:
            st.caption(option_price("dns_hosting", L, TAX))
        if dns.status == "mandatory" or (dns.available and c.dns_hosting):
            # docs/rules.md §3: the UI makes 0 domains impossible (hybrid needs at least one)
            st.number_input(ui.tr("estimate.domains"), min_value=1, step=1, **bind("domains"))
            st.caption(ui.tr("estimate.domains_help", max=dns_max))
            ui.field_error(by_field, "domains")

        per_id: tuple[tuple[OptionId, str], ...] = (("mail_archive", "mail_archive_ids"), ("iijid", "iijid_ids"))
        for oid, field in per_id:
            if states[oid].available:
                st.checkbox(ui.tr(f"estimate.{oid}"), **bind(oid))
                st.caption(option_price(oid, L, TAX))
                if getattr(c, oid):
                    per_id_count(field)
                ui.field_error(by_field, field)
            else:
                unavailable(oid, ui.tr(f"estimate.{oid}"))

        if states["dns_zone_support"].available:
            st.checkbox(ui.tr("estimate.dns_support"), **bind("dns_support"))
            st.caption(with_terms(ui.tr("estimate.dns_support_help"), ui.tr("estimate.dns_support")) or "")
            st.caption(option_price("dns_zone_support", L, TAX))
            ui.field_error(by_field, "dns_zone_support")
        else:
            unavailable("dns_zone_support", ui.tr("estimate.dns_support"))

        st.number_input(ui.tr("estimate.months"), step=1, **bind("months"))
        st.caption(ui.tr("estimate.months_help", max=cat.max_months))
        ui.field_error(by_field, "months")

    with result_col:
        if q is not None:
            st.subheader(ui.tr("estimate.lines"), anchor=False)
            lines = pd.DataFrame(line_table(q, L, TAX)).map(ui.md)
            st.table(lines.set_index(lines.columns[0]))
            st.caption(ui.tr("estimate.lines_note", rate=cat.tax_rate_percent))

            st.markdown(f"**{ui.tr('estimate.totals')}**")
            head = [ui.tr("estimate.totals"), ui.tr("doc.subtotal"), ui.tr("doc.tax", rate=cat.tax_rate_percent),
                    ui.tr("doc.total")]
            rows = [[label, *(ui.yen_text(v) for v in (a.excl_tax, a.tax, a.incl_tax))] for label, a in totals]
            st.table(pd.DataFrame(rows, columns=head).set_index(head[0]))

            st.markdown(f"**{ui.tr('estimate.downloads')}**")
            with st.container(border=True):
                st.text_input(ui.tr("estimate.addressee"), max_chars=100, **bind("addressee"),
                              placeholder=ui.tr("estimate.addressee_placeholder"))
                ui.field_error(by_field, "addressee")
                st.radio(ui.tr("estimate.honorific"), HONORIFICS, **bind("honorific"), horizontal=True,
                         format_func=ui.labels(HONORIFICS, lambda h: ui.tr(f"estimate.honorific_{h}")))
                st.caption(ui.tr("estimate.honorific_help"))
                if "addressee" not in refused:
                    documents_button("estimate")

        st.caption(ui.tr("app.effective_date", date=ui.when(cat.effective_date)))
        st.markdown(f"**{ui.tr('estimate.assumptions')}**")
        st.caption("\n".join(f"- {a}" for a in assumptions(L, plan_id)))

        fees_box = entries.expander(ui.tr("estimate.change_fees"), "estimate.fees", icon=":material/badge:")
        if fees_box is not None:  # drawn only while open (see ui.entries.expander)
            with fees_box:
                change_fee_calculator(plan_id)

        next_step(plan_id, domain, selection.dns_zone_support, price_on_request=special)

        if st.button(ui.tr("estimate.to_compare"), icon=":material/compare_arrows:", key="estimate_go.compare"):
            the_case.update(domain=domain)  # the domain kind shown here is a need the other plans must meet
            the_case.open_page("views/compare.py")
    the_case.share_box()
    the_case.write_url()


estimate()
