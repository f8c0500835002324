"""The command line (`python -m sonpo`): quote, schedule, recommend and bulk for staff and scripts."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import NoReturn

from sonpo.catalog import PLAN_IDS, CatalogError
from sonpo.documents import quote_json
from sonpo.errors import DomainError
from sonpo.export import line_rows, quote_csv, total_rows
from sonpo.flow import recommend
from sonpo.i18n import LANGS, Lang, t
from sonpo.parse import parse_bool, parse_choice, parse_date, parse_int
from sonpo.quote import Selection, quote
from sonpo.timeline import ScheduleRequest, schedule

EXIT_INVALID = 2


class UsageError(Exception):
    """argparse found the command line malformed (unknown flag, missing value)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line on stderr, not argparse's usage block
        raise UsageError(message)


def _table(rows: Sequence[Sequence[object]]) -> str:
    cells = [[f"{c:,}" if isinstance(c, int) else str(c) for c in row] for row in rows]
    width = [0] * max(len(r) for r in cells)
    for row in cells:
        for i, c in enumerate(row):
            width[i] = max(width[i], _display_width(c))
    out = []
    for row in cells:
        parts = []
        for i, c in enumerate(row):
            pad = width[i] - _display_width(c)
            parts.append(c + " " * pad if i == 0 else " " * pad + c)
        out.append("  ".join(parts).rstrip())
    return "\n".join(out)


def _display_width(text: str) -> int:
    """Columns a terminal gives the text: full-width Japanese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _quote(args: argparse.Namespace) -> str | bytes:
    lang: Lang = args.lang
    ids = parse_int("ids", args.ids)

    def per_id(value: str | None, field: str) -> int:
        if value is None:
            return 0
        return ids if value == "all" else parse_int(field, value)

    sel = Selection(
        plan=parse_choice("plan", args.plan, PLAN_IDS),
        ids=ids,
        domain=None if args.domain is None else parse_choice("domain", args.domain, ("own", "sub", "designated")),
        domains=None if args.domains is None else parse_int("domains", args.domains),
        msb_licences=parse_int("msb_licences", args.msb or "0"),
        mail_archive_ids=per_id(args.mail_archive, "mail_archive_ids"),
        iijid_ids=per_id(args.iijid, "iijid_ids"),
        dns_zone_support=args.dns_support,
        months=parse_int("months", args.months),
    )
    q = quote(sel)
    if args.format == "json":
        return quote_json(q)
    if args.format == "csv":
        return quote_csv(q, lang)
    packs = ", ".join(f"{size}×{n}" for size, n in q.msb_packs.counts.items() if n)
    lines = [_table(line_rows(q, lang)), "", _table(total_rows(q, lang))]
    if packs:
        lines.append(t("cli.packs", lang, packs=packs, covered=q.msb_packs.licences))
    return "\n".join(lines)


def _schedule(args: argparse.Namespace) -> str:
    lang: Lang = args.lang
    req = ScheduleRequest(
        plan=parse_choice("plan", args.plan, PLAN_IDS),
        order_date=parse_date("order_date", args.order_date),
        domain=None if args.domain is None else parse_choice("domain", args.domain, ("own", "sub", "designated")),
        dns_zone_support=args.dns_support,
        dns_days=None if args.dns_days is None else parse_int("dns_days", args.dns_days),
    )
    s = schedule(req)
    if args.format == "json":
        return json.dumps(s.as_json(), ensure_ascii=False)
    rows: list[list[object]] = [[t("cli.step", lang), t("cli.owner", lang), t("cli.start", lang), t("cli.end", lang)]]
    for step in s.steps:
        rows.append([step.name(lang), t(f"owner.{step.owner}", lang), step.start.isoformat(), step.end.isoformat()])
    return _table(rows) + "\n" + t("cli.activation", lang, date=s.activation_date.isoformat(), days=s.lead_days)


def _recommend(args: argparse.Namespace) -> str:
    lang: Lang = args.lang
    rec = recommend(
        ids=parse_int("ids", args.ids),
        needs=(args.needs or "").split(","),
        own_domain=parse_bool("own_domain", args.own_domain),
        admin_panel=parse_bool("admin_panel", args.admin_panel),
    )
    if args.format == "json":
        return json.dumps(rec.as_json(lang), ensure_ascii=False)
    name = t(f"plan.{rec.plan}.{'special' if rec.special else 'name'}", lang)
    head = f"{name} / {t(f'domain.{rec.domain}', lang)}"
    return "\n".join([head, *(f"- {r}" for r in rec.reasons(lang))])


def _bulk(args: argparse.Namespace) -> str | bytes:
    from sonpo.bulk import run_cli  # the bulk engine is only loaded when asked for

    return run_cli(args)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m sonpo", description="損保クラウド plan selector: quotes, schedules, plan advice")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(sp: argparse.ArgumentParser, formats: Sequence[str]) -> None:
        sp.add_argument("--format", choices=formats, default=formats[0])
        sp.add_argument("--lang", choices=LANGS, default="ja")

    q = sub.add_parser("quote", help="price a plan with options")
    q.add_argument("--plan", required=True)
    q.add_argument("--ids", required=True)
    q.add_argument("--domain")
    q.add_argument("--domains")
    q.add_argument("--msb", help="MySecure Business licences")
    q.add_argument("--mail-archive", nargs="?", const="all", help="IDs (default: all)")
    q.add_argument("--iijid", nargs="?", const="all", help="IDs (default: all)")
    q.add_argument("--dns-support", action="store_true")
    q.add_argument("--months", default="12")
    common(q, ("table", "json", "csv"))
    q.set_defaults(run=_quote)

    s = sub.add_parser("schedule", help="activation timeline in business days")
    s.add_argument("--plan", required=True)
    s.add_argument("--order-date", required=True)
    s.add_argument("--domain")
    s.add_argument("--dns-support", action="store_true")
    s.add_argument("--dns-days")
    common(s, ("table", "json"))
    s.set_defaults(run=_schedule)

    r = sub.add_parser("recommend", help="walk the plan-selection flowchart")
    r.add_argument("--own-domain", required=True)
    r.add_argument("--admin-panel", required=True)
    r.add_argument("--ids", required=True)
    r.add_argument("--needs", help="comma-separated: file-sharing,supervisor-approval,mail-archive,iijid,advanced")
    common(r, ("table", "json"))
    r.set_defaults(run=_recommend)

    b = sub.add_parser("bulk", help="one quote per row of a CSV file")
    b.add_argument("input")
    b.add_argument("-o", "--output")
    b.add_argument("--encoding", choices=("utf-8-sig", "cp932"), default="utf-8-sig")
    b.add_argument("--lang", choices=LANGS, default="ja")
    b.set_defaults(run=_bulk)

    from sonpo.cli_documents import register as register_document  # PDF and .ics: sonpo/cli_documents.py

    register_document(sub)
    return p


def main(argv: Sequence[str] | None = None, out: Callable[[str | bytes], None] | None = None) -> int:
    """Run one command; invalid input gives one line on stderr, nothing on stdout, status 2."""
    lang: Lang = "ja"
    raw = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(raw):  # the language of error messages, before argparse has run
        if arg == "--lang" and i + 1 < len(raw):
            lang = "en" if raw[i + 1] == "en" else "ja"
        elif arg.startswith("--lang="):
            lang = "en" if arg == "--lang=en" else "ja"
    try:
        args = build_parser().parse_args(raw)
        result = args.run(args)
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_INVALID
    except DomainError as e:
        print(f"error: {e.field} ({e.field_label(lang)}): {e.message(lang)}", file=sys.stderr)
        return EXIT_INVALID
    except CatalogError as e:
        print(f"error: data: {e}", file=sys.stderr)
        return 1
    (out or _write)(result)
    return 0


def _write(result: str | bytes) -> None:
    if isinstance(result, bytes):
        sys.stdout.buffer.write(result)
    else:
        sys.stdout.write(result + "\n")
    sys.stdout.flush()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
