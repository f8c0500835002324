"""The data files (docs/rules.md §3 "catalog facts live in data files, validated on load"): the brochure's facts,
and a broken file fails with a message naming the file and the field."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from sonpo.catalog import load_catalog, load_flowcharts, load_timeline
from sonpo.names import DATA_DIR, CatalogError

# ---- the brochure's facts ------------------------------------------------------------------


def test_effective_date_and_tax() -> None:
    cat = load_catalog()
    assert cat.effective_date == dt.date(2024, 4, 1)
    assert cat.tax_rate_percent == 10


@pytest.mark.parametrize(
    ("plan", "max_ids", "lead_days", "domains", "admin_panel", "policy_fixed"),
    [
        ("common", 50, 8, ("designated",), False, True),
        ("individual", 300, 23, ("own", "sub"), True, False),
        ("hybrid", 50, 24, ("own",), False, True),
    ],
)
def test_plans(
    plan: str, max_ids: int, lead_days: int, domains: tuple[str, ...], admin_panel: bool, policy_fixed: bool
) -> None:
    p = load_catalog().plans[plan]  # type: ignore[index]
    assert (p.max_ids, p.lead_days, p.domains, p.admin_panel, p.security_policy_fixed) == (
        max_ids, lead_days, domains, admin_panel, policy_fixed
    )
    assert (p.monthly_per_id, p.initial_per_contract, p.change_fee_per_id) == (1500, 3000, 3000)
    assert p.change_fee_admin_passwords_only == (plan == "individual")
    assert p.special_plan == (plan == "individual")
    assert p.lead_days_exclude_dns == (plan == "hybrid")


def test_roles_follow_the_brochures_table() -> None:
    cat = load_catalog()
    assert cat.plans["common"].roles.dns_mx_switch == "ntt"
    assert cat.plans["individual"].roles.initial_setup == "customer"
    assert cat.plans["individual"].roles.domain_registrar == "any"
    assert cat.plans["hybrid"].roles.dns_control_panel == "customer"
    assert cat.plans["hybrid"].roles.dns_mx_switch == "customer_or_ntt_with_dns_support"


def test_options_and_where_they_are_offered() -> None:
    o = load_catalog().options
    assert o["msb"].plans == ("common", "individual", "hybrid") and o["msb"].initial == 3000
    assert (o["dns_hosting"].plans, o["dns_hosting"].mandatory_on, o["dns_hosting"].monthly) == (
        ("individual", "hybrid"), ("hybrid",), 1500
    )
    assert (o["mail_archive"].plans, o["mail_archive"].monthly) == (("individual",), 380)
    assert (o["iijid"].plans, o["iijid"].monthly) == (("individual",), 100)
    assert (o["dns_zone_support"].plans, o["dns_zone_support"].initial) == (("hybrid",), 50000)


def test_timeline_lead_steps_add_up_to_the_brochures_totals() -> None:
    tl = load_timeline()
    for plan, total in (("common", 8), ("individual", 23), ("hybrid", 24)):
        assert sum(s.days or 0 for s in tl.steps[plan] if s.phase == "lead") == total  # type: ignore[index]
    assert (tl.calendar.year_end_break_start, tl.calendar.year_end_break_end) == ("12-29", "01-03")
    assert tl.dns_collection.default_days == 10


def test_loaders_are_cached_per_directory() -> None:
    assert load_catalog() is load_catalog()
    assert load_catalog(DATA_DIR) is load_catalog(DATA_DIR)
    assert load_timeline(DATA_DIR) is load_timeline(DATA_DIR)
    assert load_flowcharts(DATA_DIR) is load_flowcharts(DATA_DIR)


# ---- broken data files -------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    for f in DATA_DIR.glob("*.toml"):
        shutil.copy(f, tmp_path / f.name)
    return tmp_path


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_an_unbroken_copy_loads(data_dir: Path) -> None:
    assert load_catalog(data_dir) == load_catalog()
    assert load_timeline(data_dir) == load_timeline()
    assert load_flowcharts(data_dir) == load_flowcharts()


CATALOG_BREAKS = [
    # (old text, new text, what the message must name)
    ("effective_date = 2024-04-01", 'effective_date = "soon"', "effective_date"),
    ("tax_rate_percent = 10", "tax_rate_percent = -1", "tax_rate_percent"),
    ("max_ids = 50", 'max_ids = "fifty"', "plans.common.max_ids"),
    ("max_ids = 50", "max_ids = 0", "plans.common.max_ids"),
    ("monthly_per_id = 1500", "monthly_per_id = -1500", "plans.common.monthly_per_id"),
    ("monthly_per_id = 1500", "monthly_per_id = 1500.5", "plans.common.monthly_per_id"),
    ('domains = ["designated"]', 'domains = ["elsewhere"]', "plans.common.domains"),
    ('initial_setup = "ntt"', 'initial_setup = "nobody"', "plans.common.roles.initial_setup"),
    ("lead_days = 8\n", "", "plans.common.lead_days"),
    ("order = 1\n", "order = 1\ncolour = \"blue\"\n", "plans.common.colour"),
    ("{ size = 10, monthly = 1800 }", "{ size = 10, monthly = true }", "options.msb.packs.1.monthly"),
    ("[options.iijid]", "[options.iijidx]", "options"),
    ('plans = ["individual"]\nunit = "ids"\nmonthly = 380', 'plans = []\nunit = "ids"\nmonthly = 380',
     "options.mail_archive.plans"),
    ('mandatory_on = ["hybrid"]', 'mandatory_on = ["common"]', "options.dns_hosting"),
    ("[plans.hybrid]", "[plans.hybrid2]", "plans"),
]


@pytest.mark.parametrize(("old", "new", "where"), CATALOG_BREAKS)
def test_a_broken_catalog_names_the_file_and_the_field(data_dir: Path, old: str, new: str, where: str) -> None:
    edit(data_dir / "catalog.toml", old, new)
    with pytest.raises(CatalogError) as info:
        load_catalog(data_dir)
    message = str(info.value)
    assert message.startswith("catalog.toml: "), message
    assert re.search(rf"(?<![\w.]){re.escape(where)}(?![\w])", message), message


def test_a_catalog_that_is_not_toml(data_dir: Path) -> None:
    (data_dir / "catalog.toml").write_text("effective_date = \n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"^catalog\.toml: "):
        load_catalog(data_dir)


def test_a_catalog_saved_in_another_encoding_is_refused_naming_the_file(data_dir: Path) -> None:
    """A catalog saved as Shift_JIS by a Japanese editor: a message naming the file, not a traceback."""
    path = data_dir / "catalog.toml"
    path.write_bytes(path.read_text(encoding="utf-8").replace("[plans.common]", "# 共通ルールプラン\n[plans.common]")
                     .encode("cp932"))
    with pytest.raises(CatalogError, match=r"^catalog\.toml: .*utf-8"):
        load_catalog(data_dir)


def test_a_missing_catalog(data_dir: Path) -> None:
    (data_dir / "catalog.toml").unlink()
    with pytest.raises(CatalogError, match=r"^catalog\.toml: "):
        load_catalog(data_dir)


TIMELINE_BREAKS = [
    ('year_end_break_start = "12-29"', 'year_end_break_start = "12-32"', "calendar.year_end_break_start"),
    ("default_days = 10", "default_days = 0", "dns_collection.default_days"),
    ('id = "tenant_accounts_policy"\nowner = "ntt"', 'id = "tenant_accounts_policy"\nowner = "someone"',
     "steps.common.1.owner"),
    ('phase = "lead"\ndays = 2', 'phase = "lead"\ndays = 3', "steps.common"),  # 9 ≠ 8 business days
    ('phase = "after"\n', 'phase = "after"\ndays = 1\n', "steps.common.3"),  # days only on lead steps
]


@pytest.mark.parametrize(("old", "new", "where"), TIMELINE_BREAKS)
def test_a_broken_timeline_names_the_file_and_the_field(data_dir: Path, old: str, new: str, where: str) -> None:
    edit(data_dir / "timeline.toml", old, new)
    with pytest.raises(CatalogError) as info:
        load_timeline(data_dir)
    message = str(info.value)
    assert message.startswith("timeline.toml: "), message
    assert where in message, message


FLOWCHART_BREAKS = [
    ('no = "needs_individual"', 'no = "nowhere"', "nowhere"),
    ('start = "ids_over_50"', 'start = "the_beginning"', "the_beginning"),
    ('yes = "ids_over_300"\nno = "needs_individual"\n', 'yes = "ids_over_300"\n', "plan.nodes.ids_over_50"),
    ('yes = "individual_sub"\nno = "common"', 'yes = "individual_sub"\nno = "ids_over_50"', "cycle"),
    ('[plan.nodes.common]\nresult = { plan = "common", domain = "designated" }',
     '[plan.nodes.common]\nyes = "hybrid"\nno = "hybrid"\nresult = { plan = "common", domain = "designated" }',
     "plan.nodes.common"),
]


@pytest.mark.parametrize(("old", "new", "where"), FLOWCHART_BREAKS)
def test_a_broken_flowchart_names_the_file_and_the_node(data_dir: Path, old: str, new: str, where: str) -> None:
    edit(data_dir / "flowcharts.toml", old, new)
    with pytest.raises(CatalogError) as info:
        load_flowcharts(data_dir)
    message = str(info.value)
    assert message.startswith("flowcharts.toml: ") and where in message, message


def test_a_price_change_is_a_one_line_data_edit(data_dir: Path) -> None:
    from sonpo.quote import Selection, quote

    edit(data_dir / "catalog.toml", "monthly_per_id = 1500", "monthly_per_id = 1600")
    cat = load_catalog(data_dir)
    assert quote(Selection(plan="common", ids=10), cat).monthly.excl_tax == 1600 * 10
    assert quote(Selection(plan="individual", ids=10), cat).monthly.excl_tax == 1500 * 10
