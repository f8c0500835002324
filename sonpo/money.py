"""Integer-yen amounts with consumption tax, and how they are written."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from sonpo.i18n import Lang


class Amount(BaseModel):
    """One total: excluding tax, the tax on it (rounded down to the yen), including tax."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    excl_tax: int
    tax: int
    incl_tax: int

    @classmethod
    def of(cls, excl_tax: int, tax_rate_percent: int) -> Amount:
        tax = excl_tax * tax_rate_percent // 100
        return cls(excl_tax=excl_tax, tax=tax, incl_tax=excl_tax + tax)


def tax_included(unit_excl: int, tax_rate_percent: int) -> int:
    """A unit price with tax, as the brochure prints it (税込)."""
    return Amount.of(unit_excl, tax_rate_percent).incl_tax


def yen(amount: int, lang: Lang = "ja") -> str:
    """1650 → '1,650円' in Japanese, '¥1,650' in English."""
    return f"{amount:,}円" if lang == "ja" else f"¥{amount:,}"
