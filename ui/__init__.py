"""The Streamlit shell's shared pieces: language, tax display, formatting, errors; the case is ui.case."""

from ui.core import (
    field_error,
    labels,
    lang,
    md,
    money,
    money_pair,
    tax_mode,
    tr,
    when,
    yen_text,
)

__all__ = [
    "field_error",
    "labels",
    "lang",
    "md",
    "money",
    "money_pair",
    "tax_mode",
    "tr",
    "when",
    "yen_text",
]
