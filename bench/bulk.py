"""Time `python -m sonpo bulk` as start-up (a one-row file) plus the rows alone (100,000 generated rows
minus the one-row run), the rows against a plain csv read + write of the same rows in the same run.

Rows are random agencies (every plan, options, a few refused rows, Japanese names), so nearly every
row asks for something different and the engine's reuse of identical quotes barely helps: close to
the worst case. Usage: .venv/bin/python bench/bulk.py [ROWS ...] (default 100000)
"""

from __future__ import annotations

import compileall
import json
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


def best(runs: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    """The fastest wall and CPU seconds of a few runs, and the largest peak memory."""
    return min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)


def main(sizes: list[int]) -> int:
    """Start-up: `python -m sonpo bulk` on a one-row file (target ≤ 0.35 s). Rows alone: each size's run
    minus the one-row run, as a ratio to a plain csv read + write of the same rows minus its own one-row
    run (target ≤ 4×). All four take turns in the same loop (a shared machine slows them alike), best of
    RUNS each. Prints the figures; it does not judge them."""
    # sonpo as bytecode, as Python keeps it after a first run on any machine; this one sets
    # PYTHONDONTWRITEBYTECODE, which would have every run compile it again (the csv module is compiled)
    compileall.compile_dir(ROOT / "sonpo", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:

        def bulk(path: Path) -> list[str]:
            return [sys.executable, "-m", "sonpo", "bulk", str(path), "-o", str(Path(tmp) / "out.csv")]

        def plain(path: Path) -> list[str]:
            return [sys.executable, "-c", PLAIN, str(path), str(Path(tmp) / "plain.csv")]

        one = Path(tmp) / "in-1.csv"
        one.write_bytes(make_rows(1).encode("utf-8-sig"))
        for n in sizes:
            path = Path(tmp) / f"in-{n}.csv"
            path.write_bytes(make_rows(n).encode("utf-8-sig"))
            runs: dict[str, list[tuple[float, float, int]]] = {"b1": [], "p1": [], "bn": [], "pn": []}
            for _ in range(RUNS):
                runs["p1"].append(run_child(plain(one)))
                runs["b1"].append(run_child(bulk(one)))
                runs["pn"].append(run_child(plain(path)))
                runs["bn"].append(run_child(bulk(path)))
            rows = (Path(tmp) / "out.csv").read_bytes().count(b"\r\n") - 1
            if rows != n:
                raise SystemExit(f"the bulk command wrote {rows:,} rows, not {n:,}")
            (b1, b1_cpu, b1_rss), (p1, p1_cpu, _) = best(runs["b1"]), best(runs["p1"])
            (bn, bn_cpu, bn_rss), (pn, pn_cpu, _) = best(runs["bn"]), best(runs["pn"])
            size = path.stat().st_size
            print(f"start-up (one row): {b1:.2f} s wall, {b1_cpu:.2f} s CPU (target ≤ 0.35 s); "
                  f"plain csv {p1:.2f} s; peak memory {b1_rss / 1e6:.0f} MB")
            print(f"{n:,} rows ({size / 1e6:.1f} MB): {bn:.2f} s wall, {bn_cpu:.2f} s CPU; plain csv read+write "
                  f"{pn:.2f} s wall, {pn_cpu:.2f} s CPU; peak memory {bn_rss / 1e6:.0f} MB "
                  f"({(bn_rss - b1_rss) / size:.1f}× the input above the one-row run)")
            print(f"rows alone: {bn - b1:.2f} s against plain {pn - p1:.2f} s = {(bn - b1) / (pn - p1):.2f}× "
                  f"(CPU {(bn_cpu - b1_cpu) / (pn_cpu - p1_cpu):.2f}×; target ≤ 4×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main([int(a) for a in sys.argv[1:]] or [100_000]))
