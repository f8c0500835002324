"""Time `python -m sonpo bulk` on 10,000 and 100,000 generated rows against a plain csv read + write of the
same file in the same run (process start included in both), with peak memory.

Rows are random agencies (every plan, options, a few refused rows, Japanese names), so nearly every
row asks for something different and the engine's reuse of identical quotes barely helps: close to
the worst case. Usage: .venv/bin/python bench/bulk.py [ROWS ...]
"""

from __future__ import annotations

import compileall
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = (
    "代理店名,プラン,ID数,ドメイン,DNSホスティングドメイン数,マイセキュアビジネスライセンス数,"
    "メールアーカイブID数,IIJID認証ID数,DNSゾーン情報サポート,期間（か月）"
)
PLANS = ("共通ルールプラン", "個別ルールプラン", "ハイブリッドプラン", "common", "individual", "hybrid")


def make_rows(n: int, seed: int = 4) -> str:
    rnd = random.Random(seed)
    lines = [HEADER]
    for i in range(n):
        plan = rnd.choice(PLANS)
        if "個別" in plan or plan == "individual":
            ids = rnd.randint(1, 300)
            per_id = f"{rnd.randint(0, ids)},{rnd.randint(0, ids)}"
            domain, domains = rnd.choice((("独自ドメイン", "1"), ("sub", "")))
            dns = ""
        else:
            ids = rnd.randint(1, 50)
            per_id = ","
            domain, domains = ("", "") if "共通" in plan or plan == "common" else ("own", str(rnd.randint(1, 3)))
            dns = rnd.choice(("はい", "いいえ")) if domains else ""
        if rnd.random() < 0.05:  # a refused row now and then
            ids = rnd.choice((0, 999, -3))
        msb = rnd.randint(0, 250)
        months = rnd.choice(("", "12", "24", "36"))
        lines.append(f"代理店{i:06d}保険サービス,{plan},{ids},{domain},{domains},{msb},{per_id},{dns},{months}")
    return "\r\n".join(lines) + "\r\n"


PLAIN = """
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f, \\
        open(sys.argv[2], "w", newline="", encoding="utf-8-sig") as g:
    w = csv.writer(g, lineterminator="\\r\\n")
    for row in csv.reader(f):
        w.writerow(row)
"""


# Runs one command and prints its wall seconds, CPU seconds, peak memory and exit status. A small process of its
# own starts each command: a child's peak memory counts the memory of the process that started it (Python starts
# children with vfork), and this bench holds the generated rows.
RUNNER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - start
print(json.dumps([wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status)]))
"""


def run_child(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak resident memory (bytes) of one child process."""
    out = subprocess.run([sys.executable, "-c", RUNNER, *argv], cwd=ROOT, capture_output=True, text=True, check=True)
    wall, cpu, rss, status = json.loads(out.stdout)
    assert status == 0, argv
    return wall, cpu, rss


RUNS = 9  # runs of each, the best counting (this machine's speed varies by a fifth from run to run)


def main(sizes: list[int]) -> int:
    """Each size: `python -m sonpo bulk` and a plain csv read + write of the same file, taking turns
    (a shared machine slows both alike), best of a few runs each; the ratio is the target (≤ 4×)."""
    ok = True
    # sonpo as bytecode, as Python keeps it after a first run on any machine; this one sets
    # PYTHONDONTWRITEBYTECODE, which would have every run compile it again (the csv module is compiled)
    compileall.compile_dir(ROOT / "sonpo", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")  # no price-list snapshot yet (sonpo.pricing)
        tiny = Path(tmp) / "tiny.csv"
        tiny.write_bytes(make_rows(1).encode("utf-8-sig"))
        one_row = [sys.executable, "-m", "sonpo", "bulk", str(tiny), "-o", str(Path(tmp) / "t")]
        first = run_child(one_row)  # validates the catalog and writes the snapshot the later runs read
        starts = [run_child(one_row) for _ in range(RUNS)]
        plain_starts = [run_child([sys.executable, "-c", PLAIN, str(tiny), str(Path(tmp) / "p")]) for _ in range(RUNS)]
        start, plain_start = min(r[0] for r in starts), min(r[0] for r in plain_starts)
        base_rss = max(r[2] for r in starts)
        print(f"python -m sonpo bulk on one row: {start:.2f} s (plain csv {plain_start:.2f} s), peak memory "
              f"{base_rss / 1e6:.0f} MB (interpreter, imports, the price list's snapshot, texts read); "
              f"the very first run {first[0]:.2f} s, {first[2] / 1e6:.0f} MB (the catalog validated by pydantic)")
        for n in sizes:
            path = Path(tmp) / f"in-{n}.csv"
            path.write_bytes(make_rows(n).encode("utf-8-sig"))
            out, plain_out = Path(tmp) / f"out-{n}.csv", Path(tmp) / f"plain-{n}.csv"
            bulk_runs, plain_runs = [], []
            for _ in range(RUNS):
                plain_runs.append(run_child([sys.executable, "-c", PLAIN, str(path), str(plain_out)]))
                bulk_runs.append(run_child([sys.executable, "-m", "sonpo", "bulk", str(path), "-o", str(out)]))
            rows = out.read_bytes().count(b"\r\n") - 1
            assert rows == n, (rows, n)
            wall, cpu = min(r[0] for r in bulk_runs), min(r[1] for r in bulk_runs)
            p_wall, p_cpu = min(r[0] for r in plain_runs), min(r[1] for r in plain_runs)
            rss = max(r[2] for r in bulk_runs)
            size = path.stat().st_size
            ratio = wall / p_wall
            extra = (rss - base_rss) / size
            print(f"bulk {n:>7,} rows ({size / 1e6:.1f} MB): {wall:5.2f} s wall ({cpu:.2f} s CPU), "
                  f"plain csv read+write {p_wall:.2f} s ({p_cpu:.2f} s CPU): {ratio:.2f}× (target ≤ 4×, "
                  f"CPU {cpu / p_cpu:.2f}×); peak memory {rss / 1e6:.0f} MB, "
                  f"{extra:.1f}× the input above the one-row run (target ≤ 3×); the rows alone (each minus "
                  f"its one-row run) {(wall - start) / (p_wall - plain_start):.2f}×")
            ok = ok and ratio <= 4 and extra <= 3
    print("OK" if ok else "OUTSIDE TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main([int(a) for a in sys.argv[1:]] or [10_000, 100_000]))
