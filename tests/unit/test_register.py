"""The register of issued quotations (docs/rules.md §11), on SQLite and on PostgreSQL: numbers from a counter,
unique and gap-free even when twenty processes issue at once; revisions; reprints byte for byte; search; the
Excel-safe export and its log; staff's issuer profiles; migrations that keep every row."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import logging
import multiprocessing
import shutil
import sqlite3
import subprocess
import sys
import time
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from sonpo.case import Case
from sonpo.errors import DomainError
from sonpo.issuer import Issuer
from sonpo.register import Query, Register, RegisterError
from tests.pgcluster import pg_server, postgres_url  # noqa: F401  (fixtures)
from tests.register_worker import issue_one

DAY = dt.date(2026, 12, 7)  # a Monday
RYO = Issuer(company="株式会社サンプル", department="営業部", person="山田 太郎", phone="03-1234-5678")
HANAKO = Issuer(company="サンプル販売株式会社", person="佐藤 花子")
# common plan, 10 IDs: 10 × 1,500 = 15,000 a month (16,500 with tax); 3,000 once (3,300); over 12 months
# 3,000 + 12 × 15,000 = 183,000 (3,300 + 12 × 16,500 = 201,300 with tax), docs/rules.md §3
COMMON_10 = Case(plan="common", ids=10, addressee="〇〇保険代理店")


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'register.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def reg(url: str) -> Iterator[Register]:
    r = Register.open(url)
    yield r
    r.close()


def issue(reg: Register, case: Case = COMMON_10, issuer: Issuer = RYO, day: dt.date = DAY, **kw: object) -> object:
    return reg.issue(case, issuer=issuer, issued_by="yamada@example.jp", issued=day, lang="ja", **kw)  # type: ignore[arg-type]


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils' pdftotext is not installed")
    (tmp_path / "q.pdf").write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(tmp_path / "q.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout


# ---- issuing ------------------------------------------------------------------------------


def test_each_issue_takes_the_next_number_and_keeps_what_was_quoted(reg: Register, tmp_path: Path) -> None:
    first = reg.issue(COMMON_10, issuer=RYO, issued_by="yamada@example.jp", issued=DAY, lang="ja")
    second = reg.issue(COMMON_10.replace(addressee="△△代理店"), issuer=RYO, issued_by="yamada@example.jp",
                       issued=DAY, lang="ja")
    assert (first.number, first.revision) == ("Q2026-00001", 1)
    assert (second.number, second.revision) == ("Q2026-00002", 1)
    assert first.valid_until == dt.date(2027, 1, 6)  # 30 days after 7 December
    assert first.addressee == "〇〇保険代理店" and first.honorific == "onchu"
    assert first.issuer == RYO and first.issued_by == "yamada@example.jp"
    assert first.plan == "common" and first.months == 12
    assert (first.monthly.excl_tax, first.monthly.incl_tax) == (15_000, 16_500)
    assert (first.one_time.excl_tax, first.one_time.incl_tax) == (3_000, 3_300)
    assert (first.total.excl_tax, first.total.incl_tax) == (183_000, 201_300)
    assert first.effective_date == dt.date(2024, 4, 1)  # the brochure's price list
    assert first.case == COMMON_10 and Case.from_query(first.query)[0] == COMMON_10
    assert reg.find("Q2026-00001") == first
    assert first.printed is not None
    assert "Q2026-00001" in pdf_text(first.printed, tmp_path)


def test_the_number_follows_the_configured_format_and_prefix(url: str) -> None:
    reg = Register.open(url, number_format="{prefix}-{seq:06d}", prefix="MIT")
    try:
        assert issue(reg).number == "MIT-000001"  # type: ignore[attr-defined]
    finally:
        reg.close()
    with pytest.raises(RegisterError) as e:
        Register.open(url, number_format="{prefix}{year}")  # no sequence: every number the same
    assert "{seq}" in e.value.message("ja")
    for prefix in ("Q\n", "😀"):  # not one printable line: every 見積書 would fail to print
        with pytest.raises(RegisterError) as e:
            Register.open(url, prefix=prefix)
        assert e.value.code == "number_format"


def test_a_register_made_by_a_newer_version_is_refused_with_a_message(url: str) -> None:
    from sqlalchemy import create_engine, text

    Register.open(url).close()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(RegisterError) as e:
        Register.open(url)
    assert e.value.code == "schema_unknown" and "0099" in e.value.message("en")


def test_the_sequence_starts_again_each_year(reg: Register) -> None:
    assert issue(reg, day=dt.date(2026, 12, 28)).number == "Q2026-00001"  # type: ignore[attr-defined]
    assert issue(reg, day=dt.date(2027, 1, 5)).number == "Q2027-00001"  # type: ignore[attr-defined]
    assert issue(reg, day=dt.date(2026, 12, 28)).number == "Q2026-00002"  # type: ignore[attr-defined]


def test_a_refused_or_failed_issue_uses_no_number(reg: Register, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DomainError):
        issue(reg, valid_days=400)  # validity 1 to 365 days
    from sonpo.register import store

    def broken(*args: object, **kw: object) -> bytes:
        raise OSError("disk full")

    with monkeypatch.context() as m:
        m.setattr(store, "render", broken)  # fails after the counter has moved, inside the transaction
        with pytest.raises(OSError):
            issue(reg)
    assert issue(reg).number == "Q2026-00001"  # type: ignore[attr-defined]
    assert reg.search(Query())[1] == 1


def test_a_reissue_is_the_next_revision_and_keeps_the_earlier(reg: Register, tmp_path: Path) -> None:
    first = issue(reg)
    issue(reg)  # Q2026-00002
    bigger = COMMON_10.replace(ids=20)
    again = reg.reissue("Q2026-00001", case=bigger, issued_by="sato@example.jp", issued=DAY + dt.timedelta(days=3),
                        lang="ja")
    assert (again.number, again.revision) == ("Q2026-00001", 2)
    assert again.monthly.excl_tax == 30_000 and again.issuer == RYO  # 20 × 1,500; the issuer kept
    assert again.issued_by == "sato@example.jp" and again.valid_until == dt.date(2027, 1, 9)
    assert [r.revision for r in reg.revisions("Q2026-00001")] == [1, 2]
    assert reg.find("Q2026-00001", revision=1) == first
    assert reg.find("Q2026-00001") == again
    listed, count = reg.search(Query())
    assert count == 2 and [(i.number, i.revision) for i in listed] == [("Q2026-00001", 2), ("Q2026-00002", 1)]
    assert again.printed is not None
    assert "Q2026-00001（第2版）" in pdf_text(again.printed, tmp_path)
    third = reg.reissue("Q2026-00001", issuer=HANAKO, issued_by="sato@example.jp", issued=DAY, lang="en")
    assert third.revision == 3 and third.case == bigger and third.issuer == HANAKO
    with pytest.raises(RegisterError) as e:
        reg.reissue("Q2026-00099", issued_by="x", issued=DAY, lang="ja")
    assert e.value.message("ja") == "見積番号 Q2026-00099 は見積台帳にありません。"


def test_reissues_at_the_same_time_get_consecutive_revisions(reg: Register) -> None:
    from concurrent.futures import ThreadPoolExecutor

    issue(reg)
    with ThreadPoolExecutor(4) as pool:
        revisions = list(pool.map(lambda _: reg.reissue("Q2026-00001", issued_by="x", issued=DAY, lang="ja").revision,
                                  range(4)))
    assert sorted(revisions) == [2, 3, 4, 5]
    assert [i.revision for i in reg.revisions("Q2026-00001")] == [1, 2, 3, 4, 5]
    assert reg.search(Query())[1] == 1


# ---- reprinting ---------------------------------------------------------------------------


def test_a_reprint_is_the_first_print_byte_for_byte(reg: Register) -> None:
    first = issue(reg)
    again = reg.reissue("Q2026-00001", issued_by="x", issued=DAY, lang="en")
    for issued in (first, again):
        found = reg.find(issued.number, issued.revision)  # type: ignore[attr-defined]
        assert found is not None and found.printed is None
        assert reg.pdf(found) == issued.printed  # type: ignore[attr-defined]


def test_a_reprint_under_another_price_list_is_refused(reg: Register, monkeypatch: pytest.MonkeyPatch) -> None:
    issued = issue(reg)
    from sonpo.catalog import load_catalog
    from sonpo.register import store

    changed = load_catalog().model_copy(update={"effective_date": dt.date(2027, 4, 1)})
    monkeypatch.setattr(store, "load_catalog", lambda: changed)
    with pytest.raises(RegisterError) as e:
        reg.pdf(issued)  # type: ignore[arg-type]
    assert e.value.code == "catalog_changed"
    assert "2024-04-01" in e.value.message("ja") and "2027-04-01" in e.value.message("ja")


def test_a_reprint_that_would_differ_is_refused(reg: Register) -> None:
    issued = issue(reg)
    tampered = dataclasses.replace(issued, pdf_sha256="0" * 64)  # type: ignore[type-var]
    with pytest.raises(RegisterError) as e:
        reg.pdf(tampered)
    assert e.value.code == "reprint_differs"


# ---- searching ----------------------------------------------------------------------------


def test_search_by_each_criterion(reg: Register) -> None:
    issue(reg, COMMON_10.replace(addressee="ＡＢＣ保険サービス"), RYO, dt.date(2026, 11, 2))  # Q2026-00001
    issue(reg, Case(plan="hybrid", ids=5, addressee="みなと代理店"), HANAKO, dt.date(2026, 11, 20))  # 00002
    issue(reg, COMMON_10.replace(addressee="abc損保"), HANAKO, dt.date(2026, 12, 1))  # 00003

    def numbers(q: Query) -> list[str]:
        return [i.number for i in reg.search(q)[0]]

    assert numbers(Query()) == ["Q2026-00003", "Q2026-00002", "Q2026-00001"]  # newest first
    assert numbers(Query(addressee="abc")) == ["Q2026-00003", "Q2026-00001"]  # full-width ＡＢＣ matches too
    assert numbers(Query(number="q2026-0000")) == ["Q2026-00003", "Q2026-00002", "Q2026-00001"]
    assert numbers(Query(number="00002")) == ["Q2026-00002"]
    assert numbers(Query(date_from=dt.date(2026, 11, 20), date_to=dt.date(2026, 11, 30))) == ["Q2026-00002"]
    assert numbers(Query(plan="hybrid")) == ["Q2026-00002"]
    assert numbers(Query(issuer="花子")) == ["Q2026-00003", "Q2026-00002"]
    assert numbers(Query(issuer="サンプル販売")) == ["Q2026-00003", "Q2026-00002"]
    assert numbers(Query(addressee="%")) == []  # a wildcard is a character like any other
    page, count = reg.search(Query(), limit=2, offset=2)
    assert count == 3 and [i.number for i in page] == ["Q2026-00001"]


# ---- export -------------------------------------------------------------------------------


def test_the_export_opens_in_excel_and_is_recorded(reg: Register) -> None:
    issue(reg, COMMON_10.replace(addressee="=HYPERLINK(\"http://x\")"))
    issue(reg, Case(plan="hybrid", ids=5, addressee="みなと代理店"), HANAKO)
    data = reg.export_csv(Query(plan="common"), by="yamada@example.jp", encoding="utf-8-sig")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:5] == ["見積番号", "版", "発行日", "有効期限", "宛名"]
    assert rows[1][:5] == ["Q2026-00001", "1", "2026-12-07", "2027-01-06", "'=HYPERLINK(\"http://x\") 御中"]
    assert len(rows) == 2
    cp932 = reg.export_csv(Query(), by="sato@example.jp", encoding="cp932")
    assert "みなと代理店 御中" in cp932.decode("cp932")
    log = reg.exports()
    assert [(e.by, e.rows, e.encoding) for e in log] == [("sato@example.jp", 2, "cp932"),
                                                         ("yamada@example.jp", 1, "utf-8-sig")]
    assert log[1].query == {"plan": "common"}


def test_a_name_cp932_cannot_hold_is_named_and_nothing_is_recorded(reg: Register) -> None:
    issue(reg, COMMON_10.replace(addressee="ハート♥保険"))
    with pytest.raises(RegisterError) as e:
        reg.export_csv(Query(), by="x", encoding="cp932")
    assert e.value.code == "unencodable" and "Q2026-00001" in e.value.message("ja") and "U+2665" in str(e.value)
    assert reg.exports() == []


# ---- profiles ------------------------------------------------------------------------------


def test_each_staff_member_has_their_own_issuer_profile(reg: Register) -> None:
    assert reg.profile("yamada@example.jp") is None
    reg.save_profile("Yamada@Example.jp", RYO)
    reg.save_profile("sato@example.jp", HANAKO)
    assert reg.profile("yamada@example.jp") == RYO
    reg.save_profile("yamada@example.jp", RYO.overridden(phone="03-9999-0000"))
    assert reg.profile("YAMADA@example.jp") == RYO.overridden(phone="03-9999-0000")
    assert reg.profile("sato@example.jp") == HANAKO


# ---- privacy -------------------------------------------------------------------------------


def test_no_customer_name_reaches_the_logs(url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy")  # as a server logging SQL would (SQLAlchemy's default: WARN)
    reg = Register.open(url)
    try:
        issue(reg, COMMON_10.replace(addressee="秘密の保険代理店"))
        reg.search(Query(addressee="秘密"))
        reg.export_csv(Query(), by="x", encoding="utf-8-sig")
    finally:
        reg.close()
    assert any(r.name.startswith("sqlalchemy.engine") and "INSERT INTO quotations" in r.getMessage()
               for r in caplog.records)  # the engine did log its statements
    assert "秘密" not in caplog.text


# ---- twenty processes at once --------------------------------------------------------------


@pytest.mark.slow
def test_twenty_processes_issuing_at_once_get_twenty_consecutive_numbers(url: str, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # no register yet: the processes create it as they start (one migrates, the others wait and find it done)
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Barrier(20)
    procs = [ctx.Process(target=issue_one, args=(url, str(tmp_path), ready)) for _ in range(20)]
    # A spawned process imports its parent's main module first (here pytest's); the worker needs none of it.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    for p in procs:
        p.start()
    monkeypatch.undo()
    deadline = time.monotonic() + 300  # twenty interpreters loading the app at once, on a shared machine
    for p in procs:
        p.join(max(0.0, deadline - time.monotonic()))
    for p in procs:
        if p.is_alive():
            p.kill()
            p.join()
    assert [p.exitcode for p in procs] == [0] * 20
    expected = [f"Q2026-{n:05d}" for n in range(1, 21)]
    assert sorted(p.stem for p in tmp_path.glob("Q*.pdf")) == expected
    reg = Register.open(url)
    try:
        listed, count = reg.search(Query())
        assert count == 20 and sorted(i.number for i in listed) == expected
        assert {i.addressee for i in listed} == {COMMON_10.addressee}
        for number in expected:
            found = reg.find(number)
            assert found is not None and reg.pdf(found) == (tmp_path / f"{number}.pdf").read_bytes()
    finally:
        reg.close()


# ---- migrations -------------------------------------------------------------------------------


def test_a_register_made_by_the_first_schema_upgrades_without_losing_a_row(url: str) -> None:
    from sqlalchemy import create_engine, inspect, text

    from sonpo.register.store import downgrade, upgrade

    engine = create_engine(url)
    upgrade(engine, "0001")
    assert "exports" not in inspect(engine).get_table_names()
    amounts = {f"{t}_{p}": 1 for t in ("monthly", "one_time", "total") for p in ("excl", "tax", "incl")}
    with engine.begin() as conn:
        for n in (1, 2):
            conn.execute(text(
                "INSERT INTO quotations (number, revision, latest, issued, valid_days, addressee, addressee_key, "
                "honorific, issuer, case_query, lang, plan, months, " + ", ".join(amounts) + ", effective_date, "
                "issued_by, pdf_sha256, created_at) VALUES (:number, 1, :latest, :issued, 30, :a, :a, 'onchu', "
                ":issuer, :query, 'ja', 'common', 12, " + ", ".join(f":{k}" for k in amounts) + ", :eff, 'me', "
                ":sha, :created)"),
                {"number": f"Q2026-{n:05d}", "latest": True, "issued": dt.date(2026, 12, n), "a": f"代理店{n}",
                 "issuer": json.dumps({"company": "株式会社サンプル", "person": f"担当{n}"}),
                 "query": json.dumps({"ids": "10", "addressee": f"代理店{n}"}), **amounts,
                 "eff": dt.date(2024, 4, 1), "sha": "0" * 64, "created": dt.datetime(2026, 12, n)})
        conn.execute(text("INSERT INTO counters (name, value) VALUES ('Q:2026', 2)"))
    engine.dispose()
    reg = Register.open(url)  # upgrades to the newest schema
    try:
        assert [i.number for i in reg.search(Query())[0]] == ["Q2026-00002", "Q2026-00001"]
        assert [i.number for i in reg.search(Query(issuer="担当1"))[0]] == ["Q2026-00001"]  # filled in by 0002
        assert issue(reg).number == "Q2026-00003"  # type: ignore[attr-defined]
        reg.save_profile("me@example.jp", RYO)
    finally:
        reg.close()
    engine = create_engine(url)
    downgrade(engine, "0001")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM quotations")).scalar_one() == 3
    assert "issuer_profiles" not in inspect(engine).get_table_names()
    downgrade(engine, "base")
    assert not {"quotations", "counters"} & set(inspect(engine).get_table_names())
    engine.dispose()


def test_the_default_register_is_a_wal_sqlite_file_where_the_environment_says(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "sub" / "reg.sqlite3"
    monkeypatch.delenv("SONPO_REGISTER_URL", raising=False)
    monkeypatch.setenv("SONPO_REGISTER_PATH", str(path))
    monkeypatch.setenv("SONPO_QUOTE_PREFIX", "見")
    reg = Register.open()
    try:
        assert issue(reg).number == "見2026-00001"  # type: ignore[attr-defined]
    finally:
        reg.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_the_register_knows_its_newest_migration() -> None:
    from alembic.script import ScriptDirectory

    from sonpo.register.store import HEAD, alembic_config

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD


def test_a_register_file_whose_folder_cannot_be_made_is_said_so_in_japanese(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("")  # a file where the register's folder should be
    with pytest.raises(RegisterError) as refused:
        Register.open(f"sqlite:///{tmp_path / 'not-a-folder' / 'register.sqlite3'}")
    assert refused.value.message("ja").startswith("見積台帳のデータベースに接続できません（")
