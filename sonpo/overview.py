"""The plans side by side (docs/rules.md §2): rows for the overview page, built from the catalog."""

from __future__ import annotations

from sonpo.catalog import Roles, load_catalog
from sonpo.i18n import Lang, listing, t
from sonpo.money import tax_included, yen
from sonpo.names import PLAN_IDS

Row = dict[str, str]


def plan_rows(lang: Lang = "ja") -> list[Row]:
    """One row per fact, one column per plan: domains, features, IDs, lead time, prices."""
    cat = load_catalog()
    rate = cat.tax_rate_percent

    def price(unit: int, per: str) -> str:
        return t("overview.price", lang, excl=yen(unit, lang), incl=yen(tax_included(unit, rate), lang), per=per)

    facts: list[tuple[str, dict[str, str]]] = []
    for key in ("domains", "standard", "security", "ids", "lead", "monthly", "initial", "change_fee", "options"):
        row: dict[str, str] = {}
        for pid in PLAN_IDS:
            p = cat.plan(pid)
            if key == "domains":
                row[pid] = listing((t(f"domain.{d}", lang) for d in p.domains), lang)
            elif key == "standard":
                row[pid] = listing((t(f"feature.{f}", lang) for f in p.standard_features), lang)
            elif key == "security":
                row[pid] = listing((t(f"feature.{f}", lang) for f in p.security_features), lang)
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
                row[pid] = listing(names, lang)
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


def option_rows(lang: Lang = "ja") -> list[Row]:
    """The brochure's option price table: one row per option and charge (月額料金 / 工事費), one column
    per plan, each price with and without tax, 'not available' and the mandatory mark as printed."""
    cat = load_catalog()
    rate = cat.tax_rate_percent

    def unit_price(unit: int, per: str) -> str:
        return t("overview.price", lang, excl=yen(unit, lang), incl=yen(tax_included(unit, rate), lang), per=per)

    def one_time(amount: int) -> str:
        if amount == 0:
            return t("overview.options.zero", lang)
        return t("overview.options.one_time", lang, excl=yen(amount, lang), incl=yen(tax_included(amount, rate), lang))

    per = {"domains": t("overview.options.per_domain", lang), "ids": t("overview.per_id", lang)}
    rows: list[Row] = []
    for oid, o in cat.options.items():
        name = t(f"option.{oid}.name", lang)
        charges: list[tuple[str, str]] = []
        if o.packs:
            packs = " / ".join(
                t("overview.options.pack", lang, size=p.size, excl=yen(p.monthly, lang),
                  incl=yen(tax_included(p.monthly, rate), lang))
                for p in o.packs
            )
            charges.append(("monthly", packs))
        elif o.unit != "contract":
            charges.append(("monthly", unit_price(o.monthly, per[o.unit])))
        if o.unit in ("licences", "contract") and o.initial:
            initial = t("overview.options.contract", lang, excl=yen(o.initial, lang),
                        incl=yen(tax_included(o.initial, rate), lang))
            charges.append(("initial", initial if o.unit == "licences" else one_time(o.initial)))
        else:
            charges.append(("initial", one_time(o.initial)))
        for charge, text in charges:
            row: Row = {"": f"{name}：{t(f'overview.options.{charge}', lang)}" if lang == "ja"
                        else f"{name}: {t(f'overview.options.{charge}', lang)}"}
            for pid in PLAN_IDS:
                if pid not in o.plans:
                    row[pid] = t("overview.options.unavailable", lang)
                else:
                    mandatory = pid in o.mandatory_on and charge == "monthly"
                    row[pid] = text + (" " + t("overview.options.mandatory", lang) if mandatory else "")
            rows.append(row)
    return rows


# Where each short explanation comes from: the brochure's own words, or the app's (the brochure gives none).
EXPLANATIONS: tuple[tuple[str, str, str], ...] = (
    ("feature", "attachment_encryption", "brochure"),   # p.10 ④ 自動Zip暗号化
    ("feature", "misdelivery_prevention", "brochure"),  # p.10 ③ 5分間保留
    ("feature", "authentication", "brochure"),          # p.10 ② 多要素認証
    ("feature", "targeted_attack_protection", "app"),
    ("feature", "file_sharing", "app"),
    ("feature", "supervisor_approval", "app"),
    ("feature", "advanced", "brochure"),                # p.12 ※3
    ("option", "msb", "app"),
    ("option", "dns_hosting", "brochure"),              # p.8 DNSはNTTコミュニケーションズへ移管が必要
    ("option", "mail_archive", "app"),
    ("option", "iijid", "app"),
    ("option", "dns_zone_support", "brochure"),         # p.9
)


def explanations(lang: Lang = "ja") -> list[tuple[str, str, str]]:
    """(name, explanation, source label) for each feature and option the brochure names."""
    out = []
    for kind, key, source in EXPLANATIONS:
        if kind == "option":
            name = t(f"option.{key}.name", lang)
        elif key == "advanced":
            name = t("need.advanced", lang)
        else:
            name = t(f"feature.{key}", lang)
        out.append((name, t(f"explain.{kind}.{key}", lang), t(f"explain.source_{source}", lang)))
    return out
