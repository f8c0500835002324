"""The price list, plan facts, timeline steps and flowcharts, loaded from data/*.toml and validated."""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sonpo.errors import DomainError
from sonpo.names import (
    DATA_DIR,
    OPTION_IDS,
    PLAN_IDS,
    CatalogError,
    DomainKind,
    OptionId,
    PlanId,
    domain_on,
    domain_or_first,
)

Owner = Literal["customer", "ntt"]
Role = Literal["ntt", "customer", "any", "customer_or_ntt_with_dns_support"]

Yen = Annotated[int, Field(ge=0, strict=True)]
Positive = Annotated[int, Field(ge=1, strict=True)]


class Frozen(BaseModel):
    # defer_build: a model's validator is built when it first validates, so a command that loads only
    # the price list (bulk) does not pay for the timeline's and flowcharts' models
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Roles(Frozen):
    initial_setup: Role
    id_add_delete: Role
    name_change_password_reissue: Role
    dns_hosting_provider: Role
    domain_registrar: Role
    office365_admin_rights: Role
    dns_control_panel: Role
    dns_mx_switch: Role


class Plan(Frozen):
    id: PlanId
    order: int
    domains: tuple[DomainKind, ...] = Field(min_length=1)
    max_ids: Positive
    special_plan: bool = False
    lead_days: Positive
    lead_days_exclude_dns: bool = False
    monthly_per_id: Yen
    initial_per_contract: Yen
    change_fee_per_id: Yen
    change_fee_admin_passwords_only: bool
    standard_features: tuple[str, ...]
    security_features: tuple[str, ...]
    security_policy_fixed: bool
    admin_panel: bool
    requires_registrar_transfer: bool = False
    roles: Roles

    def resolve_domain(self, requested: DomainKind | None) -> DomainKind:
        """The domain kind a request means on this plan; one it does not offer is left for the rules to refuse."""
        return domain_on(self.domains, requested)

    def domain_or_first(self, wanted: DomainKind | None) -> DomainKind:
        """The domain kind a case gets on this plan: the wanted one where offered, else the plan's first."""
        return domain_or_first(self.domains, wanted)


class Pack(Frozen):
    size: Positive
    monthly: Yen


class Option(Frozen):
    id: OptionId
    plans: tuple[PlanId, ...] = Field(min_length=1)
    mandatory_on: tuple[PlanId, ...] = ()
    requires_domain: tuple[DomainKind, ...] = ()
    unit: Literal["licences", "domains", "ids", "contract"]
    max_quantity: Positive | None = None
    monthly: Yen = 0
    initial: Yen = 0
    packs: tuple[Pack, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if (self.unit == "licences") != bool(self.packs):
            raise ValueError("packs are given exactly when unit is 'licences'")
        if not set(self.mandatory_on) <= set(self.plans):
            raise ValueError("mandatory_on names a plan the option is not offered on")
        return self


class Catalog(Frozen):
    effective_date: dt.date
    tax_rate_percent: Annotated[int, Field(ge=0, le=100)]
    max_months: Positive
    plans: dict[PlanId, Plan]
    options: dict[OptionId, Option]

    @model_validator(mode="before")
    @classmethod
    def _ids_from_keys(cls, raw: Any) -> Any:
        if isinstance(raw, dict):
            for table in ("plans", "options"):
                if isinstance(raw.get(table), dict):
                    raw[table] = {k: {"id": k, **v} if isinstance(v, dict) else v for k, v in raw[table].items()}
        return raw

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if set(self.plans) != set(PLAN_IDS):
            raise ValueError(f"plans must be exactly {PLAN_IDS}")
        if set(self.options) != set(OPTION_IDS):
            raise ValueError(f"options must be exactly {OPTION_IDS}")
        return self

    def plan(self, plan_id: PlanId) -> Plan:
        return self.plans[plan_id]

    def option(self, option_id: OptionId) -> Option:
        return self.options[option_id]

    def plans_offering(self, option_id: OptionId) -> tuple[PlanId, ...]:
        return tuple(p for p in PLAN_IDS if p in self.options[option_id].plans)


# ---- timeline.toml -------------------------------------------------------

MonthDay = Annotated[str, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]


class CalendarRules(Frozen):
    year_end_break_start: MonthDay
    year_end_break_end: MonthDay
    first_year: int
    last_year: int


class DnsCollection(Frozen):
    default_days: Positive
    min_days: Positive
    max_days: Positive


class StepDef(Frozen):
    id: str
    owner: Owner
    phase: Literal["before", "collect", "lead", "after"]
    days: Positive | None = None
    domain: DomainKind | None = None
    dns_support: bool | None = None

    @model_validator(mode="after")
    def _days_only_in_lead(self) -> Self:
        if (self.phase == "lead") != (self.days is not None):
            raise ValueError("days are given exactly for 'lead' steps")
        return self


class Timeline(Frozen):
    calendar: CalendarRules
    dns_collection: DnsCollection
    steps: dict[PlanId, tuple[StepDef, ...]]


# ---- flowcharts.toml ------------------------------------------------------


class Node(Frozen):
    answer: str | None = None
    yes: str | None = None
    no: str | None = None
    choices: dict[str, str] | None = None
    result: dict[str, str | bool] | None = None

    @model_validator(mode="after")
    def _kind(self) -> Self:
        is_result = self.result is not None
        is_yes_no = self.yes is not None and self.no is not None
        is_choice = self.choices is not None
        if [is_result, is_yes_no, is_choice].count(True) != 1:
            raise ValueError("a node is exactly one of: result, yes/no question, choice question")
        if not is_result and not self.answer:
            raise ValueError("a question node names its answer")
        return self

    @property
    def targets(self) -> tuple[str, ...]:
        if self.choices is not None:
            return tuple(self.choices.values())
        return tuple(x for x in (self.yes, self.no) if x is not None)


class Tree(Frozen):
    start: str
    individual_only_needs: tuple[str, ...] = ()
    nodes: dict[str, Node]

    @model_validator(mode="after")
    def _closed(self) -> Self:
        missing = {t for n in self.nodes.values() for t in n.targets} - set(self.nodes)
        if self.start not in self.nodes:
            missing.add(self.start)
        if missing:
            raise ValueError(f"nodes referenced but not defined: {sorted(missing)}")
        # a walk must end at a result: no node may lead back to itself
        done: set[str] = set()

        def visit(node_id: str, trail: tuple[str, ...]) -> None:
            if node_id in trail:
                raise ValueError(f"cycle: {' -> '.join((*trail[trail.index(node_id):], node_id))}")
            if node_id not in done:
                for target in self.nodes[node_id].targets:
                    visit(target, (*trail, node_id))
                done.add(node_id)

        for node_id in self.nodes:
            visit(node_id, ())
        return self


class Flowcharts(Frozen):
    plan: Tree
    support: Tree


# ---- loading --------------------------------------------------------------


M = TypeVar("M", bound=BaseModel)


def _load(model: type[M], path: Path) -> M:
    """A data file as `model`, or CatalogError naming the file and the first field at fault."""
    try:
        raw = tomllib.loads(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise CatalogError(f"{path.name}: {e}") from e
    try:
        return model.model_validate(raw)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise CatalogError(f"{path.name}: {where}: {first['msg']} ({e.error_count()} problem(s))") from e
    except DomainError as e:  # a model's own rule (the issuer's printable text)
        raise CatalogError(f"{path.name}: {e}") from e


@cache
def load_catalog(data_dir: Path = DATA_DIR) -> Catalog:
    return _load(Catalog, data_dir / "catalog.toml")


@cache
def load_timeline(data_dir: Path = DATA_DIR) -> Timeline:
    timeline = _load(Timeline, data_dir / "timeline.toml")
    catalog = load_catalog(data_dir)
    for plan_id, steps in timeline.steps.items():
        lead = sum(s.days or 0 for s in steps if s.phase == "lead")
        if lead != catalog.plans[plan_id].lead_days:
            raise CatalogError(
                f"timeline.toml: steps.{plan_id}: lead steps add up to {lead} business days, "
                f"catalog.toml says {catalog.plans[plan_id].lead_days}"
            )
    return timeline


@cache
def load_flowcharts(data_dir: Path = DATA_DIR) -> Flowcharts:
    return _load(Flowcharts, data_dir / "flowcharts.toml")
