"""What keeps `python -m sonpo bulk` near the I/O floor (issue 9): a lean import path, errors that make
their English text only when shown, and a fast writer whose file is byte for byte the plain one."""

from __future__ import annotations

import csv
import io
import random
import subprocess
import sys
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sonpo.bulk.engine import BulkFileError, BulkResult, Table, neutralise, quote_file, read_csv, run, stream, to_bytes
from sonpo.bulk.price import Pricer
from sonpo.bulk.read import COLUMNS
from sonpo.bulk.write import Encoding, write_result
from sonpo.errors import DomainError, InvalidSelection
from sonpo.i18n import Lang

COLUMN_KINDS = {c.id: c.kind for c in COLUMNS}

ROOT = Path(__file__).resolve().parents[2]


def test_an_error_says_the_same_when_shown() -> None:
    e = DomainError("ids_max", "ids", ids=999, max=300, plan="individual")
    assert str(e) == f"ids: {e.message('en')}"
    assert "999" in str(e) and "300" in str(e)
    both = InvalidSelection([e, DomainError("months_range", "months", value=0, max=36)])
    assert str(both) == str(e) and both.errors[1].field == "months"


def test_the_bulk_command_imports_no_ui_pdf_or_calendar_library(tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("name,plan,ids\nA,common,3\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from sonpo.cli.main import main\n"
        f"status = main(['bulk', {str(src)!r}, '-o', {str(tmp_path / 'out.csv')!r}])\n"
        "print(status, ' '.join(sorted(m.split('.')[0] for m in sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    status, modules = done.stdout.split(" ", 1)
    assert status == "0"
    loaded = set(modules.split())
    for heavy in ("streamlit", "pandas", "altair", "reportlab", "icalendar", "holidays", "numpy"):
        assert heavy not in loaded, heavy
    assert (tmp_path / "out.csv").read_bytes().count(b"\r\n") == 2


# ---- the fast writer writes what csv.writer writes -------------------------------------

EN_HEADER = "name,plan,ids,domain,domains,msb_licences,mail_archive_ids,iijid_ids,dns_zone_support,months"
PLANS = ("共通ルールプラン", "個別ルールプラン", "ハイブリッドプラン", "common", "individual", "hybrid")
# Cells csv.writer must quote, cells Excel would run as formulas, numbers with signs and commas
AWKWARD = ['"=SUM(A1)"', "+81 3", "-5", "@me", '"\tx"', '"a\r\nb"', '"say ""hi"""', '"1,500"', '"a,=b"',
           "髙橋㈱～①", " ", "", "'x", "a-b", "x@y", '"-"']


def awkward_file(n: int, seed: int = 9, awkward: list[str] = AWKWARD) -> bytes:
    """Rows like bench/bulk.py's (most quoted, some refused) with awkward cells here and there, and a
    few rows wider than the header."""
    rnd = random.Random(seed)
    lines = [EN_HEADER]
    for i in range(n):
        plan = rnd.choice(PLANS)
        ids = rnd.randint(1, 50) if rnd.random() < 0.9 else rnd.choice((0, 999))
        msb = rnd.choice(("", str(rnd.randint(0, 250)), '"1,500"'))
        domain, domains, per_id, dns = "", "", ",", ""
        if "個別" in plan or plan == "individual":
            domain, domains = rnd.choice((("own", "1"), ("sub", ""), ("", "")))
            per_id = f"{rnd.choice(('', '0', 'all', '1'))},{rnd.choice(('', '0', '1'))}"
        elif "ハイブリッド" in plan or plan == "hybrid":
            domain, domains, dns = rnd.choice(("", "own")), str(rnd.randint(1, 3)), rnd.choice(("", "はい", "no"))
        cells = [f"代理店{i}", plan, str(ids), domain, domains, msb, *per_id.split(","), dns,
                 rnd.choice(("", "12", "24"))]
        if rnd.random() < 0.2:
            cells[rnd.randrange(len(cells))] = rnd.choice(awkward)
        if rnd.random() < 0.01:
            cells.append(rnd.choice(awkward))
        lines.append(",".join(cells))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def plain_bytes(result: BulkResult, encoding: Encoding) -> bytes:
    """The result file the plain way: csv.writer over the rows the page previews, each input cell and the error
    made safe by the one neutralising rule, a blank result cell empty."""
    kinds: list[Literal["text", "auto"]] = [
        "text" if c is not None and COLUMN_KINDS[c] == "text" else "auto" for c in result.table.columns
    ]
    header = result.header()
    results = len(header) - len(result.table.header)  # status, totals, packs, error
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in result.rows():
        cells, (*status_and_amounts, error) = row[:-results], row[-results:]
        writer.writerow([*(neutralise(str(c), k) for c, k in zip(cells, kinds, strict=False)),
                         *("" if v is None else v for v in status_and_amounts), neutralise(str(error or ""))])
    return text.getvalue().encode(encoding)


def plain_file(data: bytes, lang: Lang, encoding: Encoding) -> bytes:
    return plain_bytes(quote_file(data, lang), encoding)


@pytest.mark.parametrize(("lang", "encoding"), [("ja", "utf-8-sig"), ("en", "cp932"), ("ja", "cp932")])
def test_the_result_file_is_byte_for_byte_the_one_csv_writer_wrote(lang: Lang, encoding: Encoding) -> None:
    data = awkward_file(4_500)  # more rows than one chunk of the writer
    out = io.BytesIO()
    summary = stream(data, out, lang, encoding)
    expected = plain_file(data, lang, encoding)
    assert out.getvalue() == expected
    assert to_bytes(quote_file(data, lang), encoding) == expected
    quoted = expected.count(("見積済" if lang == "ja" else "quoted").encode(encoding.replace("-sig", "")))
    assert 3_000 < quoted < 4_500 and f"{quoted:,}" in summary  # most rows quoted, some refused


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932"])
def test_a_file_without_quotes_is_written_as_csv_writer_wrote_it(encoding: Encoding) -> None:
    # no quote anywhere: the writer looks for formula starts only (=x, -5, @me, a tab first...)
    data = awkward_file(3_000, seed=3, awkward=["=1+1", "-5", "+81", "@me", "\tx", "a-b", "x@y", "", " ", "髙橋"])
    data = data.replace(b'"1,500"', b"1500")
    assert b'"' not in data
    out = io.BytesIO()
    stream(data, out, "ja", encoding)
    assert out.getvalue() == plain_file(data, "ja", encoding)
    assert b"'=1+1" in out.getvalue() and b"'@me" in out.getvalue()


CELL = st.text(alphabet=[",", '"', "\r", "\n", "\t", "=", "+", "-", "@", " ", "'", "a", "1", "ア", "髙"], max_size=6)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.tuples(CELL, st.sampled_from(["common", "hybrid", "x"]), st.sampled_from(["3", "-3", "1,5"]),
                               CELL), min_size=1, max_size=8),
       lang=st.sampled_from(["ja", "en"]))
def test_any_cells_are_written_as_csv_writer_wrote_them(rows: list[tuple[str, str, str, str]], lang: Lang) -> None:
    header, columns = ["name", "plan", "ids", "note"], ["name", "plan", "ids", None]
    pricer = Pricer(columns)
    priced = [(list(r), pricer.row(list(r))) for r in rows]
    out = io.BytesIO()
    write_result(out, header, columns, iter(priced), lang, pricer.pack_sizes, "utf-8-sig")
    result = BulkResult(Table(header, [c for c, _ in priced], columns), [o for _, o in priced], lang,
                        pricer.pack_sizes)
    assert out.getvalue() == plain_bytes(result, "utf-8-sig")


def test_a_row_worked_out_by_hand() -> None:
    # common, 10 IDs, 9 MSB licences → one 10-pack (docs/rules.md §3): monthly 10 × 1,500 + 1,800 = 16,800 (18,480 with
    # tax); one-time 3,000 + 3,000 = 6,000 (6,600); 12 months: 6,000 + 12 × 16,800 and 6,600 + 12 × 18,480.
    # The name would be a formula in Excel: it gets a leading quote, and csv.writer's quoting.
    data = (EN_HEADER + '\r\n"=HYPERLINK(""x"")",common,10,,,9,,,no,\r\n').encode()
    lines = run(data, "en")[1].split(b"\r\n")
    assert lines[1] == (b'"\'=HYPERLINK(""x"")",common,10,,,9,,,no,'
                        b",quoted,16800,18480,6000,6600,12,207600,228360,0,1,0,10,")
    assert lines[2:] == [b""]


def test_cp932_names_the_first_row_it_cannot_hold_and_counts_the_others() -> None:
    one_line_each = [a for a in AWKWARD if "\n" not in a]  # so that line 2,100 is data row 2,100
    rows = awkward_file(4_500, awkward=one_line_each).decode("utf-8-sig").split("\r\n")
    for at in (2_100, 4_400):  # in a later chunk of the writer, and in the last one
        rows[at] = rows[at].replace("代理店", "代理店😀", 1)
    data = "\r\n".join(rows).encode("utf-8-sig")
    with pytest.raises(BulkFileError) as fast:
        stream(data, io.BytesIO(), "ja", "cp932")
    # the first row that cannot be written (rows[2100] is the file's line 2,101: Excel's row 2,101, the header
    # being row 1), its column and character, and the one other row
    assert fast.value.code == "unencodable_more"
    assert fast.value.params == {"row": 2_101, "column": "name", "char": "😀", "codepoint": "U+1F600", "others": 1}
    with pytest.raises(BulkFileError) as head:
        stream(data.replace(b"name", "name😀".encode(), 1), io.BytesIO(), "ja", "cp932")
    assert head.value.code == "unencodable_header"


# ---- pricing ---------------------------------------------------------------------------


def test_rows_asking_for_the_same_values_share_one_outcome() -> None:
    cells = ["共通ルールプラン,3,,,,,,,", "common,3,,,,,,,12", "common,３,,,0,,,いいえ,", "common,4,,,,,,,"]
    table = read_csv(f"{EN_HEADER}\r\n".encode() + "".join(f"a{i},{c}\r\n" for i, c in enumerate(cells)).encode())
    pricer = Pricer(table.columns)
    first, second, third, other = (pricer.row(r) for r in table.rows)
    assert first is second is third and other is not first
    assert first.values is not None and first.values[0] == 3 * 1500  # 3 IDs at 1,500 a month (docs/rules.md §3)


def test_a_file_without_the_months_column_is_quoted() -> None:
    # every priced column but one, and the name: a missing column reads as blank (main raised IndexError here)
    data = (b"name,plan,ids,domain,domains,msb_licences,mail_archive_ids,iijid_ids,dns_zone_support\r\n"
            b"A,common,3,,,,,,\r\n")
    result, _ = run(data)
    assert result.quoted == 1 and result.outcomes[0].values is not None
    assert result.outcomes[0].values[4] == 12  # months: the default 12
