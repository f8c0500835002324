"""One cache folder per test session: the price-list snapshot (sonpo.pricing) that the command lines and servers
the tests start write is never the user's, and every session starts without one."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_CACHE = tempfile.mkdtemp(prefix="sonpo-test-cache-")


def pytest_configure(config: pytest.Config) -> None:
    os.environ["XDG_CACHE_HOME"] = _CACHE  # inherited by every process a test starts


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)
