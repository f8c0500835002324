"""`python -m sonpo register list|show|export` (docs/rules.md §7, §11): the register for staff on the server."""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sonpo.case import Case
from sonpo.cli import main
from sonpo.issuer import Issuer
from sonpo.register import Register

ROOT = Path(__file__).resolve().parents[2]
RYO = Issuer(company="株式会社サンプル", person="山田 太郎")


@pytest.fixture
def url(tmp_path: Path) -> Iterator[str]:
    """A register with three quotations: Q2026-00001 (two revisions), Q2026-00002 and Q2026-00003."""
    u = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    reg = Register.open(u)
    try:
        first = reg.issue(Case(plan="common", ids=10, addressee="みなと保険代理店"), issuer=RYO,
                          issued_by="yamada@example.jp", issued=dt.date(2026, 12, 1), lang="ja")
        reg.issue(Case(plan="hybrid", ids=5, addressee="山手損保サービス"), issuer=RYO, issued_by="sato@example.jp",
                  issued=dt.date(2026, 12, 2), lang="ja")
        reg.issue(Case(plan="common", ids=3, addressee="港北代理店"), issuer=RYO, issued_by="sato@example.jp",
                  issued=dt.date(2026, 12, 3), lang="ja")
        reg.reissue(first.number, case=first.case.replace(ids=20), issued_by="yamada@example.jp",
                    issued=dt.date(2026, 12, 4), lang="ja")
        (tmp_path / "first.pdf").write_bytes(first.printed or b"")
    finally:
        reg.close()
    yield u


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_the_latest_revisions_newest_first(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "register", "list", "--url", url)
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["見積番号", "版", "発行日", "宛名"]
    assert [line.split()[:3] for line in lines[1:4]] == [
        ["Q2026-00001", "2", "2026-12-04"], ["Q2026-00003", "1", "2026-12-03"], ["Q2026-00002", "1", "2026-12-02"]]
    assert "みなと保険代理店 御中" in lines[1] and "30,000" not in lines[1]
    assert "33,000円" in lines[1]  # 20 IDs × 1,650 with tax, the second revision's
    assert lines[-1] == "全3件中 1〜3件目"


def test_list_filters_as_the_register_searches(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "register", "list", "--url", url, "--plan", "common", "--from", "2026-12-03")
    assert code == 0 and [line.split()[0] for line in out.splitlines()[1:-1]] == ["Q2026-00001", "Q2026-00003"]
    code, out, _ = run(capsys, "register", "list", "--url", url, "--addressee", "山手", "--lang", "en")
    assert code == 0 and out.splitlines()[-1] == "1–1 of 1" and "Hybrid Plan" in out
    code, out, _ = run(capsys, "register", "list", "--url", url, "--limit", "1", "--offset", "1", "--format", "json")
    data = json.loads(out)
    assert data["total"] == 3 and [q["number"] for q in data["quotations"]] == ["Q2026-00003"]
    code, out, _ = run(capsys, "register", "list", "--url", url, "--issuer", "存在しない")
    assert out.strip() == "条件に合う見積書はありません。"


def test_show_prints_the_record_and_reprints_the_pdf(url: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "register", "show", "Q2026-00001", "--revision", "1", "--url", url)
    assert (code, err) == (0, "")
    assert "見積番号: Q2026-00001（第1版）" in out
    assert "宛名: みなと保険代理店 御中" in out
    assert "月額: 15,000円（税込 16,500円）" in out  # 10 IDs × 1,500
    assert "12か月の合計: 183,000円（税込 201,300円）" in out  # 3,000 + 12 × 15,000
    assert "有効期限: 2026年12月31日(木)" in out
    code, out, _ = run(capsys, "register", "show", "Q2026-00001", "--url", url)
    assert "見積番号: Q2026-00001（第2版）" in out
    pdf = tmp_path / "again.pdf"
    code, out, err = run(capsys, "register", "show", "Q2026-00001", "--revision", "1", "--pdf", "-o", str(pdf),
                         "--url", url)
    assert (code, out, err) == (0, "", "")
    assert pdf.read_bytes() == (tmp_path / "first.pdf").read_bytes()


def test_show_of_a_number_not_in_the_register(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "register", "show", "Q2026-00042", "--url", url) == (
        2, "", "error: register (見積台帳): 見積番号 Q2026-00042 は見積台帳にありません。\n")
    code, out, err = run(capsys, "register", "show", "Q2026-00001", "--revision", "3", "--url", url, "--lang", "en")
    assert (code, out) == (2, "") and err.endswith("Quotation no. Q2026-00001 has no revision 3.\n")
    code, out, err = run(capsys, "register", "list", "--from", "2026-13-01", "--url", url)
    assert (code, out) == (2, "") and err.startswith("error: date_from (発行日（から）)")


def test_export_writes_excel_csv_and_records_the_os_user(url: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "list.csv"
    code, out, err = run(capsys, "register", "export", "--encoding", "cp932", "-o", str(out_file),
                         "--plan", "common", "--url", url)
    assert (code, out) == (0, "") and "2件" in err
    rows = list(csv.reader(io.StringIO(out_file.read_bytes().decode("cp932"))))
    assert [r[0] for r in rows] == ["見積番号", "Q2026-00001", "Q2026-00003"]
    reg = Register.open(url)
    try:
        [record] = reg.exports()
    finally:
        reg.close()
    assert (record.by, record.rows, record.encoding, record.query) == (getpass.getuser(), 2, "cp932",
                                                                       {"plan": "common"})


def test_python_m_sonpo_register_reads_the_register_the_environment_names(url: str) -> None:
    env = {**os.environ, "SONPO_REGISTER_URL": url}
    p = subprocess.run([sys.executable, "-m", "sonpo", "register", "list", "--number", "00002"], cwd=ROOT,
                       capture_output=True, text=True, timeout=60, env=env, check=False)
    assert (p.returncode, p.stderr) == (0, "")
    assert p.stdout.splitlines()[1].split()[0] == "Q2026-00002"
    h = subprocess.run([sys.executable, "-m", "sonpo", "register", "export", "--help"], cwd=ROOT,
                       capture_output=True, text=True, timeout=60, check=False)
    assert "宛名の一部" in h.stdout and "cp932（Shift_JIS）" in h.stdout
