"""The brochure's flowcharts (docs/rules.md §6): one engine walks any tree, one renderer draws it as DOT."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from sonpo.catalog import Tree, load_catalog, load_flowcharts
from sonpo.errors import DomainError
from sonpo.i18n import Lang, t
from sonpo.money import Amount, tax_included, yen
from sonpo.names import OPTION_IDS, PLAN_IDS, DomainKind, PlanId
from sonpo.parse import parse_bool
from sonpo.timeline.view import difference_text

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
    needs: tuple[str, ...] = ()  # the individual-only needs, when the flowchart asked for them

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
    needs = normalise_needs(needs)
    w = walk("plan", plan_answers(ids, needs, own_domain, admin_panel))
    if w.pending is not None:  # an answer was None
        raise DomainError("required", str(tree("plan").nodes[w.pending].answer))
    out = w.outcome()
    asked = any(tree("plan").nodes[n].answer == "needs_individual" for n, _ in w.path)
    return Recommendation(
        plan=out["plan"],
        domain=out["domain"],
        special=bool(out.get("special", False)),
        ids=ids,
        walk=w,
        needs=needs if asked else (),
    )


def alternatives(rec: Recommendation, lang: Lang = "ja") -> dict[PlanId, list[str]]:
    """For each other plan, what choosing it would change (or why it cannot serve)."""
    cat = load_catalog()
    chosen = cat.plan(rec.plan)
    out: dict[PlanId, list[str]] = {}
    sep = "・" if lang == "ja" else " / "
    for pid in PLAN_IDS:
        if pid == rec.plan:
            continue
        p = cat.plan(pid)
        notes: list[str] = []
        if rec.ids > p.max_ids and not p.special_plan:
            notes.append(t("alt.too_many_ids", lang, max=p.max_ids))
        notes.append(t("alt.lead_days", lang, days=p.lead_days,
                       difference=difference_text(p.lead_days - chosen.lead_days, lang)))
        if p.admin_panel != chosen.admin_panel:
            notes.append(t(f"alt.admin_panel.{str(p.admin_panel).lower()}", lang))
        if set(p.domains) != set(chosen.domains):
            notes.append(t("alt.domains", lang, domains=sep.join(t(f"domain.{d}", lang) for d in p.domains)))
        missing = [need for need in rec.needs if pid not in _plans_meeting(need)]
        if missing:
            notes.append(t("alt.missing_needs", lang, needs=sep.join(t(f"need.{n}", lang) for n in missing)))
        if p.requires_registrar_transfer and not chosen.requires_registrar_transfer:
            notes.append(t("alt.registrar_transfer", lang, **_price_params(cat.option("dns_hosting").monthly, lang)))
        if p.security_policy_fixed != chosen.security_policy_fixed:
            notes.append(t(f"alt.policy_fixed.{str(p.security_policy_fixed).lower()}", lang))
        out[pid] = notes
    return out


def _plans_meeting(need: str) -> tuple[PlanId, ...]:
    """Plans that meet an individual-only need: by the flowchart's definition, the individual plan only."""
    return ("individual",) if need in tree("plan").individual_only_needs else PLAN_IDS


def _price_params(excl: int, lang: Lang) -> dict[str, object]:
    """A unit price as the brochure prints it: '1,500円 (税込1,650円)'."""
    rate = load_catalog().tax_rate_percent
    return {"price": yen(excl, lang), "price_incl": yen(tax_included(excl, rate), lang)}


# ---- the plan wizard ----------------------------------------------------------------

NO_NEEDS = "none"
"""The wizard's 'none of these' choice among the individual-only needs (特になし)."""

# The wizard's questions, by the flowchart answer they give: the ID count answers two nodes.
PLAN_QUESTIONS: dict[str, str] = {
    "ids_over_50": "ids",
    "ids_over_300": "ids",
    "needs_individual": "needs",
    "own_domain": "own_domain",
    "admin_panel": "admin_panel",
}


def questions(w: Walk) -> tuple[str, ...]:
    """The questions a wizard shows for a walk, in the flowchart's order: those answered on the
    path, then the pending one. On the support flowchart the plan itself is the first one."""
    nodes = tree(w.tree).nodes
    out: list[str] = []
    for node_id in w.nodes:
        answer = nodes[node_id].answer
        if answer is None:
            continue
        question = PLAN_QUESTIONS.get(answer, answer) if w.tree == "plan" else answer
        if question not in out:
            out.append(question)
    return tuple(out)


@dataclass(frozen=True)
class PlanWizard:
    """The plan wizard after the user's inputs so far: the walk, the error of each field that
    breaks a rule (that field counts as unanswered), and the recommendation once a result is reached."""

    walk: Walk
    errors: Mapping[str, DomainError]
    recommendation: Recommendation | None

    @property
    def questions(self) -> tuple[str, ...]:
        return questions(self.walk)


def plan_wizard(
    ids: int | None, needs_selection: Iterable[str], own_domain: bool | None, admin_panel: bool | None
) -> PlanWizard:
    """Walk the plan flowchart with what the wizard holds (None = not answered yet)."""
    errors: dict[str, DomainError] = {}
    try:
        plan_answers(ids, None, None, None)
    except DomainError as e:
        errors[e.field] = e
        ids = None
    try:
        needs = needs_answer(needs_selection)
    except DomainError as e:
        errors[e.field] = e
        needs = None
    w = walk("plan", plan_answers(ids, needs, own_domain, admin_panel))
    rec = None
    if w.result is not None and ids is not None:
        rec = recommend(ids, needs or (), bool(own_domain), bool(admin_panel))
    return PlanWizard(walk=w, errors=errors, recommendation=rec)


def needs_answer(selection: Iterable[str]) -> tuple[str, ...] | None:
    """The needs picked in the wizard: None while nothing is picked (not answered yet), () for
    'none of these', else the needs. 'None of these' together with a need is refused."""
    picked = [s.strip() for s in selection if s.strip()]
    if not picked:
        return None
    if NO_NEEDS in picked:
        if len(picked) > 1:
            raise DomainError("needs_none_and_other", "needs")
        return ()
    return normalise_needs(picked)


def parse_needs_selection(text: str) -> list[str]:
    """The wizard's needs selection from a link ('none' or 'file_sharing,iijid'); refuses unknown ones."""
    answer = needs_answer(text.split(","))
    if answer is None:
        return []
    return list(answer) or [NO_NEEDS]


def tidy_needs_selection(selection: Iterable[str]) -> list[str]:
    """Keep 'none of these' exclusive: picking it last clears the needs, picking a need clears it."""
    picked = list(selection)
    if picked and picked[-1] == NO_NEEDS:
        return [NO_NEEDS]
    return [s for s in picked if s != NO_NEEDS]


# ---- support menu -----------------------------------------------------------------


def support_questions() -> tuple[str, ...]:
    """The support-menu flowchart's yes/no questions, in the data's order (knows_dns, delegate_dns, …): the
    case's fields and link names, the support page's and the command line's questions. The plan, which picks
    the branch, is the case's own choice, not one of them."""
    nodes = tree("support").nodes.values()
    return tuple(dict.fromkeys(n.answer for n in nodes if n.answer is not None and n.choices is None))


def support(plan: PlanId, answers: Answers) -> Walk:
    """Walk the support-menu flowchart for a plan (branch A, B or C)."""
    return walk("support", {**answers, "plan": plan})


def support_reasons(w: Walk, lang: Lang = "ja") -> list[str]:
    """The reasons of a support walk, without the plan branch itself."""
    start = tree("support").start
    return [r for (node, _), r in zip(w.path, w.reasons(lang), strict=True) if node != start]


def support_price(w: Walk) -> Amount | None:
    """The one-time price of the support menu reached, from the catalog; None when there is none
    in the brochure (no menu, or 'price on request')."""
    return None if w.result is None else support_result_price(w.result)


def support_result_price(node: str) -> Amount | None:
    """The one-time price of a support-flowchart result (a menu that is a catalog option), else None."""
    option = (tree("support").nodes[node].result or {}).get("option")
    cat = load_catalog()
    for oid in OPTION_IDS:
        if oid == option:
            return Amount.of(cat.option(oid).initial, cat.tax_rate_percent)
    return None


# ---- diagram --------------------------------------------------------------------


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(name: TreeName, w: Walk | None = None, lang: Lang = "ja", root: str | None = None,
           path_only: bool = False) -> str:
    """Graphviz DOT of a flowchart, from `root` (default: its start), with the walk's path
    highlighted: visited nodes and taken edges bold and coloured, the rest grey.

    `path_only` draws just the walk's path and, at each answered question, where the other answer
    leads: two nodes wide at most, so that a phone shows it at full size (the whole plan tree is six
    results wide and shrinks to unreadable text on a 360 px screen)."""
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
    if path_only:
        visited = [n for n, _ in w.path] if w else []
        shown = {start} | on_path | {x for n in visited for x in tr.nodes[n].targets}
        reach = [n for n in reach if n in shown]
    taken = set()
    if w:
        for node_id, ans in w.path:
            node = tr.nodes[node_id]
            if node.choices is not None:
                taken.add((node_id, node.choices[str(ans)]))
            else:
                taken.add((node_id, str(node.yes if ans else node.no)))
    hl = "#c2185b"
    # A node's DOT name is what the drawing shows as its tooltip and what a screen reader may read (SVG <title>):
    # its number and label in the user's language, never the flowchart's id (kept as the node's `id`).
    join = "" if lang == "ja" else " "
    dot_name = {n: _quote(f"{i}. {t(f'flow.{name}.{n}.label', lang).replace(chr(10), join)}")
                for i, n in enumerate(reach, start=1)}
    lines = [
        f"digraph {_quote(t(f'flow.diagram.{name}', lang))} {{",
        '  graph [rankdir=TB, bgcolor="transparent", nodesep=0.2, ranksep=0.3];',
        '  node [fontname="sans-serif", fontsize=12, style="rounded,filled", fillcolor="#ffffff", color="#9e9e9e",'
        ' margin="0.08,0.04"];',
        '  edge [fontname="sans-serif", fontsize=10, color="#9e9e9e", fontcolor="#616161"];',
    ]
    for n in reach:
        node = tr.nodes[n]
        label = t(f"flow.{name}.{n}.label", lang)
        # Questions are rounded boxes, not diamonds: a diamond doubles a label's width and the
        # diagram has to fit beside the wizard (and on a phone).
        attrs = {"id": n, "label": _quote(label), "shape": "box"}
        if node.result is not None:
            attrs |= {"fillcolor": '"#e8f5e9"', "color": '"#81c784"'}
        if n in on_path:
            attrs |= {"color": f'"{hl}"', "penwidth": "2.5", "fillcolor": '"#fce4ec"'}
            if w and n == (w.result or w.pending):
                attrs["fillcolor"] = '"#f8bbd0"'
        lines.append(f"  {dot_name[n]} [{', '.join(f'{k}={v}' for k, v in attrs.items())}];")
    for n in reach:
        node = tr.nodes[n]
        if path_only and not (w and n in dict(w.path)):
            continue  # only the answered questions lead somewhere in the short diagram
        edges: list[tuple[str, str | None]]  # (label, target); a result node's yes and no are None
        if node.choices is not None:
            if root is not None:
                continue
            edges = [(t(f"flow.{name}.{n}.{k}", lang), v) for k, v in node.choices.items()]
        else:
            edges = [(t("flow.yes", lang), node.yes), (t("flow.no", lang), node.no)]
        for label, target in edges:
            if target not in reach:
                continue
            style = f', color="{hl}", fontcolor="{hl}", penwidth=2.5' if (n, target) in taken else ""
            lines.append(f"  {dot_name[n]} -> {dot_name[target]} [label={_quote(label)}{style}];")
    lines.append("}")
    return "\n".join(lines)


def support_plans() -> tuple[PlanId, ...]:
    """The plans in the order of the support flowchart's branches (A common, B hybrid, C individual)."""
    node = tree("support").nodes[tree("support").start]
    assert node.choices is not None
    return tuple(sorted((p for p in PLAN_IDS if p in node.choices), key=list(node.choices).index))


def support_root(plan: PlanId) -> str:
    """The first node of a plan's branch of the support flowchart."""
    node = tree("support").nodes[tree("support").start]
    assert node.choices is not None
    return node.choices[plan]


def support_results(plan: PlanId) -> tuple[str, ...]:
    """The results a plan's branch of the support flowchart can reach (node ids, each once, in the data's
    order): what the 提案書 lists before the customer has answered the branch's questions."""
    nodes = tree("support").nodes
    todo, seen = [support_root(plan)], set()
    while todo:
        node_id = todo.pop()
        if node_id not in seen:
            seen.add(node_id)
            todo.extend(nodes[node_id].targets)
    return tuple(n for n in nodes if n in seen and nodes[n].result is not None)


def support_branch_reconstructed(plan: PlanId) -> bool:
    """Whether a plan's branch of the support flowchart leads to a result the app reconstructed (the data
    marks it: the brochure's arrow is lost), so that the page says so beside the questions."""
    nodes = tree("support").nodes
    return any((nodes[n].result or {}).get("reconstructed") for n in support_results(plan))


__all__ = [
    "NO_NEEDS",
    "PLAN_QUESTIONS",
    "PlanWizard",
    "Recommendation",
    "Walk",
    "alternatives",
    "needs_answer",
    "parse_needs_selection",
    "plan_answers",
    "plan_wizard",
    "questions",
    "recommend",
    "support",
    "support_branch_reconstructed",
    "support_plans",
    "support_price",
    "support_questions",
    "support_reasons",
    "support_result_price",
    "support_results",
    "support_root",
    "tidy_needs_selection",
    "to_dot",
    "walk",
]
