"""Streamlit's AppTest (1.67) scans the metadata of every installed package for custom components once per
AppTest, that is once per test here: about 0.33 of the 0.39 s a test spends opening the app. The installed
packages do not change during a test session, so the page tests scan once per process."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.components.v2 import manifest_scanner

from sonpo.register import Register
from ui import staff


@pytest.fixture(autouse=True, scope="session")
def _scan_components_once() -> Iterator[None]:
    original = manifest_scanner.scan_component_manifests
    manifest_scanner.scan_component_manifests = functools.cache(original)
    yield
    manifest_scanner.scan_component_manifests = original


@pytest.fixture
def register(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Register]:
    """An empty register of its own (a SQLite file), the one the app opens."""
    url = f"sqlite:///{tmp_path / 'register.sqlite3'}"
    monkeypatch.setenv("SONPO_REGISTER_URL", url)
    staff.register.clear()
    reg = Register.open(url)
    yield reg
    reg.close()
    staff.register.clear()
