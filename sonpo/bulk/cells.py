"""Reading the cells of one bulk-quote row into plain values, with sonpo.parse (the parser the command
line and links use too). A cell that cannot be read gives its error and a neutral stand-in value, so
that the rest of the row is still checked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sonpo.errors import DomainError
from sonpo.parse import PER_ID_ALL, key, parse_bool, parse_domain, parse_int, parse_plan

HUGE = 10**9  # stands in for an unreadable ID count: no per-ID rule fires against it


def _ids(text: str) -> int:
    if not text.strip():
        raise DomainError("required", "ids")
    return parse_int("ids", text)


def _domains(text: str) -> int | None:
    return parse_int("domains", text) if text.strip() else None


def _domain(text: str) -> str | None:
    return parse_domain("domain", text) if text.strip() else None


def _per_id(field: str) -> Callable[[str], int | None]:
    """A per-ID option's count; None for 'all' (every ID of the contract)."""

    def parse(text: str) -> int | None:
        return None if key(text) in PER_ID_ALL else parse_int(field, text, default=0)

    return parse


# column id → (parse, the neutral value used when the cell cannot be read), in the row's field order
PARSERS: dict[str, tuple[Callable[[str], object], object]] = {
    "plan": (lambda v: parse_plan("plan", v), None),
    "ids": (_ids, HUGE),
    "domain": (_domain, None),
    "domains": (_domains, None),
    "msb_licences": (lambda v: parse_int("msb_licences", v, default=0), 0),
    "mail_archive_ids": (_per_id("mail_archive_ids"), 0),
    "iijid_ids": (_per_id("iijid_ids"), 0),
    "dns_zone_support": (lambda v: parse_bool("dns_zone_support", v), False),
    "months": (lambda v: parse_int("months", v, default=12), 12),
}
FIELDS = tuple(PARSERS)


class CellReader:
    """Reads one column's cells, each distinct text once: a file repeats the same few values.

    `seen` maps a readable text to its value (the pricer looks it up directly, in one C call for a
    whole row); a text that cannot be read is kept with its error in `refused`."""

    def __init__(self, column: str) -> None:
        self._parse, self._neutral = PARSERS[column]
        self.seen: dict[str, Any] = {}
        self.refused: dict[str, DomainError] = {}

    def read(self, text: str) -> tuple[Any, DomainError | None]:
        """The cell's value and None, or the neutral stand-in value and the error."""
        if text in self.seen:
            return self.seen[text], None
        error = self.refused.get(text)
        if error is None:
            try:
                value = self._parse(text)
            except DomainError as e:
                error = e.with_traceback(None)  # kept without its frames (no reference cycle)
            if len(self.seen) + len(self.refused) > 100_000:  # names and free text are not parsed; a guard
                self.seen.clear()
                self.refused.clear()
            if error is None:
                self.seen[text] = value
                return value, None
            self.refused[text] = error
        return self._neutral, error
