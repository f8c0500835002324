"""The plans side by side (SPEC §2): rows for the overview page, built from the catalog."""

from __future__ import annotations

from sonpo.catalog import PLAN_IDS, Roles, load_catalog
from sonpo.i18n import Lang, t
from sonpo.money import tax_included, yen

Row = dict[str, str]


def plan_rows(lang: Lang = "ja") -> list[Row]:
    """One row per fact, one column per plan: domains, features, IDs, lead time, prices."""
    cat = load_catalog()
    rate = cat.tax_rate_percent
    sep = "・" if lang == "ja" else ", "

    def price(unit: int, per: str) -> str:
        return t("overview.price", lang, excl=yen(unit, lang), incl=yen(tax_included(unit, rate), lang), per=per)

    facts: list[tuple[str, dict[str, str]]] = []
    for key in ("domains", "standard", "security", "ids", "lead", "monthly", "initial", "change_fee", "options"):
        row: dict[str, str] = {}
        for pid in PLAN_IDS:
            p = cat.plan(pid)
            if key == "domains":
                row[pid] = sep.join(t(f"domain.{d}", lang) for d in p.domains)
            elif key == "standard":
                row[pid] = sep.join(t(f"feature.{f}", lang) for f in p.standard_features)
            elif key == "security":
                row[pid] = sep.join(t(f"feature.{f}", lang) for f in p.security_features)
            elif key == "ids":
                row[pid] = t("overview.ids_special" if p.special_plan else "overview.ids", lang, max=p.max_ids)
            elif key == "lead":
                row[pid] = t("overview.lead_dns" if p.lead_days_exclude_dns else "overview.lead", lang,
                             days=p.lead_days)
            elif key == "monthly":
                row[pid] = price(p.monthly_per_id, t("overview.per_id", lang))
            elif key == "initial":
                row[pid] = price(p.initial_per_contract, t("overview.per_contract", lang))
            elif key == "change_fee":
                fee = price(p.change_fee_per_id, t("overview.per_id", lang))
                row[pid] = fee + (t("overview.admin_only", lang) if p.change_fee_admin_passwords_only else "")
            else:
                names = []
                for oid, o in cat.options.items():
                    if pid in o.plans:
                        mark = t("overview.mandatory", lang) if pid in o.mandatory_on else ""
                        names.append(t(f"option.{oid}.name", lang) + mark)
                row[pid] = sep.join(names)
        facts.append((key, row))
    return [{"": t(f"overview.row.{key}", lang), **row} for key, row in facts]


def role_rows(lang: Lang = "ja") -> list[Row]:
    """Who does what on each plan; the customer's own tasks are marked ★."""
    cat = load_catalog()
    rows: list[Row] = []
    for role in Roles.model_fields:
        row: Row = {"": t(f"role.{role}", lang)}
        for pid in PLAN_IDS:
            who = getattr(cat.plan(pid).roles, role)
            mark = "★ " if who.startswith("customer") else ""
            row[pid] = mark + t(f"role_value.{who}", lang)
        rows.append(row)
    return rows
