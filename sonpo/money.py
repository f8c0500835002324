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
        tax = excl_tax * tax_rate_percent // 100
        return cls(excl_tax, tax, excl_tax + tax)

    def as_json(self) -> dict[str, int]:
        return asdict(self)


def tax_included(unit_excl: int, tax_rate_percent: int) -> int:
    """A unit price with tax, as the brochure prints it (税込)."""
    return unit_excl + unit_excl * tax_rate_percent // 100


def yen(amount: int, lang: Lang = "ja") -> str:
    """1650 → '1,650円' in Japanese, '¥1,650' in English."""
    return f"{amount:,}円" if lang == "ja" else f"¥{amount:,}"
