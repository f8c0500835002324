"""Who issues the documents and whom the customer contacts next (docs/rules.md §9): data, never invented."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from sonpo.catalog import _load
from sonpo.i18n import Lang, t
from sonpo.names import DATA_DIR, ISSUER_FIELDS
from sonpo.printable import check_printable

# One line of plain text: control characters (a line break included) are refused, not printed.
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")]



class Issuer(BaseModel):
    """The deploying company's contact (発行元). Every field may be empty: an empty one is left out."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    company: Text = ""
    department: Text = ""
    person: Text = ""
    phone: Text = ""
    email: Text = ""

    def model_post_init(self, context: Any, /) -> None:
        for name in ISSUER_FIELDS:  # printed on the documents: the same rule as the 宛名 (DomainError)
            check_printable(f"issuer_{name}", getattr(self, name))

    @property
    def has_contact(self) -> bool:
        return any(getattr(self, f) for f in ISSUER_FIELDS)

    def lines(self, lang: Lang = "ja") -> list[str]:
        """The filled-in fields as labelled lines ('TEL: 03-…'); company and person as they are."""
        out: list[str] = []
        for name in ISSUER_FIELDS:
            value: str = getattr(self, name)
            if value:
                out.append(t(f"issuer.line.{name}", lang, value=value))
        return out

    def contact_text(self, lang: Lang = "ja") -> str:
        """One sentence saying whom to contact: the filled-in fields, or the sales representative."""
        if not self.has_contact:
            return t("issuer.no_contact", lang)
        sep = "、" if lang == "ja" else ", "
        return t("issuer.contact", lang, contact=sep.join(self.lines(lang)))

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
