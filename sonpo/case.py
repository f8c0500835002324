"""The customer's case (案件, docs/rules.md §8): everything the user tells the app, as one value with one link codec.

Every page is a view of the same case: the plan finder's answers, the chosen plan and options, the
support finder's answers, the order date, the months and the addressee with its honorific. The link (query
string) holds language-independent values under the names docs/rules.md §8 lists; old links keep their meaning.
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
from sonpo.errors import DomainError
from sonpo.flow import NO_NEEDS, Recommendation, needs_answer, parse_needs_selection, plan_wizard, support_questions
from sonpo.names import DATA_DIR, HONORIFICS, CatalogError, DomainKind, Honorific, OptionId, PlanId
from sonpo.options import option_states
from sonpo.parse import parse_bool, parse_choice, parse_date, parse_domain, parse_int, parse_plan
from sonpo.printable import check_printable
from sonpo.quote import Selection
from sonpo.timeline import ScheduleRequest, default_order_date

DEFAULT_IDS = 10
"""The ID count the estimate and the comparison show before the user has given one."""
MAX_IDS = 1_000_000  # a guard for links only: the plan limits are the catalog's, enforced by `check`

Count = Annotated[int, Field(strict=True, ge=0, le=MAX_IDS)]
Positive = Annotated[int, Field(strict=True, ge=1, le=MAX_IDS)]
# One line of plain text: a line break or other control character is refused, never printed.
Addressee = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")]


class Case(BaseModel):
    """One customer's case. None means "not answered yet" (finder questions) or, for the order date, the first
    business day on or after today (sonpo.timeline.default_order_date)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # the plan finder's answers (docs/rules.md §6)
    ids: Positive | None = None
    needs: tuple[str, ...] | None = None  # individual-only needs; () = none of them
    own_domain: bool | None = None
    admin_panel: bool | None = None
    # the plan and its options (docs/rules.md §3)
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
    # named as the flowchart names it; a link keeps these names (docs/rules.md §8)
    knows_dns: bool | None = None
    delegate_dns: bool | None = None
    advanced: bool | None = None
    minimum_security: bool | None = None
    # dates, period and the documents' addressee
    order_date: dt.date | None = None
    months: Positive = 12
    addressee: Addressee = ""
    honorific: Honorific = "onchu"  # 御中 or 様 after the addressee; a link without it means 御中

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
        check_printable("addressee", self.addressee)  # not empty boxes on the 見積書 and 提案書: said under the field
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
        # "No own domain" is a need the comparison keeps: an NTT-issued subdomain, which on the common
        # plan is its designated domain (the estimate shows that one).
        domain = "sub" if rec.domain == "designated" and self.own_domain is False else rec.domain
        return self.replace(
            plan=rec.plan,
            domain=domain,
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
        return (catalog or load_catalog()).plan(self.plan).domain_or_first(self.domain)

    def selection(self, catalog: Catalog | None = None) -> Selection:
        """The chosen plan and options as a selection to quote (the estimate's); options the plan does not
        offer are left out (their values stay in the case, for when the user switches back), and a wanted
        domain kind the plan lacks falls back to the plan's own."""
        return self.selection_on(self.plan, catalog, fall_back=True)[0]

    def wanted_options(self) -> tuple[OptionId, ...]:
        """The options the user asked for, whatever the plan (a plan's mandatory DNS hosting is not asked for)."""
        asked: dict[OptionId, bool] = {
            "msb": self.msb > 0, "dns_hosting": self.dns_hosting, "mail_archive": self.mail_archive,
            "iijid": self.iijid, "dns_zone_support": self.dns_support,
        }
        return tuple(o for o, on in asked.items() if on)

    def selection_on(self, plan: PlanId, catalog: Catalog | None = None, leave_out: tuple[OptionId, ...] = (),
                     fall_back: bool = False) -> tuple[Selection, tuple[OptionId, ...]]:
        """The case's needs as a selection on `plan` (the comparison's), and the options it asks for that
        `plan` cannot offer (left out of the selection). Every count is the case's own: the per-ID options
        cover the IDs the user chose. A wanted domain kind stays as wanted, so that a plan lacking it is
        refused for it (no preference: the plan's first), unless `fall_back` (the estimate's reading).
        Options in `leave_out` count as not asked for."""
        cat = catalog or load_catalog()
        p = cat.plan(plan)
        domain = p.domain_or_first(self.domain) if fall_back else p.resolve_domain(
            None if self.domain == "designated" else self.domain)
        return self._selection_on(plan, domain, cat, leave_out)

    def _selection_on(self, plan: PlanId, domain: DomainKind, cat: Catalog,
                      leave_out: tuple[OptionId, ...] = ()) -> tuple[Selection, tuple[OptionId, ...]]:
        states = option_states(plan, domain, cat)
        asked = [o for o in self.wanted_options() if o not in leave_out]
        missing = tuple(o for o in asked if not states[o].available)

        def on(oid: OptionId) -> bool:
            return states[oid].status == "mandatory" or (states[oid].available and oid in asked)

        ids = self.quoted_ids
        sel = Selection(
            plan=plan,
            ids=ids,
            domain=domain,
            domains=self._dns_domains(plan, on("dns_hosting"), "dns_hosting" in asked),
            msb_licences=self.msb if on("msb") else 0,
            mail_archive_ids=(self.mail_archive_ids or ids) if on("mail_archive") else 0,
            iijid_ids=(self.iijid_ids or ids) if on("iijid") else 0,
            dns_zone_support=on("dns_zone_support"),
            months=self.months,
        )
        return sel, missing

    def _dns_domains(self, plan: PlanId, on: bool, asked: bool) -> int | None:
        """DNS hosting's domain count on `plan`: the user's count where they gave one (they asked for DNS
        hosting, or their own plan requires it), else the plan's mandatory minimum (None); 0 when not ordered."""
        if not on:
            return 0
        return self.domains if asked or plan == self.plan else None

    def schedule_request(self, today: dt.date) -> ScheduleRequest:
        """The activation schedule's input: the order date (if none is set, the first business day on or after
        `today`) and what moves it (the domain kind and DNS zone support as the estimate takes them)."""
        sel = self.selection()
        return ScheduleRequest(
            plan=self.plan,
            order_date=self.order_date or default_order_date(today),
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


def _honorific(name: str, text: str) -> tuple[str, Any]:
    return name, parse_choice(name, text, HONORIFICS)  # onchu or sama, whatever the language


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
    "honorific": _honorific,
}
assert set(_READERS) == set(Case.model_fields), "every field of the case has a link reader"


def field_names() -> tuple[str, ...]:
    """The link names of the case, in the order of the model."""
    return tuple(Case.model_fields)


__all__ = ["DEFAULT_IDS", "Case", "StartingCase", "field_names", "starting_cases"]
