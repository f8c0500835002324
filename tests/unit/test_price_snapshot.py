"""The command line's price list kept between processes (sonpo.pricing.command_price_list): a command after
the first starts without pydantic, and the prices are always those of the catalog file as it is now.

Each test runs the command line on a copy of the code and data (so the catalog can be edited) with its
own cache folder. Prices from the brochure: 1,500円 per ID a month on the common plan, 3,000円 once."""

from __future__ import annotations

import csv
import io
import marshal
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sonpo import pricing
from sonpo.catalog import load_catalog
from sonpo.i18n import t
from sonpo.pricing import _from_plain, _plain, command_price_list, flatten, price_list

ROOT = Path(__file__).resolve().parents[2]
ROWS = "agency,plan,ids\nA,common,10\n"
# runs `python -m sonpo ARGS`, then says on stderr whether pydantic was imported
PROBE = """
import runpy, sys
sys.argv = ["sonpo", *sys.argv[1:]]
try:
    runpy.run_module("sonpo", run_name="__main__")
finally:
    print("pydantic imported:", "pydantic" in sys.modules, file=sys.stderr)
"""


@pytest.fixture
def app(tmp_path: Path) -> Path:
    """A copy of the code and the data, with a one-row bulk file in it."""
    copy = tmp_path / "app"
    for part in ("sonpo", "data"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "rows.csv").write_text(ROWS, encoding="utf-8")
    return copy


Run = tuple[subprocess.CompletedProcess[str], dict[str, str] | None]


def bulk(app: Path, cache: Path | str, **env_vars: str) -> Run:
    """The command line's bulk run on rows.csv: the process, and the result row (None when it failed)."""
    env = {**os.environ, "PYTHONPATH": str(app), "XDG_CACHE_HOME": str(cache), "PYTHONDONTWRITEBYTECODE": "1",
           **env_vars}
    out = app / "out.csv"
    out.unlink(missing_ok=True)
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, "bulk", "rows.csv", "-o", "out.csv", "--lang", "en"],
        cwd=app, env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    if not out.exists():
        return proc, None
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1
    return proc, rows[0]


def set_common_price(data: Path, yen: int) -> None:
    """The common plan's monthly price per ID edited in data/catalog.toml (its plan comes first)."""
    catalog = data / "catalog.toml"
    old = catalog.read_text(encoding="utf-8")
    text, n = re.subn(r"monthly_per_id = -?\d+", f"monthly_per_id = {yen}", old, count=1)
    assert n == 1 and text.index("[plans.common]") < text.index(f"monthly_per_id = {yen}")
    catalog.write_text(text, encoding="utf-8")


def monthly(row: dict[str, str] | None) -> int:
    assert row is not None
    return int(row[t("bulk.result.monthly_excl", "en")])


def initial(row: dict[str, str] | None) -> int:
    assert row is not None
    return int(row[t("bulk.result.initial_excl", "en")])


def test_the_second_command_starts_without_pydantic_and_prices_the_same(app: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, row = bulk(app, cache)
    assert first.returncode == 0, first.stderr
    assert "pydantic imported: True" in first.stderr  # the catalog validated
    assert (monthly(row), initial(row)) == (15_000, 3_000)
    assert len(list((cache / "sonpo").glob("price-list-*"))) == 1

    second, row = bulk(app, cache)
    assert second.returncode == 0, second.stderr
    assert "pydantic imported: False" in second.stderr
    assert (monthly(row), initial(row)) == (15_000, 3_000)


def test_a_price_edited_in_the_catalog_counts_at_once(app: Path, tmp_path: Path) -> None:
    """SPEC: a price change is a one-line data edit. The snapshot of the old catalog must not price the next run."""
    cache = tmp_path / "cache"
    assert monthly(bulk(app, cache)[1]) == 15_000
    set_common_price(app / "data", 1_600)

    proc, row = bulk(app, cache)
    assert proc.returncode == 0, proc.stderr
    assert "pydantic imported: True" in proc.stderr  # validated again
    assert monthly(row) == 16_000
    assert monthly(bulk(app, cache)[1]) == 16_000


def test_a_catalog_broken_after_a_good_run_is_refused_not_priced_from_the_snapshot(app: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert monthly(bulk(app, cache)[1]) == 15_000
    set_common_price(app / "data", -1_500)
    proc, row = bulk(app, cache)
    assert row is None
    assert proc.returncode == 1
    assert "catalog.toml" in proc.stderr and "monthly_per_id" in proc.stderr


def test_a_change_to_the_code_that_reads_the_catalog_counts_too(app: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    bulk(app, cache)
    pricing = app / "sonpo" / "pricing.py"
    pricing.write_text(pricing.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    proc, row = bulk(app, cache)
    assert "pydantic imported: True" in proc.stderr
    assert monthly(row) == 15_000


@pytest.mark.parametrize(
    "damage", [b"", b"not marshal data", marshal.dumps({"plans": {}}), marshal.dumps({"plans": []}), marshal.dumps(7)]
)
def test_a_damaged_snapshot_is_made_again(app: Path, tmp_path: Path, damage: bytes) -> None:
    cache = tmp_path / "cache"
    bulk(app, cache)
    (snapshot,) = (cache / "sonpo").glob("price-list-*")
    snapshot.write_bytes(damage)
    proc, row = bulk(app, cache)
    assert proc.returncode == 0, proc.stderr
    assert (monthly(row), initial(row)) == (15_000, 3_000)
    assert "pydantic imported: False" in bulk(app, cache)[0].stderr  # written anew


def test_a_snapshot_changed_by_a_single_byte_is_not_trusted(app: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    bulk(app, cache)
    (snapshot,) = (cache / "sonpo").glob("price-list-*")
    saved = snapshot.read_bytes()
    yen_1500 = (1500).to_bytes(4, "little")  # how marshal writes the common plan's 1,500円 (after its type byte)
    assert yen_1500 in saved
    snapshot.write_bytes(saved.replace(yen_1500, (1400).to_bytes(4, "little"), 1))  # still a readable snapshot
    proc, row = bulk(app, cache)
    assert "pydantic imported: True" in proc.stderr  # validated again
    assert monthly(row) == 15_000


def test_a_refused_file_is_named_before_a_broken_catalog(app: Path, tmp_path: Path) -> None:
    """As before the snapshot: the file is checked first (exit 2), the catalog when there is something to price."""
    set_common_price(app / "data", -1_500)
    (app / "rows.csv").write_bytes(b"PK\x03\x04\x00\x00 not a csv")
    proc, row = bulk(app, tmp_path / "cache")
    assert row is None
    assert proc.returncode == 2, proc.stderr
    assert "catalog.toml" not in proc.stderr


def test_a_snapshot_is_not_written_when_the_code_changed_while_the_command_ran(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A command that waited for its input while the code was updated: its price list is the old code's, so it
    must not be saved under the new code's name (the next command would trust it)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(pricing, "_CODE", b"the code as it was when this process started")
    assert command_price_list().plans["common"].monthly_per_id == 1_500
    assert not (tmp_path / "cache" / "sonpo").exists() or not list((tmp_path / "cache" / "sonpo").iterdir())


def test_an_interrupted_write_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(pricing.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        command_price_list()
    assert list((tmp_path / "cache" / "sonpo").iterdir()) == []


def test_no_cache_folder_only_means_validating_every_time(app: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    for _ in range(2):
        proc, row = bulk(app, blocked)
        assert proc.returncode == 0, proc.stderr
        assert "pydantic imported: True" in proc.stderr
        assert monthly(row) == 15_000


def test_two_checkouts_with_different_catalogs_keep_their_own_snapshots(app: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(app, other)
    set_common_price(other / "data", 1_600)
    cache = tmp_path / "cache"
    bulk(app, cache), bulk(other, cache)
    for copy, price in ((app, 15_000), (other, 16_000), (app, 15_000)):
        proc, row = bulk(copy, cache)
        assert "pydantic imported: False" in proc.stderr
        assert monthly(row) == price


def test_a_relative_cache_folder_is_ignored_for_the_home_folders(app: Path, tmp_path: Path) -> None:
    """XDG: a relative $XDG_CACHE_HOME is ignored; nothing is written where the command happens to run."""
    home = tmp_path / "home"
    proc, row = bulk(app, "cache", HOME=str(home))
    assert proc.returncode == 0, proc.stderr
    assert monthly(row) == 15_000
    assert not (app / "cache").exists()
    assert len(list((home / ".cache" / "sonpo").glob("price-list-*.marshal"))) == 1


def test_the_command_prices_the_file_as_it_is_not_as_this_process_first_read_it(tmp_path: Path) -> None:
    """A long-lived process keeps the catalog it loaded; a command's price list (and the snapshot named by the
    file's bytes) always comes from the bytes it read itself."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    assert price_list(load_catalog(data)).plans["common"].monthly_per_id == 1_500
    set_common_price(data, 1_600)
    assert command_price_list(data).plans["common"].monthly_per_id == 1_600
    assert command_price_list(data).plans["common"].monthly_per_id == 1_600  # from the snapshot just written


def test_the_cache_folder_keeps_the_newest_sixteen_snapshots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    for yen in range(1_501, 1_521):  # twenty price changes
        set_common_price(data, yen)
        assert command_price_list(data).plans["common"].monthly_per_id == yen
    kept = list((tmp_path / "cache" / "sonpo").iterdir())
    assert len(kept) == 16 and all(p.suffix == ".marshal" for p in kept)  # no temporary file left either


def test_every_page_of_a_process_prices_from_the_catalog_it_loaded() -> None:
    assert price_list() is price_list(load_catalog())


def test_the_snapshot_holds_every_price_and_rule_of_the_catalog() -> None:
    made = flatten(load_catalog())
    again = _from_plain(marshal.loads(marshal.dumps(_plain(made))))
    assert again == made
    assert {f: type(getattr(again, f)) for f in again.__slots__} == {f: type(getattr(made, f)) for f in made.__slots__}
