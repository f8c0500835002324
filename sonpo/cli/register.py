"""`python -m sonpo register list|show|export`: the register of issued quotations (docs/rules.md §11) for staff
on the server. The register is the one the app uses: SONPO_REGISTER_URL, else the SQLite file
SONPO_REGISTER_PATH, else var/register.sqlite3 (or --url)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import TYPE_CHECKING, Any

from sonpo.errors import DomainError
from sonpo.i18n import LANGS, Lang, t
from sonpo.parse import parse_date, parse_int, parse_plan

if TYPE_CHECKING:  # imported where used: the other commands start without SQLAlchemy
    from sonpo.register import Issued, Query, Register

URL_HELP = "見積台帳のデータベースURL（省略時：環境変数 SONPO_REGISTER_URL、なければ SQLite ファイル " \
           "SONPO_REGISTER_PATH、なければ var/register.sqlite3）"


def register(sub: Any) -> None:
    """Add the `register` subcommand and its actions to the command line's subparsers."""
    r = sub.add_parser("register", help="見積台帳（発行済みの御見積書）の一覧・表示・CSV出力",
                       description="見積台帳（発行済みの御見積書）を検索・表示・出力します。")
    actions = r.add_subparsers(dest="action", required=True, parser_class=type(r))

    ls = actions.add_parser("list", help="見積書を新しい順に一覧表示（各見積番号の最新版）",
                            description="見積台帳を検索し、各見積番号の最新版を発行日の新しい順に表示します。")
    _filters(ls)
    ls.add_argument("--limit", default="100", help="表示する件数（既定：100）")
    ls.add_argument("--offset", default="0", help="読み飛ばす件数（既定：0）")
    ls.add_argument("--format", choices=("table", "json"), default="table", help="出力形式（既定：table）")
    _common(ls)
    ls.set_defaults(run=_list)

    show = actions.add_parser("show", help="1件の見積書の内容を表示、または再印刷（--pdf）",
                              description="見積番号の見積書（既定は最新版）の記録を表示します。"
                                          "--pdf で発行時と同一の PDF を再印刷します。")
    show.add_argument("number", help="見積番号（例：Q2026-00012）")
    show.add_argument("--revision", help="版（省略時：最新版）")
    show.add_argument("--pdf", action="store_true", help="記録の代わりに見積書の PDF を出力（発行時と同一のバイト列）")
    show.add_argument("-o", "--output", help="出力ファイル（省略時：標準出力）")
    show.add_argument("--format", choices=("text", "json"), default="text", help="記録の出力形式（既定：text）")
    _common(show)
    show.set_defaults(run=_show)

    export = actions.add_parser("export", help="一覧を Excel で開ける CSV に出力（出力は記録されます）",
                                description="検索条件に合う見積書（各見積番号の最新版）を CSV に出力します。"
                                            "出力した人（OS のユーザー名）・日時・件数を見積台帳に記録します。")
    _filters(export)
    export.add_argument("--encoding", choices=("utf-8-sig", "cp932"), default="utf-8-sig",
                        help="文字コード：utf-8-sig（BOM付き UTF-8、既定）または cp932（Shift_JIS）")
    export.add_argument("-o", "--output", help="出力ファイル（省略時：標準出力）")
    _common(export)
    export.set_defaults(run=_export)


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--addressee", default="", help="宛名の一部")
    p.add_argument("--number", default="", help="見積番号の一部（先頭など）")
    p.add_argument("--from", dest="date_from", help="発行日がこの日以降（YYYY-MM-DD）")
    p.add_argument("--to", dest="date_to", help="発行日がこの日以前（YYYY-MM-DD）")
    p.add_argument("--plan", help="プラン：common、individual、hybrid（日本語のプラン名も可）")
    p.add_argument("--issuer", default="", help="発行元の会社名または担当者名の一部")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--url", help=URL_HELP)
    p.add_argument("--lang", choices=LANGS, default="ja", help="表示言語（既定：ja）")


def query(args: argparse.Namespace) -> Query:
    from sonpo.register import Query

    return Query(
        addressee=args.addressee, number=args.number, issuer=args.issuer,
        date_from=None if args.date_from is None else parse_date("date_from", args.date_from),
        date_to=None if args.date_to is None else parse_date("date_to", args.date_to),
        plan=None if args.plan is None else parse_plan("plan", args.plan),
    )


def _open(args: argparse.Namespace) -> Register:
    from sonpo.register import Register

    return Register.open(args.url)


def _list(args: argparse.Namespace) -> str:
    from sonpo.cli.main import _table, one_line
    from sonpo.money import yen
    from sonpo.printable import addressee_line

    lang: Lang = args.lang
    q = query(args)
    limit, offset = parse_int("limit", args.limit), parse_int("offset", args.offset)
    if limit < 1:
        raise DomainError("range", "limit", value=limit, min=1, max=10_000)
    reg = _open(args)
    try:
        found, total = reg.search(q, limit=limit, offset=offset)
    finally:
        reg.close()
    if args.format == "json":
        return json.dumps({"total": total, "offset": offset, "quotations": [i.as_json() for i in found]},
                          ensure_ascii=False)
    columns = ("number", "revision", "issued", "addressee", "plan", "monthly_incl", "issuer_company", "issued_by")
    rows: list[list[object]] = [[t(f"register.csv.{c}", lang) for c in columns]]
    for i in found:
        to = one_line(addressee_line(i.addressee, i.honorific, lang))
        rows.append([i.number, i.revision, i.issued.isoformat(), to, t(f"plan.{i.plan}.name", lang),
                     yen(i.monthly.incl_tax, lang), one_line(i.issuer.company), one_line(i.issued_by)])
    shown = t("register.cli.shown", lang, first=offset + 1, last=offset + len(found), total=total) if found \
        else t("register.cli.none", lang)
    return (_table(rows) + "\n" if found else "") + shown


def _show(args: argparse.Namespace) -> str | bytes:
    from sonpo.register import RegisterError

    lang: Lang = args.lang
    number = args.number.strip()
    revision = None if args.revision is None else parse_int("revision", args.revision)
    reg = _open(args)
    try:
        issued = reg.find(number, revision)
        if issued is None:
            if revision is not None and reg.find(number) is not None:
                raise RegisterError("no_revision", number=number, revision=revision)
            raise RegisterError("not_found", number=number)
        data: str | bytes = reg.pdf(issued) if args.pdf else (
            json.dumps(issued.as_json(), ensure_ascii=False) if args.format == "json" else record(issued, lang))
    finally:
        reg.close()
    if args.output:
        _write(args.output, data if isinstance(data, bytes) else (data + "\n").encode())
        return b""
    return data


def record(i: Issued, lang: Lang) -> str:
    """The record as labelled lines, in `lang`."""
    from urllib.parse import urlencode

    from sonpo.cli.main import one_line
    from sonpo.i18n import fmt_date
    from sonpo.money import yen
    from sonpo.printable import addressee_line

    def money(a: Any) -> str:
        return t("register.cli.amount", lang, excl=yen(a.excl_tax, lang), incl=yen(a.incl_tax, lang))

    def label(key: str) -> str:
        return t(f"register.cli.{key}", lang)

    lines = [
        (label("number"), t("register.cli.number_revision", lang, number=i.number, revision=i.revision)),
        (label("issued"), fmt_date(i.issued, lang)),
        (label("valid_until"), fmt_date(i.valid_until, lang)),
        (label("addressee"), addressee_line(i.addressee, i.honorific, lang)),
        (label("plan"), t(f"plan.{i.plan}.name", lang)),
        (label("monthly"), money(i.monthly)),
        (label("one_time"), money(i.one_time)),
        (t("register.cli.total", lang, months=i.months), money(i.total)),
        (label("issuer"), " / ".join(i.issuer.lines(lang)) or "-"),
        (label("issued_by"), i.issued_by),
        (label("effective_date"), fmt_date(i.effective_date, lang)),
        (label("link"), "?" + urlencode(i.query)),
        (label("pdf_sha256"), i.pdf_sha256),
    ]
    return "\n".join(f"{name}: {one_line(value)}" for name, value in lines)



def _export(args: argparse.Namespace) -> bytes:
    from sonpo.cli.main import one_line

    lang: Lang = args.lang
    q = query(args)
    reg = _open(args)
    try:
        data = reg.export_csv(q, by=getpass.getuser(), encoding=args.encoding, lang=lang)
        rows = reg.exports()[0].rows
    finally:
        reg.close()
    if args.output:
        _write(args.output, data)
        print(one_line(t("register.cli.exported", lang, rows=rows, path=args.output)), file=sys.stderr)
        return b""
    return data


def _write(path: str, data: bytes) -> None:
    """`-o`, as every command writes a file: beside it, then renamed into place (sonpo.cli.output)."""
    from sonpo.cli.output import write_file

    write_file(path, lambda f: f.write(data))
