"""The command line (docs/rules.md §7): quote, schedule, recommend; invalid input → one line on stderr, exit 2."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from sonpo.cli import main
from sonpo.errors import DomainError
from sonpo.parse import parse_bool, parse_choice, parse_date, parse_int

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    code, out, err = run(capsys, *argv, "--format", "json")
    assert (code, err) == (0, ""), err
    assert out.endswith("\n") and out.count("\n") == 1  # one JSON object on one line
    data: dict[str, object] = json.loads(out)
    return data


def cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sonpo", *argv], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )


# ---- through a real process ----------------------------------------------------------------


def test_python_m_sonpo_quote_json() -> None:
    p = cli("quote", "--plan", "common", "--ids", "20", "--format", "json")
    assert (p.returncode, p.stderr) == (0, "")
    data = json.loads(p.stdout)
    assert data["monthly"] == {"excl_tax": 1500 * 20, "tax": 3000, "incl_tax": 1650 * 20}
    assert data["initial"] == {"excl_tax": 3000, "tax": 300, "incl_tax": 3300}


def test_python_m_sonpo_schedule_table() -> None:
    p = cli("schedule", "--plan", "common", "--order-date", "2026-11-30")
    assert (p.returncode, p.stderr) == (0, "")
    assert "2026-12-10" in p.stdout.splitlines()[-1]


@pytest.mark.parametrize(
    "argv",
    [
        ("quote", "--plan", "common", "--ids", "51"),  # a domain rule
        ("schedule", "--plan", "common", "--order-date", "2026-02-30"),  # a parse error
        ("recommend", "--own-domain", "yes", "--admin-panel", "no"),  # argparse: a missing flag
    ],
)
def test_python_m_sonpo_refuses_with_one_line_and_status_2(argv: tuple[str, ...]) -> None:
    p = cli(*argv)
    assert p.returncode == 2
    assert p.stdout == ""
    assert p.stderr.count("\n") == 1 and p.stderr.startswith("error: ")
    assert "Traceback" not in p.stderr


# ---- quote ----------------------------------------------------------------------------


def test_quote_json_has_spec_7_keys(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "quote", "--plan", "individual", "--ids", "10", "--domain", "own", "--domains", "1",
        "--msb", "11", "--mail-archive", "--iijid", "4", "--months", "24",
    )
    monthly = 1500 * 10 + 1800 + 200 + 1500 + 380 * 10 + 100 * 4
    initial = 3000 + 3000
    assert data["monthly"] == {"excl_tax": monthly, "tax": monthly // 10, "incl_tax": monthly + monthly // 10}
    assert data["initial"] == {"excl_tax": initial, "tax": initial // 10, "incl_tax": initial + initial // 10}
    assert data["msb_packs"] == {"1": 1, "10": 1, "100": 0}
    assert data["period"] == {
        "months": 24,
        "excl_tax": initial + 24 * monthly,
        "incl_tax": initial + initial // 10 + 24 * (monthly + monthly // 10),
    }
    lines = data["lines"]
    assert isinstance(lines, list)
    assert {(x["item"], x["unit_price"], x["quantity"], x["amount"], x["kind"]) for x in lines} == {
        ("base_monthly", 1500, 10, 15000, "monthly"),
        ("base_initial", 3000, 1, 3000, "initial"),
        ("msb_pack_10", 1800, 1, 1800, "monthly"),
        ("msb_pack_1", 200, 1, 200, "monthly"),
        ("msb_initial", 3000, 1, 3000, "initial"),
        ("dns_hosting", 1500, 1, 1500, "monthly"),
        ("mail_archive", 380, 10, 3800, "monthly"),  # --mail-archive alone: all the contract's IDs
        ("iijid", 100, 4, 400, "monthly"),
    }
    for line in lines:
        assert set(line) == {"item", "unit_price", "quantity", "amount", "kind"}


def test_quote_hybrid_with_dns_support(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "quote", "--plan", "hybrid", "--ids", "5", "--domains", "2", "--dns-support")
    assert data["monthly"] == {"excl_tax": 1500 * 5 + 1500 * 2, "tax": 1050, "incl_tax": 11550}
    assert data["initial"] == {"excl_tax": 3000 + 50000, "tax": 5300, "incl_tax": 58300}


def test_quote_table_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "quote", "--plan", "common", "--ids", "20", "--msb", "9")
    assert (code, err) == (0, "")
    assert "30,000" in out and "基本料金" in out
    assert "10×1" in out and "10ライセンス" in out
    code, out, _ = run(capsys, "quote", "--plan", "common", "--ids", "20", "--lang", "en")
    assert code == 0 and "Monthly total" in out


def test_quote_csv_opens_in_japanese_excel(capsys: pytest.CaptureFixture[bytes]) -> None:
    captured: list[str | bytes] = []
    assert main(["quote", "--plan", "common", "--ids", "2", "--format", "csv"], out=captured.append) == 0
    (raw,) = captured
    assert isinstance(raw, bytes) and raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert ["基本料金（月額）", "1500", "2", "ID", "3000", "月額"] in rows


def test_ids_may_be_typed_full_width_or_with_a_thousands_comma(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_json(capsys, "quote", "--plan", "common", "--ids", "１０")["ids"] == 10
    assert run_json(capsys, "quote", "--plan", "individual", "--ids", "1,0", "--msb", "1,000")["ids"] == 10


# ---- schedule -------------------------------------------------------------------------


def test_schedule_json_has_spec_7_keys(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "schedule", "--plan", "common", "--order-date", "2026-12-25")
    assert data["activation_date"] == "2027-01-13"
    steps = data["steps"]
    assert isinstance(steps, list) and steps
    for step in steps:
        assert {"name", "owner", "start", "end"} <= set(step) and step["owner"] in ("customer", "ntt")


def test_schedule_hybrid_with_dns_days(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(
        capsys, "schedule", "--plan", "hybrid", "--order-date", "2026-11-30", "--dns-support", "--dns-days", "10"
    )
    assert data["activation_date"] == "2027-01-22"  # 10 + 24 business days, see test_timeline


def test_schedule_individual_subdomain(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "schedule", "--plan", "individual", "--order-date", "2026-11-30", "--domain", "sub")
    assert data["activation_date"] == "2027-01-06"
    steps = data["steps"]
    assert isinstance(steps, list)
    assert [s["id"] for s in steps if s["owner"] == "customer"] == ["users", "security_policy"]


def test_schedule_accepts_slashes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_json(capsys, "schedule", "--plan", "common", "--order-date", "2026/11/30")["activation_date"] == (
        "2026-12-10"
    )


# ---- recommend ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "plan", "domain", "special"),
    [
        (("--own-domain", "no", "--admin-panel", "no", "--ids", "10"), "common", "designated", False),
        (("--own-domain", "no", "--admin-panel", "yes", "--ids", "10"), "individual", "sub", False),
        (("--own-domain", "yes", "--admin-panel", "no", "--ids", "10"), "hybrid", "own", False),
        (("--own-domain", "yes", "--admin-panel", "yes", "--ids", "10"), "individual", "own", False),
        (("--own-domain", "no", "--admin-panel", "no", "--ids", "301"), "individual", "sub", True),
        (("--own-domain", "no", "--admin-panel", "no", "--ids", "5", "--needs", "file-sharing,iijid"),
         "individual", "sub", False),
    ],
)
def test_recommend_json(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], plan: str, domain: str, special: bool
) -> None:
    data = run_json(capsys, "recommend", *argv)
    assert (data["plan"], data["domain"], data["special"]) == (plan, domain, special)
    reasons = data["reasons"]
    assert isinstance(reasons, list) and reasons and all(isinstance(r, str) and r for r in reasons)


def test_recommend_follows_the_finders_path_a_question_it_never_asks_is_not_required(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # issue 16: 25 IDs, mail archive + IIJ ID, own domain: the needs decide, the admin panel is never asked
    data = run_json(capsys, "recommend", "--ids", "25", "--needs", "mail-archive,iijid", "--own-domain", "yes")
    assert (data["plan"], data["domain"]) == ("individual", "own")
    # ... and the own-domain question is on that path: without it the command says which flag is missing
    code, out, err = run(capsys, "recommend", "--ids", "25", "--needs", "mail-archive,iijid")
    assert (code, out) == (2, "") and "--own-domain" in err and "--admin-panel" not in err


def test_recommend_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "recommend", "--own-domain", "no", "--admin-panel", "no", "--ids", "10")
    assert (code, err) == (0, "")
    assert out.splitlines()[0].startswith("共通ルールプラン")


# ---- every invalid input: status 2, one line on stderr, nothing on stdout -------------------

INVALID = [
    # (argv, what the message must name)
    (["quote", "--plan", "gold", "--ids", "3"], "plan"),
    (["quote", "--plan", "common", "--ids", "0"], "ids"),
    (["quote", "--plan", "common", "--ids", "-4"], "ids"),
    (["quote", "--plan", "common", "--ids", "51"], "ids"),
    (["quote", "--plan", "hybrid", "--ids", "51"], "ids"),
    (["quote", "--plan", "individual", "--ids", "301"], "ids"),
    (["quote", "--plan", "common", "--ids", "abc"], "ids"),
    (["quote", "--plan", "common", "--ids", "1.5"], "ids"),
    (["quote", "--plan", "common", "--ids", "1e3"], "ids"),
    (["quote", "--plan", "common", "--ids", ""], "ids"),
    (["quote", "--plan", "common", "--ids", "1_0"], "ids"),
    (["quote", "--plan", "common", "--ids", "True"], "ids"),
    (["quote", "--plan", "common", "--ids", "9" * 5000], "ids"),
    (["quote", "--plan", "common", "--ids", "3", "--mail-archive"], "mail_archive"),
    (["quote", "--plan", "hybrid", "--ids", "3", "--iijid", "2"], "iijid"),
    (["quote", "--plan", "common", "--ids", "3", "--domains", "1"], "domains"),
    (["quote", "--plan", "common", "--ids", "3", "--dns-support"], "dns_zone_support"),
    (["quote", "--plan", "individual", "--ids", "3", "--dns-support"], "dns_zone_support"),
    (["quote", "--plan", "hybrid", "--ids", "3", "--domains", "0"], "domains"),
    (["quote", "--plan", "individual", "--ids", "3", "--domain", "sub", "--domains", "1"], "domains"),
    (["quote", "--plan", "individual", "--ids", "3", "--domain", "designated"], "domain"),
    (["quote", "--plan", "common", "--ids", "3", "--domain", "elsewhere"], "domain"),
    (["quote", "--plan", "individual", "--ids", "3", "--mail-archive", "4"], "mail_archive"),
    (["quote", "--plan", "individual", "--ids", "3", "--iijid", "-1"], "iijid"),
    (["quote", "--plan", "common", "--ids", "3", "--msb", "-1"], "msb"),
    (["quote", "--plan", "common", "--ids", "3", "--msb", "10001"], "msb"),
    (["quote", "--plan", "common", "--ids", "3", "--msb", "many"], "msb"),
    (["quote", "--plan", "common", "--ids", "3", "--months", "0"], "months"),
    (["quote", "--plan", "common", "--ids", "3", "--months", "121"], "months"),
    (["quote", "--plan", "common", "--ids", "3", "--format", "xml"], "format"),
    (["quote", "--plan", "common", "--ids", "3", "--bogus"], "--bogus"),
    (["quote", "--plan", "common"], "--ids"),
    (["quote", "--ids", "3"], "--plan"),
    (["quote", "--plan", "common", "--ids"], "--ids"),
    (["quote", "--plan", "common", "--ids", "3", "--lang", "fr"], "lang"),
    (["schedule", "--plan", "common", "--order-date", "2026-13-01"], "order_date"),
    (["schedule", "--plan", "common", "--order-date", "2026-02-29"], "order_date"),
    (["schedule", "--plan", "common", "--order-date", "tomorrow"], "order_date"),
    (["schedule", "--plan", "common", "--order-date", ""], "order_date"),
    (["schedule", "--plan", "common", "--order-date", "2026-W48-1"], "order_date"),
    (["schedule", "--plan", "common", "--order-date", "1999-12-31"], "order_date"),
    (["schedule", "--plan", "common", "--order-date", "2100-01-04"], "order_date"),
    (["schedule", "--plan", "common", "--order-date", "2026-11-30", "--dns-support"], "dns_zone_support"),
    (["schedule", "--plan", "hybrid", "--order-date", "2026-11-30", "--dns-days", "5"], "dns_days"),
    (["schedule", "--plan", "hybrid", "--order-date", "2026-11-30", "--dns-support", "--dns-days", "0"], "dns_days"),
    (["schedule", "--plan", "hybrid", "--order-date", "2026-11-30", "--dns-support", "--dns-days", "x"], "dns_days"),
    (["schedule", "--plan", "common", "--order-date", "2026-11-30", "--domain", "own"], "domain"),
    (["schedule", "--plan", "individual", "--order-date", "2026-11-30", "--domain", "designated"], "domain"),
    (["schedule", "--plan", "gold", "--order-date", "2026-11-30"], "plan"),
    (["schedule", "--plan", "common"], "--order-date"),
    (["schedule", "--plan", "common", "--order-date", "2026-11-30", "--format", "csv"], "format"),
    (["recommend", "--own-domain", "maybe", "--admin-panel", "no", "--ids", "3"], "own_domain"),
    (["recommend", "--own-domain", "no", "--admin-panel", "2", "--ids", "3"], "admin_panel"),
    (["recommend", "--own-domain", "no", "--admin-panel", "no", "--ids", "0"], "ids"),
    (["recommend", "--own-domain", "no", "--admin-panel", "no", "--ids", "x"], "ids"),
    (["recommend", "--own-domain", "no", "--admin-panel", "no", "--ids", "3", "--needs", "teleport"], "needs"),
    (["recommend", "--own-domain", "no", "--admin-panel", "no"], "--ids"),
    (["recommend", "--admin-panel", "no", "--ids", "3"], "--own-domain"),
    ([], "command"),
    (["nope"], "nope"),
]


@pytest.mark.parametrize(("argv", "names"), INVALID, ids=lambda v: " ".join(v)[:60] if isinstance(v, list) else v)
def test_invalid_input_exits_2_with_one_line_on_stderr_and_nothing_on_stdout(
    capsys: pytest.CaptureFixture[str], argv: list[str], names: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2, err
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert names in err, err


def test_the_message_follows_lang(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, ja = run(capsys, "quote", "--plan", "common", "--ids", "51")
    _, _, en = run(capsys, "quote", "--plan", "common", "--ids", "51", "--lang", "en")
    _, _, en_equals = run(capsys, "quote", "--plan", "common", "--ids", "51", "--lang=en")
    assert "上限50ID" in ja
    assert "at most 50 IDs" in en
    assert en_equals == en  # argparse takes --lang=en too


# ---- the parsers behind the command line (and CSV cells and links) --------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [("10", 10), (" 10 ", 10), ("１０", 10), ("1,500", 1500), ("+5", 5), ("-3", -3), ("0", 0), (7, 7)],
)
def test_parse_int_accepts(text: str | int, value: int) -> None:
    assert parse_int("ids", text) == value


@pytest.mark.parametrize(
    "text", ["", "abc", "1.5", "1e3", "1_0", "٣", "0x10", "True", "１．５", True, False, "9" * 5000]
)
def test_parse_int_refuses(text: str) -> None:
    with pytest.raises(DomainError) as info:
        parse_int("ids", text)
    assert (info.value.code, info.value.field) == ("not_integer", "ids")
    assert len(info.value.message("ja")) < 200


def test_parse_int_default_for_a_blank_cell() -> None:
    assert parse_int("msb_licences", " ", default=0) == 0


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2026-11-30", dt.date(2026, 11, 30)),
        ("2026/11/30", dt.date(2026, 11, 30)),
        ("2026/1/5", dt.date(2026, 1, 5)),
        ("２０２６－１１－３０", dt.date(2026, 11, 30)),
        ("20261130", dt.date(2026, 11, 30)),
        (dt.date(2026, 11, 30), dt.date(2026, 11, 30)),
        (dt.datetime(2026, 11, 30, 15, 30), dt.date(2026, 11, 30)),
    ],
)
def test_parse_date_accepts(text: str | dt.date, value: dt.date) -> None:
    got = parse_date("order_date", text)
    assert got == value and type(got) is dt.date


@pytest.mark.parametrize(
    "text", ["", "tomorrow", "2026-02-29", "2026-13-01", "2026-W48-1", "2026-334", "2026-11-30T10:00", "202611-30", 5]
)
def test_parse_date_refuses(text: str) -> None:
    with pytest.raises(DomainError) as info:
        parse_date("order_date", text)
    assert (info.value.code, info.value.field) == ("not_date", "order_date")


@pytest.mark.parametrize(("text", "value"), [("yes", True), ("はい", True), ("YES", True), ("no", False),
                                             ("いいえ", False), ("0", False), (True, True), (1, True)])
def test_parse_bool(text: str | bool, value: bool) -> None:
    assert parse_bool("own_domain", text) is value


@pytest.mark.parametrize("text", ["maybe", "2", None])
def test_parse_bool_refuses(text: str) -> None:
    with pytest.raises(DomainError) as info:
        parse_bool("own_domain", text)
    assert info.value.code == "not_bool"


def test_parse_choice() -> None:
    assert parse_choice("plan", " Common ", ("common", "hybrid")) == "common"
    assert parse_choice("plan", "ｈｙｂｒｉｄ", ("common", "hybrid")) == "hybrid"
    for bad in ("gold", "", 3, None):
        with pytest.raises(DomainError) as info:
            parse_choice("plan", bad, ("common", "hybrid"))  # type: ignore[arg-type]
        assert (info.value.code, info.value.field) == ("unknown_value", "plan")


# ---- docs/rules.md §7 under any input (issue 9) -------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

# Text a user or a script could pass: control characters, line and paragraph separators, escapes,
# full-width and other scripts' digits, and now and then a plain valid value.
NASTY = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=12),
    st.sampled_from(["x\ny", "1\r", "\u2028", "\x1b[31m", "\x00", "\u0085", "٣", "1_0", "１２", "-1", "", " ",
                     "common", "共通ルールプラン", "10", "own", "all", "yes", "2026-11-30", "--format", "json"]),
)
COMMANDS = {
    "quote": ["--plan", "--ids", "--domain", "--domains", "--msb", "--mail-archive", "--iijid", "--months", "--format"],
    "schedule": ["--plan", "--order-date", "--domain", "--dns-days", "--format"],
    "recommend": ["--own-domain", "--admin-panel", "--ids", "--needs", "--format"],
}


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(sorted(COMMANDS)))
    argv = [command]
    for flag in draw(st.lists(st.sampled_from(COMMANDS[command]), max_size=5)):
        argv += [flag, draw(NASTY)]
    if draw(st.booleans()):
        argv.insert(draw(st.integers(0, len(argv))), draw(NASTY))
    return argv


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=command_lines(), lang=st.sampled_from(["ja", "en"]))
def test_any_command_line_ends_in_output_or_one_clean_line_on_stderr(
    capsys: pytest.CaptureFixture[str], argv: list[str], lang: str
) -> None:
    code, out, err = run(capsys, *argv, "--lang", lang)
    if code == 0:
        assert out and err == ""
        return
    assert code == 2, err
    assert out == ""  # nothing on stdout before or with a refusal
    assert err.endswith("\n") and err.count("\n") == 1  # exactly one line
    line = err[:-1]
    assert line.startswith("error: ")
    assert not any(ch in line for ch in "\r\x0b\x0c\x1b\x00\x85\u2028\u2029")  # shown escaped, not raw


def test_control_characters_in_a_value_are_shown_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    for bad, shown in (("x\ny", "x\\ny"), ("1\r2", "1\\r2"), ("a\u2028b", "a\\u2028b"), ("\x1b[31m", "\\x1b[31m")):
        code, out, err = run(capsys, "quote", "--plan", "common", "--ids", bad)
        assert (code, out, err.count("\n")) == (2, "", 1)
        assert shown in err


def test_the_plan_is_read_by_the_same_parser_as_a_csv_cell(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("共通ルールプラン", "共通ルール", "Common Rule Plan", "ｃｏｍｍｏｎ"):
        data = run_json(capsys, "quote", "--plan", name, "--ids", "2")
        assert data["plan"] == "common"
    data = run_json(capsys, "quote", "--plan", "個別ルールプラン", "--ids", "3", "--domain", "独自ドメイン")
    assert (data["plan"], data["domain"]) == ("individual", "own")


def test_a_closed_pipe_ends_quietly() -> None:
    proc = subprocess.run(
        f"{sys.executable} -m sonpo quote --plan individual --ids 300 --format csv | true; "
        f"{sys.executable} -m sonpo schedule --plan hybrid --order-date 2026-11-30 | head -c 1 >/dev/null",
        shell=True, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False,
    )
    assert proc.stderr == ""


def test_bulk_to_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(b"plan,ids\n" + b"common,1\n" * 20_000)
    proc = subprocess.run(
        f"{sys.executable} -m sonpo bulk {src} | head -c 10 >/dev/null", shell=True, cwd=ROOT,
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") <= 1
