"""What keeps `python -m sonpo bulk` near the I/O floor (issue 9): a lean import path, errors that make
their English text only when shown, and a fast writer whose file is byte for byte the plain one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sonpo.errors import DomainError, InvalidSelection

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
        "from sonpo.cli import main\n"
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
