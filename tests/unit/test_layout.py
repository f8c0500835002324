"""The house's layout holds: the core imports no adapter, and each feature package offers what it names."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = ("sonpo.case", "sonpo.catalog", "sonpo.pricing", "sonpo.quote", "sonpo.flow", "sonpo.compare",
        "sonpo.options", "sonpo.timeline", "sonpo.duties")
# (the stdlib csv module is not among them: the holidays package loads it)
ADAPTERS = ("reportlab", "icalendar", "streamlit", "altair", "sqlalchemy", "alembic", "sonpo.documents", "sonpo.bulk",
            "sonpo.cli", "sonpo.register")


def _loaded_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize("module", CORE)
def test_the_core_loads_no_adapter(module: str) -> None:
    loaded = _loaded_after_import(module)
    assert not {m for m in loaded for a in ADAPTERS if m == a or m.startswith(a + ".")}


@pytest.mark.parametrize("package", ["sonpo.bulk", "sonpo.cli", "sonpo.documents", "sonpo.register", "sonpo.timeline"])
def test_each_package_offers_exactly_what_it_names(package: str) -> None:
    mod = importlib.import_module(package)
    offered = {n for n, v in vars(mod).items() if not n.startswith("_") and not isinstance(v, type(sys))}
    assert set(mod.__all__) == offered


def test_no_module_family_shows_only_as_a_name_prefix() -> None:
    stems = [p.stem for p in (ROOT / "sonpo").glob("*.py") if p.stem not in ("__init__", "__main__")]
    prefixes = {s.split("_")[0] for s in stems if "_" in s}
    assert not {p for p in prefixes if sum(s == p or s.startswith(p + "_") for s in stems) > 1}
