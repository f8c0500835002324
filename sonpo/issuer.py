"""Who issues the documents and whom the customer contacts next (docs/rules.md §9): data, never invented."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from sonpo.catalog import _load
from sonpo.errors import DomainError
from sonpo.i18n import Lang, t
from sonpo.names import DATA_DIR, ISSUER_CONTACT_FIELDS, ISSUER_FIELDS
from sonpo.printable import check_printable

# One line of plain text: control characters (a line break included) are refused, not printed.
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")]

_REGISTRATION = re.compile(r"T([0-9])([0-9]{12})")
_SEPARATORS = re.compile(r"[\s\-‐‑–—−]")  # spaces and dashes people type between groups of digits


def check_digit(base: str) -> int:
    """The check digit of a 12-digit 基礎番号, as the National Tax Agency defines it for the corporate number (法人番号;
    財務省令「法人番号の指定等に関する省令」第2条): 9 − (Σ Pn × Qn mod 9), Pn the n-th digit counted from the
    right, Qn 1 for odd n and 2 for even n. It is the corporate number's first digit, 1 to 9."""
    total = sum(int(d) * (1 if n % 2 else 2) for n, d in enumerate(reversed(base), start=1))
    return 9 - total % 9


def registration_number(text: str) -> str:
    """An インボイス registration number (適格請求書発行事業者登録番号) as printed: 'T' and 13 digits, the first of
    them the check digit of the other twelve. Full-width characters, a lower-case t, spaces and dashes are
    accepted and normalised; anything else raises DomainError naming the issuer's field."""
    value = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text)).upper()
    found = _REGISTRATION.fullmatch(value)
    if found is None:
        raise DomainError("registration_number_format", "issuer_registration_number", value=text.strip())
    if int(found[1]) != check_digit(found[2]):
        raise DomainError("registration_number_check", "issuer_registration_number", value=value)
    return value



class Issuer(BaseModel):
    """The deploying company's contact (発行元). Every field may be empty: an empty one is left out."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    company: Text = ""
    department: Text = ""
    person: Text = ""
    phone: Text = ""
    email: Text = ""
    registration_number: Text = ""  # 'T' and 13 digits (適格請求書発行事業者登録番号), normalised; optional

    @field_validator("registration_number")
    @classmethod
    def _registration_number(cls, value: str) -> str:
        """After the text rules: normalised and its check digit verified (DomainError, like the font check)."""
        return registration_number(value) if value else value

    def model_post_init(self, context: Any, /) -> None:
        for name in ISSUER_FIELDS:  # printed on the documents: the same rule as the 宛名 (DomainError)
            check_printable(f"issuer_{name}", getattr(self, name))

    @property
    def has_contact(self) -> bool:
        return any(getattr(self, f) for f in ISSUER_CONTACT_FIELDS)

    def lines(self, lang: Lang = "ja", fields: tuple[str, ...] = ISSUER_FIELDS) -> list[str]:
        """The filled-in fields as labelled lines ('TEL: 03-…', '登録番号：T…'); company and person as they are."""
        out: list[str] = []
        for name in fields:
            value: str = getattr(self, name)
            if value:
                out.append(t(f"issuer.line.{name}", lang, value=value))
        return out

    def contact_text(self, lang: Lang = "ja") -> str:
        """One sentence saying whom to contact: the filled-in contact fields, or the sales representative."""
        if not self.has_contact:
            return t("issuer.no_contact", lang)
        sep = "、" if lang == "ja" else ", "
        return t("issuer.contact", lang, contact=sep.join(self.lines(lang, ISSUER_CONTACT_FIELDS)))

    def overridden(self, **values: str) -> Issuer:
        """The same issuer with a sales rep's values for this session (empty values keep the data's)."""
        kept = {k: v for k, v in values.items() if k in ISSUER_FIELDS and v and v.strip()}
        return Issuer.model_validate({**self.model_dump(), **kept})


class _IssuerFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    issuer: Issuer = Field(default_factory=Issuer)


@cache
def load_issuer(data_dir: Path = DATA_DIR) -> Issuer:
    return _load(_IssuerFile, data_dir / "issuer.toml").issuer
