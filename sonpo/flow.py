"""The brochure's flowcharts (SPEC §6): one engine walks any tree, one renderer draws it as DOT."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict

from sonpo.catalog import PLAN_IDS, DomainKind, PlanId, Tree, load_catalog, load_flowcharts
from sonpo.errors import DomainError
from sonpo.i18n import Lang, t
from sonpo.parse import parse_bool

TreeName = Literal["plan", "support"]
Answer = bool | str
Answers = Mapping[str, Answer | None]


class Walk(BaseModel):
    """Where a set of answers leads: the nodes visited with the answer given at each, and
    either the result reached or the question still to answer (`pending`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tree: TreeName
    path: tuple[tuple[str, Answer], ...]
    result: str | None
    pending: str | None

    @property
    def nodes(self) -> tuple[str, ...]:
        visited = tuple(n for n, _ in self.path)
        end = self.result or self.pending
        return visited + ((end,) if end else ())

    def outcome(self) -> Mapping[str, str | bool]:
        if self.result is None:
            return {}
        node = load_flowcharts().__getattribute__(self.tree).nodes[self.result]
        return node.result or {}

    def reasons(self, lang: Lang = "ja", **params: object) -> list[str]:
        """One sentence per answered question, saying what the answer decided."""
        return [t(f"flow.{self.tree}.{node}.{_label(ans)}", lang, **params) for node, ans in self.path]


def _label(answer: Answer) -> str:
    return ("yes" if answer else "no") if isinstance(answer, bool) else answer


def tree(name: TreeName) -> Tree:
    tree_: Tree = getattr(load_flowcharts(), name)
    return tree_


def walk(name: TreeName, answers: Answers) -> Walk:
    """Follow the answers from the start; stop at a result or at the first unanswered question."""
    tr = tree(name)
    node_id = tr.start
    path: list[tuple[str, Answer]] = []
    for _ in range(len(tr.nodes) + 1):
        node = tr.nodes[node_id]
        if node.result is not None:
            return Walk(tree=name, path=tuple(path), result=node_id, pending=None)
        assert node.answer is not None
        ans = answers.get(node.answer)
        if ans is None:
            return Walk(tree=name, path=tuple(path), result=None, pending=node_id)
        if node.choices is not None:
            if not isinstance(ans, str) or ans not in node.choices:
                raise DomainError("choice", node.answer, value=ans, choices=",".join(node.choices))
            nxt: str | None = node.choices[ans]
        else:
            if not isinstance(ans, bool):  # 'no' is truthy: read text and 0/1 as yes/no, refuse the rest
                ans = parse_bool(node.answer, str(ans))
            nxt = node.yes if ans else node.no
        assert nxt is not None
        path.append((node_id, ans))
        node_id = nxt
    raise RuntimeError(f"flowchart '{name}' has a cycle")  # validated data never gets here


# ---- plan selection ---------------------------------------------------------------


class Recommendation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    plan: PlanId
    domain: DomainKind
    special: bool
    ids: int
    walk: Walk

    def reasons(self, lang: Lang = "ja") -> list[str]:
        return self.walk.reasons(lang, ids=self.ids)

    def as_json(self, lang: Lang = "en") -> dict[str, object]:
        return {
            "plan": self.plan,
            "domain": self.domain,
            "special": self.special,
            "ids": self.ids,
            "reasons": self.reasons(lang),
            "path": [{"node": n, "answer": a} for n, a in self.walk.path],
            "result": self.walk.result,
        }


def normalise_needs(needs: Iterable[str]) -> tuple[str, ...]:
    """Needs as the flowchart data names them; unknown ones are refused."""
    known = tree("plan").individual_only_needs
    if isinstance(needs, str):  # 'file-sharing,iijid' as one text, not its letters
        needs = needs.split(",")
    out = []
    for raw in needs:
        need = raw.strip().replace("-", "_")
        if not need:
            continue
        if need not in known:
            raise DomainError("unknown_need", "needs", value=raw.strip(), known=",".join(known))
        out.append(need)
    return tuple(dict.fromkeys(out))


def plan_answers(
    ids: int | None, needs: Iterable[str] | None, own_domain: bool | None, admin_panel: bool | None
) -> dict[str, Answer | None]:
    """The yes/no answers of the plan flowchart from what the user told us (None = not yet)."""
    if ids is not None and (not isinstance(ids, int) or isinstance(ids, bool)):
        raise DomainError("not_integer", "ids", value=str(ids))
    if ids is not None and ids < 1:
        raise DomainError("ids_min", "ids", ids=ids)
    cat = load_catalog()
    limit_small = cat.plan("common").max_ids
    limit_individual = cat.plan("individual").max_ids
    return {
        "ids_over_50": None if ids is None else ids > limit_small,
        "ids_over_300": None if ids is None else ids > limit_individual,
        "needs_individual": None if needs is None else bool(normalise_needs(needs)),
        "own_domain": own_domain,
        "admin_panel": admin_panel,
    }


def recommend(ids: int, needs: Iterable[str], own_domain: bool, admin_panel: bool) -> Recommendation:
    w = walk("plan", plan_answers(ids, needs, own_domain, admin_panel))
    if w.pending is not None:  # an answer was None
        raise DomainError("required", str(tree("plan").nodes[w.pending].answer))
    out = w.outcome()
    return Recommendation(
        plan=out["plan"],
        domain=out["domain"],
        special=bool(out.get("special", False)),
        ids=ids,
        walk=w,
    )


def alternatives(rec: Recommendation, lang: Lang = "ja") -> dict[PlanId, list[str]]:
    """For each other plan, what choosing it would change (or why it cannot serve)."""
    cat = load_catalog()
    chosen = cat.plan(rec.plan)
    out: dict[PlanId, list[str]] = {}
    for pid in PLAN_IDS:
        if pid == rec.plan:
            continue
        p = cat.plan(pid)
        notes: list[str] = []
        if rec.ids > p.max_ids and not p.special_plan:
            notes.append(t("alt.too_many_ids", lang, max=p.max_ids))
        delta = p.lead_days - chosen.lead_days
        notes.append(t("alt.lead_days", lang, days=p.lead_days, delta=f"{delta:+d}"))
        if p.admin_panel != chosen.admin_panel:
            notes.append(t(f"alt.admin_panel.{str(p.admin_panel).lower()}", lang))
        if set(p.domains) != set(chosen.domains):
            notes.append(t("alt.domains", lang, domains="・".join(t(f"domain.{d}", lang) for d in p.domains)))
        if p.requires_registrar_transfer and not chosen.requires_registrar_transfer:
            notes.append(t("alt.registrar_transfer", lang))
        if p.security_policy_fixed != chosen.security_policy_fixed:
            notes.append(t(f"alt.policy_fixed.{str(p.security_policy_fixed).lower()}", lang))
        out[pid] = notes
    return out


# ---- support menu -----------------------------------------------------------------


def support(plan: PlanId, answers: Answers) -> Walk:
    """Walk the support-menu flowchart for a plan (branch A, B or C)."""
    return walk("support", {**answers, "plan": plan})


# ---- diagram --------------------------------------------------------------------


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(name: TreeName, w: Walk | None = None, lang: Lang = "ja", root: str | None = None) -> str:
    """Graphviz DOT of a flowchart, from `root` (default: its start), with the walk's path
    highlighted: visited nodes and taken edges bold and coloured, the rest grey."""
    tr = tree(name)
    start = root or tr.start
    reach: list[str] = []
    todo = [start]
    while todo:
        n = todo.pop(0)
        if n not in reach:
            reach.append(n)
            todo.extend(tr.nodes[n].targets)
    on_path = set(w.nodes) if w else set()
    taken = set()
    if w:
        for node_id, ans in w.path:
            node = tr.nodes[node_id]
            if node.choices is not None:
                taken.add((node_id, node.choices[str(ans)]))
            else:
                taken.add((node_id, str(node.yes if ans else node.no)))
    hl = "#c2185b"
    lines = [
        "digraph flow {",
        '  graph [rankdir=TB, bgcolor="transparent", nodesep=0.3, ranksep=0.35];',
        '  node [fontname="sans-serif", fontsize=11, style="rounded,filled", fillcolor="#ffffff", color="#9e9e9e"];',
        '  edge [fontname="sans-serif", fontsize=10, color="#9e9e9e", fontcolor="#616161"];',
    ]
    for n in reach:
        node = tr.nodes[n]
        label = t(f"flow.{name}.{n}.label", lang)
        attrs = {"label": _quote(label), "shape": "diamond"}
        if node.result is not None:
            attrs |= {"shape": "box", "fillcolor": '"#e8f5e9"'}
        if n in on_path:
            attrs |= {"color": f'"{hl}"', "penwidth": "2.5", "fillcolor": '"#fce4ec"'}
            if w and n == (w.result or w.pending):
                attrs["fillcolor"] = '"#f8bbd0"'
        lines.append(f"  {n} [{', '.join(f'{k}={v}' for k, v in attrs.items())}];")
    for n in reach:
        node = tr.nodes[n]
        if node.choices is not None:
            if root is not None:
                continue
            edges = [(t(f"flow.{name}.{n}.{k}", lang), v) for k, v in node.choices.items()]
        else:
            edges = [(t("flow.yes", lang), node.yes), (t("flow.no", lang), node.no)]  # type: ignore[list-item]
        for label, target in edges:
            if target not in reach:
                continue
            style = f', color="{hl}", fontcolor="{hl}", penwidth=2.5' if (n, target) in taken else ""
            lines.append(f"  {n} -> {target} [label={_quote(label)}{style}];")
    lines.append("}")
    return "\n".join(lines)


def support_root(plan: PlanId) -> str:
    """The first node of a plan's branch of the support flowchart."""
    node = tree("support").nodes[tree("support").start]
    assert node.choices is not None
    return node.choices[plan]


__all__ = [
    "Recommendation",
    "Walk",
    "alternatives",
    "plan_answers",
    "recommend",
    "support",
    "support_root",
    "to_dot",
    "walk",
]
