"""Bulk quotes from a CSV (issue 4): being built."""

from __future__ import annotations

import argparse


def run_cli(args: argparse.Namespace) -> str | bytes:
    raise NotImplementedError("bulk quotes are not built yet")
