"""The command line (`python -m sonpo`): quote, schedule, recommend and bulk for staff and scripts."""

from __future__ import annotations

import argparse
import errno
import json
import os
import shutil
import signal
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, NoReturn

from sonpo.cli.documents import register as register_document
from sonpo.cli.flags import add_selection_flags, selection_values
from sonpo.cli.output import EXIT_FAILED, OutputError, write_file
from sonpo.cli.register import register as register_register
from sonpo.errors import DomainError
from sonpo.i18n import LANGS, Lang, t
from sonpo.names import CatalogError
from sonpo.parse import parse_bool, parse_date, parse_domain, parse_int, parse_plan

EXIT_INVALID = 2


@dataclass(frozen=True)
class Noted:
    """Output with a note for stderr (the bulk summary), printed once the output is all written."""

    data: IO[bytes]
    note: str


Output = str | bytes | IO[bytes] | Noted  # what a command prints: text, bytes, or a file copied to stdout


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
    from sonpo.display import quote_json
    from sonpo.documents.export import line_rows, quote_csv, total_rows
    from sonpo.quote import price

    lang: Lang = args.lang
    q = price(**selection_values(args))
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
    from sonpo.timeline import ScheduleRequest, schedule

    lang: Lang = args.lang
    req = ScheduleRequest(
        plan=parse_plan("plan", args.plan),
        order_date=parse_date("order_date", args.order_date),
        domain=None if args.domain is None else parse_domain("domain", args.domain),
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
    from sonpo.flow import NO_NEEDS, normalise_needs, plan_wizard

    lang: Lang = args.lang
    needs = normalise_needs(args.needs.split(",")) if args.needs and args.needs.strip().lower() != NO_NEEDS else ()
    # The finder's walk: a question its path never asks (the admin panel once a need decides) is not required.
    wizard = plan_wizard(
        parse_int("ids", args.ids),
        list(needs) or [NO_NEEDS],
        None if args.own_domain is None else parse_bool("own_domain", args.own_domain),
        None if args.admin_panel is None else parse_bool("admin_panel", args.admin_panel),
    )
    if wizard.errors:
        raise next(iter(wizard.errors.values()))
    rec = wizard.recommendation
    if rec is None:
        flag = "--" + wizard.questions[-1].replace("_", "-")  # the question the finder's path waits for
        raise UsageError(f"the following arguments are required: {flag}")
    if args.format == "json":
        return json.dumps(rec.as_json(lang), ensure_ascii=False)
    name = t(f"plan.{rec.plan}.{'special' if rec.special else 'name'}", lang)
    head = f"{name} / {t(f'domain.{rec.domain}', lang)}"
    return "\n".join([head, *(f"- {r}" for r in rec.reasons(lang))])


def _bulk(args: argparse.Namespace) -> Output:
    """`bulk INPUT.csv [-o OUT.csv] [--encoding utf-8-sig|cp932] [--lang ja|en]`: the CSV goes to stdout
    (or -o), the summary to stderr once everything is written. '-' reads stdin. The page's size limit
    holds here too. The result is written to a temporary file first (sonpo/cli/output.py for -o), so a
    refused file, an unwritable destination or a character CP932 cannot hold leaves nothing behind and
    prints nothing but the error."""
    from sonpo import bulk

    lang: Lang = args.lang
    data = _read_input(args.input)
    if args.output:
        _say(write_file(args.output, lambda f: bulk.stream(data, f, lang, args.encoding)))
        return b""
    out = tempfile.TemporaryFile()  # noqa: SIM115 (handed to main, which copies and closes it)
    try:
        summary = bulk.stream(data, out, lang, args.encoding)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return Noted(out, summary)


def _read_input(name: str) -> bytes:
    from sonpo.bulk import MAX_BYTES, BulkFileError
    from sonpo.bulk.read import size_check

    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with open(name, "rb") as f:
                size_check(os.fstat(f.fileno()).st_size, MAX_BYTES)  # refused before it is read
                data = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise BulkFileError("unreadable", path=name, reason=e.strerror or str(e)) from None
    size_check(len(data), MAX_BYTES)
    return data


def _say(text: str) -> None:
    """A note on stderr (the bulk summary): one line, control characters shown escaped."""
    print(one_line(text), file=sys.stderr)


def _common(sp: argparse.ArgumentParser, formats: Sequence[str]) -> None:
    sp.add_argument("--format", choices=formats, default=formats[0])
    sp.add_argument("--lang", choices=LANGS, default="ja")


def _add_quote(sub: argparse._SubParsersAction[_Parser]) -> None:
    q = sub.add_parser("quote", help="price a plan with options")
    add_selection_flags(q)
    _common(q, ("table", "json", "csv"))
    q.set_defaults(run=_quote)


def _add_schedule(sub: argparse._SubParsersAction[_Parser]) -> None:
    s = sub.add_parser("schedule", help="activation timeline in business days")
    s.add_argument("--plan", required=True)
    s.add_argument("--order-date", required=True)
    s.add_argument("--domain")
    s.add_argument("--dns-support", action="store_true")
    s.add_argument("--dns-days")
    _common(s, ("table", "json"))
    s.set_defaults(run=_schedule)


def _add_recommend(sub: argparse._SubParsersAction[_Parser]) -> None:
    r = sub.add_parser("recommend", help="walk the plan-selection flowchart")
    r.add_argument("--own-domain", help="yes|no (asked unless the IDs or a need decide)")
    r.add_argument("--admin-panel", help="yes|no (asked unless the IDs or a need decide)")
    r.add_argument("--ids", required=True)
    r.add_argument("--needs", help="comma-separated: file-sharing,supervisor-approval,mail-archive,iijid,advanced")
    _common(r, ("table", "json"))
    r.set_defaults(run=_recommend)


def _add_bulk(sub: argparse._SubParsersAction[_Parser]) -> None:
    b = sub.add_parser("bulk", help="one quote per row of a CSV file")
    b.add_argument("input")
    b.add_argument("-o", "--output")
    b.add_argument("--encoding", choices=("utf-8-sig", "cp932"), default="utf-8-sig")
    b.add_argument("--lang", choices=LANGS, default="ja")
    b.set_defaults(run=_bulk)


# Each subcommand adds its arguments and sets `run` (a function of the parsed arguments returning
# what to print). A new subcommand is one more function here and one more entry in this tuple.
SUBCOMMANDS: tuple[Callable[[argparse._SubParsersAction[_Parser]], None], ...] = (
    _add_quote, _add_schedule, _add_recommend, _add_bulk, register_document, register_register,
)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m sonpo", description="損保クラウド plan selector: quotes, schedules, plan advice")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for add in SUBCOMMANDS:
        add(sub)
    return p


def one_line(text: str) -> str:
    """Text for one line of a terminal: line breaks, other control and format characters and the
    Unicode line and paragraph separators shown escaped (\\n, \\x1b, \\u2028), so that a value a user
    typed can neither split the message nor drive the terminal."""
    out: list[str] = []
    for ch in text:
        if unicodedata.category(ch)[0] == "C" or ch in "\u2028\u2029\x85":
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(ch)
    return "".join(out)


def main(argv: Sequence[str] | None = None, out: Callable[[str | bytes], None] | None = None) -> int:
    """Run one command (docs/rules.md §7): invalid input gives one line on stderr, nothing on stdout, status 2;
    a write error one line, status 1; a closed pipe ends quietly, status 141 (128 + SIGPIPE)."""
    lang: Lang = "ja"
    raw = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(raw):  # the language of error messages, before argparse has run
        if arg == "--lang" and i + 1 < len(raw):
            lang = "en" if raw[i + 1] == "en" else "ja"
        elif arg.startswith("--lang="):
            lang = "en" if arg == "--lang=en" else "ja"
    try:
        args = build_parser().parse_args(raw)
        result: Output = args.run(args)
    except UsageError as e:
        return _fail(f"error: {e}", EXIT_INVALID)
    except DomainError as e:  # an output that cannot be written (OutputError) says which status it ends with
        return _fail(_error_line(e, lang), e.status if isinstance(e, OutputError) else EXIT_INVALID)
    except CatalogError as e:
        return _fail(f"error: data: {e}", 1)
    except KeyboardInterrupt:
        return 128 + signal.SIGINT
    note = result.note if isinstance(result, Noted) else None
    try:
        _print(result.data if isinstance(result, Noted) else result, out)
    except BrokenPipeError:
        # The reader went away (`| head`, `| true`): stop quietly, as a Unix tool does when SIGPIPE ends it.
        _silence_stdout()
        return 128 + signal.SIGPIPE
    except OSError as e:  # stdout is a full disk (`> /dev/full`), a file too large...: one line, no summary
        _silence_stdout()
        return _fail(_error_line(OutputError("stdout_unwritable", "stdout", EXIT_FAILED, e), lang), EXIT_FAILED)
    if note is not None:
        _say(note)
    return 0


def _error_line(e: DomainError, lang: Lang) -> str:
    return f"error: {e.field} ({e.field_label(lang)}): {e.message(lang)}"


def _print(result: str | bytes | IO[bytes], out: Callable[[str | bytes], None] | None) -> None:
    if out is None and sys.stdout is None:  # started with stdout closed (`>&-`)
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))
    if isinstance(result, str | bytes):
        (out or _write)(result)
        return
    with result:
        if out is not None:
            out(result.read())
        else:
            shutil.copyfileobj(result, sys.stdout.buffer)
            sys.stdout.flush()


def _silence_stdout() -> None:
    """stdout pointed at devnull: Python flushes it again at exit and would complain a second time (and what
    is left in its buffer can go nowhere anyway)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # closed from the start, or not a real file (a test's capture)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _fail(message: str, status: int) -> int:
    print(one_line(message), file=sys.stderr)
    return status


def _write(result: str | bytes) -> None:
    if isinstance(result, bytes):
        sys.stdout.buffer.write(result)
    else:
        sys.stdout.write(result + "\n")
    sys.stdout.flush()


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
