"""Estimate (お見積り): plan, IDs, domain and options → line items, totals with tax, downloads, change fees."""

import datetime as dt

import pandas as pd
import streamlit as st

import ui
from sonpo.catalog import PLAN_IDS, load_catalog
from sonpo.documents import assumptions, estimate_html, line_table, option_price, packs_text, quote_json
from sonpo.errors import InvalidSelection
from sonpo.estimate import EstimateForm, domain_for, option_states
from sonpo.export import quote_csv
from sonpo.money import Amount, tax_included
from sonpo.quote import change_fees, check, quote
from ui.next_step import next_step

cat = load_catalog()
L = ui.lang()
TAX = ui.tax_mode()
BIG = 1_000_000  # a URL guard only; the plan limits are the catalog's, enforced by `check`
msb_max = cat.option("msb").max_quantity or BIG
dns_max = cat.option("dns_hosting").max_quantity or BIG

state = ui.PageState(
    "estimate",
    [
        ui.choice_field("plan", "common", PLAN_IDS, label="field.plan"),
        ui.int_field("ids", 10, 1, BIG, label="field.ids"),
        ui.choice_field("domain", "designated", ("designated", "own", "sub"), label="field.domain"),
        ui.bool_field("dns_hosting", False, label="estimate.dns_hosting"),
        ui.int_field("domains", 1, 1, dns_max, label="field.domains"),
        ui.int_field("msb", 0, 0, msb_max, label="field.msb_licences"),
        ui.bool_field("mail_archive", False, label="estimate.mail_archive"),
        ui.int_field("mail_archive_ids", 0, 0, BIG, label="field.mail_archive_ids"),
        ui.bool_field("iijid", False, label="estimate.iijid"),
        ui.int_field("iijid_ids", 0, 0, BIG, label="field.iijid_ids"),
        ui.bool_field("dns_support", False, label="estimate.dns_support"),
        ui.int_field("months", 12, 1, cat.max_months, label="field.months"),
    ],
)
bad = state.load()
# Values another page put into the session (the plan finder) are checked like URL values.
for f in state.fields.values():
    try:
        ok = f.parse(f.dump(state.get(f.name))) == state.get(f.name)
    except (ValueError, TypeError):
        ok = False
    if not ok:
        state.set(f.name, f.default)
        bad.append(f.name)

plan_id = state.get("plan")
plan = cat.plan(plan_id)
old_domain = state.get("domain")
domain = domain_for(plan_id, old_domain, cat)
domain_note = None
if domain != old_domain:
    state.set("domain", domain)
    if old_domain != state.fields["domain"].default:
        domain_note = ui.tr("estimate.domain_changed", plan=ui.tr(f"plan.{plan_id}.name"),
                            old=ui.tr(f"domain.{old_domain}"), new=ui.tr(f"domain.{domain}"))

form = EstimateForm(**{name: state.get(name) for name in state.fields})
selection = form.selection(cat)
errors = check(selection, cat)
by_field = InvalidSelection(errors).by_field() if errors else {}
states = option_states(plan_id, domain, cat)
q = None if errors else quote(selection, cat)
ids_error = by_field.get("ids")
special = ids_error is not None and ids_error.code == "special_plan"

st.title(ui.tr("estimate.title"))
st.caption(ui.tr("estimate.intro"))
state.show_url_notice(bad)

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
             Amount(excl_tax=p.excl_tax, tax=p.incl_tax - p.excl_tax, incl_tax=p.incl_tax)),
        ]
        other = "other_excl" if TAX == "incl" else "other_incl"
        for col, (label, amount) in zip(st.columns(3), totals, strict=True):
            col.metric(label + ui.tr(f"app.tax_suffix.{TAX}"),
                       ui.yen_text(amount.incl_tax if TAX == "incl" else amount.excl_tax))
            col.caption(ui.tr(f"estimate.{other}", excl=ui.yen_text(amount.excl_tax),
                              incl=ui.yen_text(amount.incl_tax), tax=ui.yen_text(amount.tax)))
        packs = packs_text(q.msb_packs, L)
        if packs:
            st.caption(f":material/shield: {ui.tr('estimate.packs', packs=packs)}")


def unavailable(oid: str, label: str) -> None:
    """An option the plan does not offer: shown off and disabled, with the reason."""
    st.checkbox(label, value=False, disabled=True, key=f"estimate_off.{oid}")
    reason = states[oid].reason  # type: ignore[index]
    st.caption(f":material/block: {ui.md(reason.message(L) if reason else '')}")


def per_id_count(name: str) -> None:
    st.number_input(ui.tr("estimate.per_id"), min_value=0, step=1, key=state.key(name),
                    help=ui.tr("estimate.per_id_help"), persist_state="session")
    if state.get(name) == 0:
        st.caption(ui.tr("estimate.per_id_all", ids=form.ids))


form_col, result_col = st.columns([2, 3], gap="large")

with form_col:
    st.subheader(ui.tr("estimate.conditions"))
    st.radio(ui.tr("estimate.plan"), PLAN_IDS, key=state.key("plan"), horizontal=True,
             format_func=ui.labels(PLAN_IDS, lambda p: ui.tr(f"plan.{p}.name")), persist_state="session")
    limits = "、" if L == "ja" else "; "
    st.number_input(
        ui.tr("estimate.ids"), min_value=1, step=1, key=state.key("ids"), persist_state="session",
        help=ui.tr("estimate.ids_help", limits=limits.join(
            ui.tr("estimate.ids_limit_special" if cat.plan(p).special_plan else "estimate.ids_limit",
                  plan=ui.tr(f"plan.{p}.name"), max=cat.plan(p).max_ids) for p in PLAN_IDS)),
    )
    if special and ids_error is not None:
        st.warning(ids_error.message(L), icon=":material/support_agent:")
    else:
        ui.field_error(by_field, "ids")

    st.radio(ui.tr("estimate.domain"), plan.domains, key=state.key("domain"), disabled=len(plan.domains) == 1,
             format_func=ui.labels(plan.domains, lambda d: ui.md(ui.tr(f"domain.{d}"))), persist_state="session")
    if domain_note:
        st.info(ui.md(domain_note), icon=":material/swap_horiz:")
    ui.field_error(by_field, "domain")

    st.subheader(ui.tr("estimate.options"))
    # マイセキュア ビジネス
    if states["msb"].available:
        st.number_input(ui.tr("estimate.msb"), min_value=0, step=1, key=state.key("msb"), persist_state="session",
                        help=ui.tr("estimate.msb_help", max=f"{msb_max:,}"))
        st.caption(option_price("msb", L, TAX))
        ui.field_error(by_field, "msb_licences")
    else:
        unavailable("msb", ui.tr("estimate.msb"))

    # DNSホスティング: mandatory on hybrid, own domain only where optional
    dns = states["dns_hosting"]
    if dns.status == "mandatory":
        st.checkbox(ui.tr("estimate.dns_hosting"), value=True, disabled=True, key="estimate_lock.dns_hosting")
        st.caption(f":material/lock: {ui.tr('estimate.mandatory', plan=ui.tr(f'plan.{plan_id}.name'))}")
    elif dns.available:
        st.checkbox(ui.tr("estimate.dns_hosting"), key=state.key("dns_hosting"), persist_state="session")
    else:
        unavailable("dns_hosting", ui.tr("estimate.dns_hosting"))
    if dns.available:
        st.caption(option_price("dns_hosting", L, TAX))
    if dns.status == "mandatory" or (dns.available and form.dns_hosting):
        st.number_input(ui.tr("estimate.domains"), min_value=1, step=1, key=state.key("domains"),
                        help=ui.tr("estimate.domains_help", max=dns_max), persist_state="session")
        ui.field_error(by_field, "domains")

    for oid, field in (("mail_archive", "mail_archive_ids"), ("iijid", "iijid_ids")):
        if states[oid].available:  # type: ignore[index]
            st.checkbox(ui.tr(f"estimate.{oid}"), key=state.key(oid), persist_state="session")
            st.caption(option_price(oid, L, TAX))  # type: ignore[arg-type]
            if state.get(oid):
                per_id_count(field)
            ui.field_error(by_field, field)
        else:
            unavailable(oid, ui.tr(f"estimate.{oid}"))

    if states["dns_zone_support"].available:
        st.checkbox(ui.tr("estimate.dns_support"), key=state.key("dns_support"), persist_state="session",
                    help=ui.tr("estimate.dns_support_help"))
        st.caption(option_price("dns_zone_support", L, TAX))
        ui.field_error(by_field, "dns_zone_support")
    else:
        unavailable("dns_zone_support", ui.tr("estimate.dns_support"))

    st.number_input(ui.tr("estimate.months"), min_value=1, max_value=cat.max_months, step=1,
                    key=state.key("months"), help=ui.tr("estimate.months_help", max=cat.max_months),
                    persist_state="session")
    ui.field_error(by_field, "months")


with result_col:
    if q is not None:
        st.subheader(ui.tr("estimate.lines"))
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
            st.caption(ui.tr("estimate.doc_settings"))
            addressee = st.text_input(ui.tr("estimate.addressee"), key="estimate_doc.addressee", max_chars=100,
                                      placeholder=ui.tr("estimate.addressee_placeholder"))
            c1, c2 = st.columns(2)
            issued = c1.date_input(ui.tr("estimate.issued"), key="estimate_doc.issued", value="today",
                                   format="YYYY/MM/DD")
            valid_days = c2.number_input(ui.tr("estimate.valid_days"), min_value=1, max_value=365, value=30,
                                         step=1, key="estimate_doc.valid_days")
            name = f"estimate_{plan_id}_{form.ids}"
            html = estimate_html(q, L, addressee or "", issued if isinstance(issued, dt.date) else dt.date.today(),
                                 int(valid_days or 30))
            with st.container(horizontal=True, gap="small"):
                st.download_button(ui.tr("estimate.csv"), quote_csv(q, L), f"{name}.csv", "text/csv",
                                   key="estimate_dl.csv", icon=":material/table:", on_click="ignore")
                st.download_button(ui.tr("estimate.json"), quote_json(q).encode("utf-8"), f"{name}.json",
                                   "application/json", key="estimate_dl.json", icon=":material/data_object:",
                                   on_click="ignore")
                st.download_button(ui.tr("estimate.html"), html.encode("utf-8"), f"{name}.html", "text/html",
                                   key="estimate_dl.html", icon=":material/print:", on_click="ignore")
            st.caption(ui.tr("estimate.doc_hint"))

    st.caption(ui.tr("app.effective_date", date=ui.when(cat.effective_date)))
    st.markdown(f"**{ui.tr('estimate.assumptions')}**")
    st.caption("\n".join(f"- {a}" for a in assumptions(L)))

    with st.expander(ui.tr("estimate.change_fees"), icon=":material/badge:"):
        fee = plan.change_fee_per_id
        st.caption(ui.tr("estimate.change_intro", fee=ui.yen_text(fee),
                         fee_incl=ui.yen_text(tax_included(fee, cat.tax_rate_percent))))
        admin_only = plan.change_fee_admin_passwords_only
        if admin_only:
            st.caption(ui.tr("estimate.change_self_service"))
        c1, c2 = st.columns(2)
        names = 0 if admin_only else c1.number_input(ui.tr("estimate.name_changes"), min_value=0, step=1,
                                                     key="estimate_fee.name_changes")
        resets = c2.number_input(ui.tr("estimate.admin_password_reissues" if admin_only else
                                       "estimate.password_reissues"), min_value=0, step=1,
                                 key="estimate_fee.password_reissues")
        fees = change_fees(plan_id, int(names or 0), int(resets or 0), cat)
        st.metric(ui.tr("estimate.change_total"), ui.money(fees.total))
        st.caption(ui.money_pair(fees.total))

    next_step(plan_id, price_on_request=special)

    if st.button(ui.tr("estimate.to_compare"), icon=":material/compare_arrows:", key="estimate_go.compare"):
        for name, value in form.needs().model_dump().items():
            st.session_state[f"compare.{name}"] = value
        st.switch_page("views/compare.py")
