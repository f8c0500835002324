"""What the register holds and returns: an issued quotation, a search, an export's record, and its errors."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from sonpo.case import Case
from sonpo.errors import DomainError
from sonpo.i18n import Lang, t
from sonpo.issuer import Issuer
from sonpo.money import Amount
from sonpo.names import Honorific, PlanId


class RegisterError(DomainError):
    """The register refused or could not do what was asked; the message is `register.error.<code>`."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, "register", **params)

    def message(self, lang: Lang = "ja") -> str:
        return t(f"register.error.{self.code}", lang, **self.params)

    def field_label(self, lang: Lang = "ja") -> str:
        return t("register.name", lang)


@dataclass(frozen=True)
class Issued:
    """One revision of a registered 見積書: what was printed on it, and what it was printed from."""

    number: str
    revision: int
    issued: dt.date
    valid_days: int
    addressee: str = field(repr=False)  # a customer's name: never in a log line
    honorific: Honorific
    issuer: Issuer
    query: dict[str, str] = field(repr=False)  # the case's link (Case.to_query): open it to see the case
    lang: Lang
    plan: PlanId
    months: int
    monthly: Amount
    one_time: Amount
    total: Amount  # one-time fees and `months` monthly fees, as the 見積書's N-month line
    effective_date: dt.date  # of the price list it was priced from
    issued_by: str
    pdf_sha256: str
    created_at: dt.datetime = field(compare=False)
    printed: bytes | None = field(default=None, compare=False, repr=False)  # the PDF, from issue and reissue only

    @property
    def valid_until(self) -> dt.date:
        return self.issued + dt.timedelta(days=self.valid_days)

    def as_json(self) -> dict[str, object]:
        """The record as plain JSON values (the command line's `register show --format json`)."""
        return {
            "number": self.number, "revision": self.revision, "issued": self.issued.isoformat(),
            "valid_until": self.valid_until.isoformat(), "valid_days": self.valid_days, "addressee": self.addressee,
            "honorific": self.honorific, "issuer": self.issuer.model_dump(), "query": self.query, "lang": self.lang,
            "plan": self.plan, "months": self.months, "monthly": self.monthly.as_json(),
            "one_time": self.one_time.as_json(), "total": self.total.as_json(),
            "effective_date": self.effective_date.isoformat(), "issued_by": self.issued_by,
            "pdf_sha256": self.pdf_sha256, "created_at": self.created_at.isoformat(),
        }

    @cached_property
    def case(self) -> Case:
        """The case as the link describes it (the same case that was issued: the link is exact)."""
        return Case.from_query(self.query)[0]


@dataclass(frozen=True)
class Query:
    """A search of the register; every criterion given must hold. Text matches ignore case and full/half width."""

    addressee: str = ""  # part of the 宛名
    number: str = ""  # part of the 見積番号 (its start, or any part)
    date_from: dt.date | None = None  # 発行日, inclusive
    date_to: dt.date | None = None
    plan: PlanId | None = None
    issuer: str = ""  # part of the issuer's company or person


@dataclass(frozen=True)
class ExportRecord:
    """One export of the list: who, when (UTC), how many rows, in which encoding, with which search."""

    by: str
    at: dt.datetime
    rows: int
    encoding: str
    query: dict[str, str]


def folded(text: str) -> str:
    """Text as the register compares it: NFKC (full-width letters and digits as half-width), case folded,
    spaces trimmed."""
    return unicodedata.normalize("NFKC", text).casefold().strip()
