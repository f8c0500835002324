"""Integer-yen amounts with consumption tax, and how they are written."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sonpo.i18n import Lang


@dataclass(frozen=True, slots=True)
class Amount:
    """One total: excluding tax, the tax on it (rounded down to the yen), including tax."""

    excl_tax: int
    tax: int
    incl_tax: int

    @classmethod
    def of(cls, excl_tax: int, tax_rate_percent: int) -> Amount:
        incl = tax_included(excl_tax, tax_rate_percent)
        return cls(excl_tax, incl - excl_tax, incl)

    def as_json(self) -> dict[str, int]:
        return asdict(self)


def tax_included(excl: int, tax_rate_percent: int) -> int:
    """An amount with tax, the tax rounded down to the yen: a unit price as the brochure prints it (税込), or a
    total (tax is computed once per total, never per line: docs/rules.md §3)."""
    return excl + excl * tax_rate_percent // 100


def over_months(initial: int, monthly: int, months: int) -> int:
    """The cost over `months`: the one-time fees and that many monthly fees (no pro-rating: the brochure is
    silent on it). Excluding tax, or including it with each month's tax as billed."""
    return initial + months * monthly


def yen(amount: int, lang: Lang = "ja") -> str:
    """1650 → '1,650円' in Japanese, '¥1,650' in English."""
    return f"{amount:,}円" if lang == "ja" else f"¥{amount:,}"
