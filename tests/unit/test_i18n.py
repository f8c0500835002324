"""User-facing text: ja and en hold the same keys and placeholders; every domain error has a message
that renders in both languages."""

from __future__ import annotations

import ast
import datetime as dt
import string
import tomllib
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from sonpo.errors import DomainError, InvalidSelection
from sonpo.i18n import I18N_DIR, LANGS, _flatten, fmt_date, t, texts

SONPO = Path(__file__).resolve().parents[2] / "sonpo"


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_ja_and_en_hold_exactly_the_same_keys() -> None:
    ja, en = texts("ja"), texts("en")
    assert sorted(ja.keys() - en.keys()) == [], "only in ja"
    assert sorted(en.keys() - ja.keys()) == [], "only in en"


def test_each_language_has_the_same_files_each_holding_the_same_keys() -> None:
    # a page's texts live in one file per language (data/i18n/<lang>/<area>.toml): the pair must match
    folders = {lang: I18N_DIR / lang for lang in LANGS}
    names = {lang: sorted(p.name for p in folder.glob("*.toml")) for lang, folder in folders.items()}
    assert names["ja"] == names["en"]
    for name in names["ja"]:
        ja, en = (_flatten(tomllib.loads((folders[lang] / name).read_text("utf-8"))) for lang in ("ja", "en"))
        assert ja.keys() == en.keys(), name


def test_every_text_has_the_same_placeholders_in_both_languages() -> None:
    ja, en = texts("ja"), texts("en")
    differ = {k: (placeholders(ja[k]), placeholders(en[k])) for k in ja.keys() & en.keys()
              if placeholders(ja[k]) != placeholders(en[k])}
    assert differ == {}


# ---- every error the code can raise -----------------------------------------------------


@cache
def domain_error_calls() -> tuple[tuple[str, int, str, str | None, frozenset[str] | None], ...]:
    """(file, line, code, field, keyword names) of every DomainError(...) in sonpo/ with a literal code;
    keyword names None when the call passes **params."""
    out = []
    for path in sorted(SONPO.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "DomainError"):
                continue
            if not node.args or not isinstance(node.args[0], ast.Constant) or not isinstance(node.args[0].value, str):
                continue
            field = node.args[1].value if len(node.args) > 1 and isinstance(node.args[1], ast.Constant) else None
            names = None if any(k.arg is None for k in node.keywords) else frozenset(str(k.arg) for k in node.keywords)
            out.append((path.relative_to(SONPO).as_posix(), node.lineno, node.args[0].value, field, names))
    return tuple(out)


def test_the_source_scan_finds_the_errors_we_know_of() -> None:
    codes = {c for _, _, c, _, _ in domain_error_calls()}
    assert {"ids_min", "ids_max", "special_plan", "option_not_offered", "not_integer", "date_range"} <= codes


def test_every_error_code_raised_in_sonpo_has_a_text_in_both_languages() -> None:
    for lang in LANGS:
        calls = domain_error_calls()
        missing = sorted({f"{f}:{n} error.{c}" for f, n, c, _, _ in calls if f"error.{c}" not in texts(lang)})
        assert missing == [], lang


def test_every_error_call_passes_the_placeholders_its_text_needs() -> None:
    short = []
    for f, n, code, _, names in domain_error_calls():
        if names is None:
            continue
        for lang in LANGS:
            # {field} is the error's own field, named by DomainError.message
            need = placeholders(texts(lang).get(f"error.{code}", "")) - {"field"}
            if need - names:
                short.append(f"{f}:{n} error.{code} ({lang}) lacks {sorted(need - names)}")
    assert short == []


def test_every_field_named_by_an_error_has_a_label() -> None:
    for lang in LANGS:
        missing = sorted({f"{f}:{n} field.{fld}" for f, n, _, fld, _ in domain_error_calls()
                          if fld is not None and f"field.{fld}" not in texts(lang)})
        assert missing == [], lang


def _raises(call: Callable[[], object]) -> list[DomainError]:
    with pytest.raises(DomainError) as info:
        call()
    e = info.value
    return list(e.errors) if isinstance(e, InvalidSelection) else [e]


def triggered() -> list[DomainError]:
    """Every domain error of the core, raised the way a user would raise it."""
    from sonpo.flow import recommend, support
    from sonpo.parse import parse_bool, parse_choice, parse_date, parse_int
    from sonpo.quote import Selection, change_fees, quote
    from sonpo.timeline import ScheduleRequest, schedule

    d = dt.date(2026, 6, 1)
    calls: list[Callable[[], object]] = [
        lambda: quote(Selection(plan="common", ids=0, domain="own", domains=1, msb_licences=-1, iijid_ids=3,
                                months=0)),
        lambda: quote(Selection(plan="common", ids=51, msb_licences=10001)),
        lambda: quote(Selection(plan="individual", ids=301, domain="sub", domains=1, mail_archive_ids=400)),
        lambda: quote(Selection(plan="individual", ids=10, domains=101, mail_archive_ids=-1, iijid_ids=11)),
        lambda: quote(Selection(plan="hybrid", ids=5, domains=0)),
        lambda: quote(Selection(plan="individual", ids=5, dns_zone_support=True)),
        lambda: change_fees("individual", 1, -1),
        lambda: change_fees("common", True, 0),
        lambda: change_fees("gold", 1, 0),  # type: ignore[arg-type]
        lambda: schedule(ScheduleRequest(plan="common", order_date=dt.date(1999, 1, 1), domain="own", dns_days=3)),
        lambda: schedule(ScheduleRequest(plan="hybrid", order_date=d, dns_zone_support=True, dns_days=0)),
        lambda: schedule(ScheduleRequest(plan="common", order_date=d, dns_zone_support=True)),
        lambda: recommend(5, ["teleport"], False, False),
        lambda: recommend(5, [], False, None),  # type: ignore[arg-type]
        lambda: recommend(0, [], False, False),
        lambda: recommend(5, [], "maybe", False),  # type: ignore[arg-type]
        lambda: support("gold", {}),  # type: ignore[arg-type]
        lambda: parse_int("ids", "x"),
        lambda: parse_date("order_date", "x"),
        lambda: parse_bool("own_domain", "x"),
        lambda: parse_choice("plan", "x", ("common",)),
    ]
    return [e for call in calls for e in _raises(call)]


CORE = ("quote.py", "timeline/schedule.py", "timeline/calendar.py", "flow.py", "parse.py", "catalog.py", "packs.py")


def test_the_triggered_errors_cover_every_code_of_the_core() -> None:
    core_codes = {c for f, _, c, _, _ in domain_error_calls() if f in CORE}
    # 'needs_none_and_other' belongs to the plan wizard's needs question (the finder page's tests)
    assert core_codes - {e.code for e in triggered()} <= {"needs_none_and_other"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_domain_error_message_renders(lang: str) -> None:
    for e in triggered():
        message = e.message(lang)  # type: ignore[arg-type]
        assert message != f"error.{e.code}" and "{" not in message and "}" not in message, (e.code, message)
        assert "plan." not in message and "option." not in message and "domain." not in message, message
        label = e.field_label(lang)  # type: ignore[arg-type]
        assert label != f"field.{e.field}", e.field
        assert "\n" not in message  # the CLI prints it on one line


def test_messages_name_plans_in_the_users_language() -> None:
    from sonpo.quote import Selection, quote

    with pytest.raises(InvalidSelection) as info:
        quote(Selection(plan="common", ids=5, mail_archive_ids=1))
    assert info.value.message("ja") == (
        "メールアーカイブは共通ルールプランではご利用いただけません。ご利用いただけるプラン：個別ルールプラン。"
    )
    assert "Common Rule Plan" in info.value.message("en")


def test_a_missing_key_shows_itself_rather_than_failing() -> None:
    assert t("no.such.key") == "no.such.key"


def test_dates_are_written_as_the_brief_says() -> None:
    assert fmt_date(dt.date(2026, 12, 10)) == "2026年12月10日(木)"
    assert fmt_date(dt.date(2026, 12, 10), "en") == "Thu 10 Dec 2026"
