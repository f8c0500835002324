"""見積番号: a format with a prefix, the issue year and a sequence (docs/rules.md §11)."""

from __future__ import annotations

import datetime as dt
import os
import re
import string
from dataclasses import dataclass

from sonpo.errors import DomainError
from sonpo.printable import check_printable
from sonpo.register.model import RegisterError

DEFAULT_FORMAT = "{prefix}{year}-{seq:05d}"
DEFAULT_PREFIX = "Q"
_FIELDS = {"prefix", "year", "seq"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Numbering:
    """How numbers are written. With `{year}` in the format the sequence starts again at 1 each year (its
    counter is the prefix and the year); without it, one sequence for ever."""

    format: str = DEFAULT_FORMAT
    prefix: str = DEFAULT_PREFIX

    def __post_init__(self) -> None:
        try:
            names = {f for _, f, _, _ in string.Formatter().parse(self.format) if f is not None}
            self.format.format(prefix=self.prefix, year=2026, seq=1)
        except (ValueError, KeyError, IndexError) as e:
            raise RegisterError("number_format", format=self.format, reason=str(e)) from None
        if "seq" not in names or not names <= _FIELDS:
            raise RegisterError("number_format", format=self.format, reason="{seq} and only {prefix} {year} {seq}")
        sample = self.number(dt.date(2026, 12, 31), 99_999)
        if len(sample) > 40 or _CONTROL.search(sample):
            raise RegisterError("number_format", format=self.format, reason=f"{sample!r}: one line, at most 40")
        try:
            check_printable("number", sample)  # printed on the 見積書
        except DomainError:
            raise RegisterError("number_format", format=self.format, reason=f"{sample!r}: the PDF font") from None

    @classmethod
    def from_env(cls, format: str | None = None, prefix: str | None = None) -> Numbering:
        """The given values, else SONPO_QUOTE_FORMAT and SONPO_QUOTE_PREFIX, else 'Q2026-00001'."""
        return cls(format or os.environ.get("SONPO_QUOTE_FORMAT") or DEFAULT_FORMAT,
                   prefix if prefix is not None else os.environ.get("SONPO_QUOTE_PREFIX", DEFAULT_PREFIX))

    def counter(self, issued: dt.date) -> str:
        """The counter a number issued that day is drawn from."""
        return f"{self.prefix}:{issued.year}" if "{year" in self.format else f"{self.prefix}:"

    def number(self, issued: dt.date, seq: int) -> str:
        return self.format.format(prefix=self.prefix, year=issued.year, seq=seq)
