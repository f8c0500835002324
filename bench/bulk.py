"""Time `python -m sonpo bulk` on 10,000 and 100,000 generated rows (process start included), as rows/s.

Rows are random agencies (every plan, options, a few refused rows, Japanese names), so nearly every
row asks for something different and the engine's reuse of identical quotes barely helps: close to
the worst case. Usage: .venv/bin/python bench/bulk.py [ROWS ...]
"""

from __future__ import annotations

import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
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


def time_cli(path: Path, out: Path, repeat: int = 3) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of whole `python -m sonpo bulk` runs (CPU time shows the
    cost without the noise of other work on a shared machine)."""
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "sonpo", "bulk", str(path), "-o", str(out)], cwd=ROOT, check=True,
                       stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main(sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import sonpo.bulk"], cwd=ROOT, check=True)
        print(f"process start + import: {time.perf_counter() - start:.2f} s")
        for n in sizes:
            path = Path(tmp) / f"in-{n}.csv"
            path.write_bytes(make_rows(n).encode("utf-8-sig"))
            out = Path(tmp) / f"out-{n}.csv"
            wall, cpu = time_cli(path, out, repeat=3 if n <= 10_000 else 1)
            rows = out.read_bytes().count(b"\r\n") - 1
            assert rows == n, (rows, n)
            print(f"bulk {n:>7,} rows: {wall:6.2f} s wall ({cpu:.2f} s CPU)  {n / wall:>9,.0f} rows/s"
                  "  (python -m sonpo bulk, process start included)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
