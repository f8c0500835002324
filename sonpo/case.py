"""The customer's case (案件, SPEC §8): everything the user tells the app, as one value with one link codec.

Every page is a view of the same case: the plan finder's answers, the chosen plan and options, the
support finder's answers, the order date, the months and the addressee. The link (query string) holds
language-independent values under the names SPEC §8 lists; old links keep their meaning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from sonpo.catalog import Catalog, _load, load_catalog, load_timeline
from sonpo.compare import DomainNeed, Needs
from sonpo.errors import DomainError
from sonpo.flow import NO_NEEDS, Recommendation, needs_answer, parse_needs_selection, plan_wizard, support_questions
from sonpo.names import DATA_DIR, CatalogError, DomainKind, PlanId
from sonpo.options import domain_for, option_states
from sonpo.parse import parse_bool, parse_date, parse_domain, parse_int, parse_plan
from sonpo.printable import unprintable
from sonpo.quote import Selection
from sonpo.timeline import ScheduleRequest

DEFAULT_IDS = 10
"""The ID count the estimate and the comparison show before the user has given one."""
MAX_IDS = 1_000_000  # a guard for links only: the plan limits are the catalog's, enforced by `check`

Count = Annotated[int, Field(strict=True, ge=0, le=MAX_IDS)]
Positive = Annotated[int, Field(strict=True, ge=1, le=MAX_IDS)]
# One line of plain text: a line break or other control character is refused, never printed.
Addressee = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")]


class Case(BaseModel):
    """One customer's case. None means "not answered yet" (finder questions) or "today" (order date)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # the plan finder's answers (SPEC §6)
    ids: Positive | None = None
    needs: tuple[str, ...] | None = None  # individual-only needs; () = none of them
    own_domain: bool | None = None
    admin_panel: bool | None = None
    # the plan and its options (SPEC §3)
    plan: PlanId = "common"
    domain: DomainKind = "designated"  # the wanted kind; a plan that does not offer it uses its first
    dns_hosting: bool = False
    domains: Positive = 1
    msb: Count = 0
    mail_archive: bool = False
    mail_archive_ids: Count = 0  # 0 = every ID
    iijid: bool = False
    iijid_ids: Count = 0  # 0 = every ID
    dns_support: bool = False
    dns_days: Positive = 10
    # the support finder's answers: one field per question of the support flowchart (flow.support_questions),
    # named as the flowchart names it; a link keeps these names (SPEC §8)
    knows_dns: bool | None = None
    delegate_dns: bool | None = None
    advanced: bool | None = None
    minimum_security: bool | None = None
    # dates, period and the documents' addressee
    order_date: dt.date | None = None
    months: Positive = 12
    addressee: Addressee = ""

    def model_post_init(self, context: Any, /) -> None:
        cat, tl = load_catalog(), load_timeline()
        if self.needs is not None:
            needs_answer(self.needs or (NO_NEEDS,))  # refuses unknown needs with a DomainError
        msb_max = cat.option("msb").max_quantity
        if msb_max is not None and self.msb > msb_max:
            raise DomainError("quantity_max", "msb", value=self.msb, max=msb_max)
        dns_max = cat.option("dns_hosting").max_quantity
        if dns_max is not None and self.domains > dns_max:
            raise DomainError("quantity_max", "domains", value=self.domains, max=dns_max)
        if self.months > cat.max_months:
            raise DomainError("months_range", "months", value=self.months, max=cat.max_months)
        dns = tl.dns_collection
        if not dns.min_days <= self.dns_days <= dns.max_days:
            raise DomainError("range", "dns_days", value=self.dns_days, min=dns.min_days, max=dns.max_days)
        missing = unprintable(self.addressee)
        if missing:  # the 見積書 and 提案書 would print empty boxes: said under the field instead
            raise DomainError("addressee_glyph", "addressee", chars=missing)
        first, last = tl.calendar.first_year, tl.calendar.last_year
        if self.order_date is not None and not first <= self.order_date.year <= last:
            raise DomainError("date_range", "order_date", value=self.order_date.isoformat(), first=first, last=last)

    # ---- changes ------------------------------------------------------------------

    def replace(self, **changes: Any) -> Case:
        """The case with `changes`, validated; a value the case cannot hold raises a DomainError naming its field."""
        try:
            return Case.model_validate({**self.model_dump(), **changes})
        except ValidationError as e:
            first = e.errors()[0]
            field = str(first["loc"][0]) if first["loc"] else next(iter(changes), "case")
            value = changes.get(field, "")
            if first["type"] == "greater_than_equal" and isinstance(value, int):
                raise DomainError("ids_min", field, ids=value) if field == "ids" else DomainError(
                    "negative", field, value=value) from None
            raise DomainError("invalid", field, value=str(value)[:40]) from None

    def with_recommendation(self, rec: Recommendation) -> Case:
        """The finder's answer carried into the case: its plan, domain kind and ID count, and the per-ID options
        among the needs the user named (also where the flowchart did not need to ask, above 50 IDs)."""
        needs = {*rec.needs, *(self.needs or ())}
        return self.replace(
            plan=rec.plan,
            domain=rec.domain,
            ids=rec.ids,
            mail_archive=self.mail_archive or "mail_archive" in needs,
            iijid=self.iijid or "iijid" in needs,
        )

    # ---- what each page needs --------------------------------------------------------

    @property
    def quoted_ids(self) -> int:
        return self.ids if self.ids is not None else DEFAULT_IDS

    def plan_domain(self, catalog: Catalog | None = None) -> DomainKind:
        """The domain kind on the chosen plan: the wanted one if the plan offers it, else the plan's first."""
        return domain_for(self.plan, self.domain, catalog)

    def selection(self, catalog: Catalog | None = None) -> Selection:
        """The chosen plan and options as a selection to quote; options the plan does not offer are left out
        (their values stay in the case, for when the user switches back)."""
        cat = catalog or load_catalog()
        domain = self.plan_domain(cat)
        states = option_states(self.plan, domain, cat)

        def wanted(oid: str, on: bool) -> bool:
            s = states[oid]  # type: ignore[index]
            return s.status == "mandatory" or (s.available and on)

        ids = self.quoted_ids
        return Selection(
            plan=self.plan,
            ids=ids,
            domain=domain,
            domains=self.domains if wanted("dns_hosting", self.dns_hosting) else 0,
            msb_licences=self.msb if wanted("msb", True) else 0,
            mail_archive_ids=(self.mail_archive_ids or ids) if wanted("mail_archive", self.mail_archive) else 0,
            iijid_ids=(self.iijid_ids or ids) if wanted("iijid", self.iijid) else 0,
            dns_zone_support=wanted("dns_zone_support", self.dns_support),
            months=self.months,
        )

    def needs_for_comparison(self) -> Needs:
        """The same needs priced on every plan (per-ID options there cover every ID)."""
        need: dict[DomainKind, DomainNeed] = {"designated": "any", "own": "own", "sub": "sub"}
        return Needs(ids=self.quoted_ids, domain=need[self.domain], msb=self.msb, mail_archive=self.mail_archive,
                     iijid=self.iijid, dns_support=self.dns_support, months=self.months)

    def schedule_request(self, today: dt.date) -> ScheduleRequest:
        """The activation schedule's input: the order date (today if none is set) and what moves it (the
        domain kind and DNS zone support as the estimate takes them)."""
        sel = self.selection()
        return ScheduleRequest(
            plan=self.plan,
            order_date=self.order_date or today,
            domain=sel.domain,
            dns_zone_support=sel.dns_zone_support,
            dns_days=self.dns_days if sel.dns_zone_support else None,
        )

    def finder_needs(self) -> list[str]:
        """The needs as the finder's multiselect shows them ('none' for none of them)."""
        return [] if self.needs is None else (list(self.needs) or [NO_NEEDS])

    def recommendation(self) -> Recommendation | None:
        """The plan flowchart's answer once every question on the path is answered."""
        return plan_wizard(self.ids, self.finder_needs(), self.own_domain, self.admin_panel).recommendation

    def support_answers(self) -> dict[str, bool | None]:
        return {q: getattr(self, q) for q in support_questions()}

    # ---- the link ----------------------------------------------------------------------

    def to_query(self) -> dict[str, str]:
        """The case as link parameters: only what differs from a new case, language-independent."""
        out: dict[str, str] = {}
        new = Case()
        for name in Case.model_fields:
            value = getattr(self, name)
            if value != getattr(new, name):
                out[name] = _dump(name, value)
        if "plan" not in out and self.recommendation() is not None:
            out["plan"] = self.plan  # named, so that a link with the answers never reads as the finder's answer
        return out

    @classmethod
    def from_query(cls, params: Mapping[str, str]) -> tuple[Case, list[str]]:
        """The case a link describes, and the names of the fields that could not be read (each falls back
        to its default alone; nothing else is lost). Unknown names (lang, tax, …) are ignored."""
        values: dict[str, Any] = {}
        bad: list[str] = []
        for name, text in params.items():
            reader = _READERS.get(name)
            if reader is None:
                continue
            try:
                field, value = reader(name, text)
                Case.model_validate({field: value})  # the field's own rule, alone
            except (DomainError, ValidationError):
                bad.append(name)
                continue
            values[field] = value
        try:
            case = cls.model_validate(values)
        except (DomainError, ValidationError):  # pragma: no cover - each field was checked alone
            return cls(), list(params)
        rec = case.recommendation()
        if "plan" not in values and rec is not None:
            # A link from before the case named the finder's answers without a plan; the finder showed
            # its recommendation, so that is the case's plan (every link written now names the plan).
            case = case.with_recommendation(rec)
        return case, bad


# ---- starting cases -----------------------------------------------------------------


class StartingCase(BaseModel):
    """A typical agency from data/cases.toml: its id (for its name in the texts) and its case."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    case: Case


class _CasesFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    case: tuple[dict[str, Any], ...]


@cache
def starting_cases(data_dir: Path = DATA_DIR) -> tuple[StartingCase, ...]:
    """The starting cases, each with the finder's recommendation already taken (its plan and options)."""
    raw = _load(_CasesFile, data_dir / "cases.toml")
    out = []
    for i, entry in enumerate(raw.case):
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in entry.items() if k != "id"}
        try:
            case = Case.model_validate(values)
        except (ValidationError, DomainError) as e:
            raise CatalogError(f"cases.toml: case.{i}: {e}") from None
        rec = case.recommendation()
        out.append(StartingCase(id=str(entry.get("id", i)), case=case.with_recommendation(rec) if rec else case))
    return tuple(out)


# ---- link codec ------------------------------------------------------------------------


def _dump(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return value.isoformat()
    if name == "needs":
        return ",".join(value) if value else NO_NEEDS
    return str(value)


def _int(name: str, text: str) -> tuple[str, Any]:
    return name, parse_int(name, text)


def _bool(name: str, text: str) -> tuple[str, Any]:
    return name, parse_bool(name, text)


def _plan(name: str, text: str) -> tuple[str, Any]:
    return name, parse_plan(name, text)  # as the command line and a CSV cell read it


def _domain(name: str, text: str) -> tuple[str, Any]:
    # 'any' is the comparison page's old name for "no preference", which is the designated default
    return name, parse_domain(name, "designated" if text == "any" else text)


def _needs(name: str, text: str) -> tuple[str, Any]:
    picked = parse_needs_selection(text)
    return name, tuple(n for n in picked if n != NO_NEEDS)


def _date(name: str, text: str) -> tuple[str, Any]:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):  # the link form only: YYYY-MM-DD
        raise DomainError("not_date", name, value=text[:40])
    return name, parse_date(name, text)


def _text(name: str, text: str) -> tuple[str, Any]:
    return name, text


_READERS = {
    "ids": _int,
    "needs": _needs,
    "own_domain": _bool,
    "admin_panel": _bool,
    "plan": _plan,
    "domain": _domain,
    "dns_hosting": _bool,
    "domains": _int,
    "msb": _int,
    "mail_archive": _bool,
    "mail_archive_ids": _int,
    "iijid": _bool,
    "iijid_ids": _int,
    "dns_support": _bool,
    "dns_days": _int,
    **dict.fromkeys(support_questions(), _bool),
    "order_date": _date,
    "months": _int,
    "addressee": _text,
}
assert set(_READERS) == set(Case.model_fields), "every field of the case has a link reader"


def field_names() -> tuple[str, ...]:
    """The link names of the case, in the order of the model."""
    return tuple(Case.model_fields)


__all__ = ["DEFAULT_IDS", "Case", "StartingCase", "field_names", "starting_cases"]
