"""The flowcharts (docs/rules.md §6): every leaf reached, the reasons, and the DOT diagram with the path highlighted."""

from __future__ import annotations

import itertools
import re

import pytest

from sonpo.catalog import load_flowcharts
from sonpo.errors import DomainError
from sonpo.flow import Walk, alternatives, plan_answers, recommend, support, support_root, to_dot, walk
from sonpo.i18n import t

# ---- plan selection: docs/rules.md §6's combinations ------------------------------------------------

PLAN_CASES = [
    # ids, needs, own domain, admin panel → plan, domain, special, leaf
    (10, [], False, False, "common", "designated", False, "common"),
    (10, [], False, True, "individual", "sub", False, "individual_sub"),
    (10, [], True, False, "hybrid", "own", False, "hybrid"),
    (10, [], True, True, "individual", "own", False, "individual_own"),
    (50, [], False, False, "common", "designated", False, "common"),  # 50 is not "more than 50"
    (51, [], False, False, "individual", "sub", False, "individual_sub"),
    (51, [], True, False, "individual", "own", False, "individual_own"),
    (300, [], True, False, "individual", "own", False, "individual_own"),
    (301, [], False, False, "individual", "sub", True, "individual_special_sub"),
    (301, [], True, True, "individual", "own", True, "individual_special_own"),
    (5, ["file-sharing"], False, False, "individual", "sub", False, "individual_sub"),
    (5, ["supervisor-approval"], True, False, "individual", "own", False, "individual_own"),
    (5, ["mail-archive"], False, False, "individual", "sub", False, "individual_sub"),
    (5, ["iijid"], False, False, "individual", "sub", False, "individual_sub"),
    (5, ["advanced"], True, False, "individual", "own", False, "individual_own"),
]


@pytest.mark.parametrize(("ids", "needs", "own", "panel", "plan", "domain", "special", "leaf"), PLAN_CASES)
def test_plan_flowchart(
    ids: int, needs: list[str], own: bool, panel: bool, plan: str, domain: str, special: bool, leaf: str
) -> None:
    rec = recommend(ids, needs, own, panel)
    assert (rec.plan, rec.domain, rec.special, rec.walk.result) == (plan, domain, special, leaf)
    reasons = rec.reasons("ja")
    assert len(reasons) == len(rec.walk.path) and all(reasons)
    assert rec.reasons("en") != reasons


def test_every_leaf_of_the_plan_tree_is_reached_by_the_cases() -> None:
    nodes = load_flowcharts().plan.nodes
    leaves = {n for n, node in nodes.items() if node.result is not None}
    assert leaves == {case[-1] for case in PLAN_CASES}
    for leaf in leaves:  # and each leaf's outcome names the plan the case expects
        case = next(c for c in PLAN_CASES if c[-1] == leaf)
        assert nodes[leaf].result == {"plan": case[4], "domain": case[5], **({"special": True} if case[6] else {})}


def test_the_reasons_quote_the_id_count() -> None:
    assert "10ID" in recommend(10, [], False, False).reasons("ja")[0]


def test_alternatives_say_what_each_other_plan_would_change() -> None:
    rec = recommend(10, [], False, False)
    alt = alternatives(rec, "ja")
    assert set(alt) == {"individual", "hybrid"}
    # in words, not as a signed number: common takes 8, individual 23 and hybrid 24 business days (p.2)
    assert "開通まで23営業日（15営業日遅い）。" in alt["individual"]
    assert "開通まで24営業日（16営業日遅い）。" in alt["hybrid"]
    from_hybrid = alternatives(recommend(10, [], True, False), "en")
    assert "8 business days to activation (16 business days sooner)." in from_hybrid["common"]
    assert "23 business days to activation (1 business day sooner)." in from_hybrid["individual"]
    big = alternatives(recommend(60, [], False, False), "ja")
    assert any("50ID" in note for note in big["common"])


def test_an_unanswered_question_leaves_the_walk_pending() -> None:
    w = walk("plan", plan_answers(10, None, None, None))
    assert w.result is None and w.pending == "needs_individual"
    assert w.nodes == ("ids_over_50", "needs_individual")
    assert walk("plan", {}).pending == "ids_over_50"


@pytest.mark.parametrize(
    ("args", "code", "field"),
    [
        ((0, [], False, False), "ids_min", "ids"),
        ((-5, [], False, False), "ids_min", "ids"),
        ((5, ["teleport"], False, False), "unknown_need", "needs"),
        ((5, [], "maybe", False), "not_bool", "own_domain"),
        ((5, [], False, None), "required", "admin_panel"),
        ((True, [], False, False), "not_integer", "ids"),
        (("5", [], False, False), "not_integer", "ids"),
    ],
)
def test_odd_input_to_recommend_is_a_domain_error(args: tuple[object, ...], code: str, field: str) -> None:
    with pytest.raises(DomainError) as info:
        recommend(*args)  # type: ignore[arg-type]
    assert (info.value.code, info.value.field) == (code, field)
    assert info.value.message("ja") and info.value.message("en")


def test_yes_and_no_as_text_mean_what_they_say() -> None:
    assert recommend(5, [], "no", "no").plan == "common"  # type: ignore[arg-type]
    assert recommend(5, [], "yes", "no").plan == "hybrid"  # type: ignore[arg-type]


def test_needs_may_come_as_one_comma_separated_text() -> None:
    assert recommend(5, "file-sharing,iijid", False, False).plan == "individual"
    assert recommend(5, "", False, False).plan == "common"
    assert recommend(5, [" ", ""], False, False).plan == "common"


# ---- support menu: branches A, B, C -----------------------------------------------------

SUPPORT_CASES = [
    ("common", {}, "common_none", {"menu": "none"}),
    ("hybrid", {"knows_dns": True}, "hybrid_none", {"menu": "none"}),
    ("hybrid", {"knows_dns": False, "delegate_dns": True}, "dns_zone_support",
     {"menu": "dns_zone_support", "option": "dns_zone_support"}),
    ("hybrid", {"knows_dns": False, "delegate_dns": False}, "hybrid_self", {"menu": "none", "self_service": True}),
    ("individual", {"advanced": True}, "deployment_support", {"menu": "deployment_support", "price_on_request": True}),
    ("individual", {"advanced": False, "minimum_security": True}, "initial_setup_support",
     {"menu": "initial_setup_support", "price_on_request": True}),
    # The brochure's branch C has only two outcomes and its arrows were lost; docs/rules.md §6 allows "none" for
    # "no" to minimum security: you set everything up yourself (a reconstruction, marked as such).
    ("individual", {"advanced": False, "minimum_security": False}, "individual_none",
     {"menu": "none", "self_service": True, "reconstructed": True}),
]


@pytest.mark.parametrize(("plan", "answers", "leaf", "outcome"), SUPPORT_CASES)
def test_support_flowchart(plan: str, answers: dict[str, bool], leaf: str, outcome: dict[str, object]) -> None:
    w = support(plan, answers)  # type: ignore[arg-type]
    assert w.result == leaf
    assert dict(w.outcome()) == outcome
    assert w.path[0] == ("plan", plan)


def test_every_leaf_of_the_support_tree_is_reached() -> None:
    nodes = load_flowcharts().support.nodes
    assert {n for n, node in nodes.items() if node.result is not None} == {c[2] for c in SUPPORT_CASES}


def test_self_service_on_hybrid_says_plainly_who_does_the_work() -> None:
    detail = t("flow.support.hybrid_self.detail", "ja")
    assert "お客様" in detail and "戻し" in detail and "切替" in detail


def test_support_for_an_unknown_plan_is_a_domain_error() -> None:
    with pytest.raises(DomainError) as info:
        support("gold", {})  # type: ignore[arg-type]
    assert info.value.code == "choice"


# ---- the DOT diagram -------------------------------------------------------------------

_ID = r"[A-Za-z_][A-Za-z0-9_]*"
_QUOTED = r'"(?:[^"\\]|\\.)*"'
_NAME = rf"(?:{_ID}|{_QUOTED})"
_VALUE = rf'(?:{_QUOTED}|[A-Za-z_][A-Za-z0-9_]*|-?[0-9]*\.?[0-9]+)'
_ATTRS = rf"\[\s*{_ID}\s*=\s*{_VALUE}(?:\s*,\s*{_ID}\s*=\s*{_VALUE})*\s*\]"
_STATEMENT = re.compile(
    rf"^\s*(?:(?:graph|node|edge)\s*{_ATTRS}|{_NAME}\s*{_ATTRS}|{_NAME}\s*->\s*{_NAME}\s*{_ATTRS})\s*;\s*$"
)
_EDGE = re.compile(rf"^\s*({_NAME})\s*->\s*({_NAME})\s*(\[.*\])\s*;\s*$")
_NODE = re.compile(rf"^\s*({_NAME})\s*(\[.*\])\s*;\s*$")
_NODE_ID = re.compile(rf"\bid=({_ID})")


def parse_dot(dot: str) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Check the DOT text statement by statement (the subset to_dot writes); return nodes and edges, each node
    by its flowchart id (its `id` attribute; its DOT name is the text a user may see)."""
    lines = dot.splitlines()
    assert re.fullmatch(rf"digraph {_QUOTED} \{{", lines[0]) and lines[-1] == "}", lines[0]
    ids: dict[str, str] = {}  # DOT name -> flowchart id
    nodes: dict[str, str] = {}
    named_edges: list[tuple[str, str, str]] = []
    for line in lines[1:-1]:
        assert _STATEMENT.match(line), f"not a DOT statement: {line!r}"
        if m := _EDGE.match(line):
            named_edges.append((m[1], m[2], m[3]))
        elif (m := _NODE.match(line)) and m[1] not in ("graph", "node", "edge"):
            node_id = _NODE_ID.search(m[2])
            assert node_id is not None and m[1] not in ids, line
            ids[m[1]] = node_id[1]
            nodes[node_id[1]] = m[2]
    edges: dict[tuple[str, str], str] = {}
    for a, b, attrs in named_edges:
        assert a in ids and b in ids, (a, b)
        assert (ids[a], ids[b]) not in edges
        edges[(ids[a], ids[b])] = attrs
    return nodes, edges


HIGHLIGHT = "#c2185b"


def highlighted(edges: dict[tuple[str, str], str]) -> set[tuple[str, str]]:
    return {e for e, attrs in edges.items() if HIGHLIGHT in attrs}


def taken_edges(w: Walk) -> set[tuple[str, str]]:
    hops = [n for n, _ in w.path] + [w.result or w.pending]
    return set(itertools.pairwise(hops))  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("case", PLAN_CASES, ids=lambda c: f"{c[0]}-{c[-1]}")
def test_plan_diagram_highlights_exactly_the_path_taken(case: tuple[object, ...], lang: str) -> None:
    rec = recommend(*case[:4])  # type: ignore[arg-type]
    nodes, edges = parse_dot(to_dot("plan", rec.walk, lang))  # type: ignore[arg-type]
    assert set(nodes) == set(load_flowcharts().plan.nodes)
    assert highlighted(edges) == taken_edges(rec.walk)
    assert {n for n, attrs in nodes.items() if HIGHLIGHT in attrs} == set(rec.walk.nodes)


@pytest.mark.parametrize("case", SUPPORT_CASES, ids=lambda c: c[2] + str(len(c[1])))
def test_support_diagram_of_a_branch_highlights_exactly_the_path_taken(case: tuple[object, ...]) -> None:
    plan, answers = case[0], case[1]
    w = support(plan, answers)  # type: ignore[arg-type]
    root = support_root(plan)  # type: ignore[arg-type]
    nodes, edges = parse_dot(to_dot("support", w, "ja", root=root))
    assert "plan" not in nodes  # a branch starts below the plan choice
    assert highlighted(edges) == taken_edges(w) - {("plan", root)}
    whole_nodes, whole_edges = parse_dot(to_dot("support", w, "en"))
    assert set(whole_nodes) == set(load_flowcharts().support.nodes)
    assert highlighted(whole_edges) == taken_edges(w)


def test_a_diagram_without_a_walk_highlights_nothing_and_a_pending_walk_stops_at_its_question() -> None:
    _, edges = parse_dot(to_dot("plan"))
    assert highlighted(edges) == set()
    w = walk("plan", plan_answers(10, [], None, None))
    nodes, edges = parse_dot(to_dot("plan", w))
    assert highlighted(edges) == {("ids_over_50", "needs_individual"), ("needs_individual", "own_domain")}
    assert "#f8bbd0" in nodes["own_domain"]  # the question to answer next stands out


@pytest.mark.parametrize("name", ["plan", "support"])
def test_the_names_a_drawing_shows_on_hover_are_the_users_words(name: str) -> None:
    """Graphviz writes each node's DOT name into the SVG as its <title>: the browser's tooltip and a screen reader's
    name for it. So the names are the numbered labels in the user's language, never the flowchart's ids."""
    ids = set(load_flowcharts().model_dump()[name]["nodes"])
    for lang in ("ja", "en"):
        names = re.findall(r'^\s*"([^"]*)" \[id=', to_dot(name, lang=lang), re.M)  # type: ignore[arg-type]
        assert len(names) == len(ids) and not ids & set(names)
        if lang == "ja":  # no id (ids_over_50, common, …) anywhere in a Japanese name
            assert not [n for n in names if re.search(r"[a-z_]{3,}", n)], names
    ja = to_dot("plan", lang="ja")
    assert ja.startswith('digraph "プラン選択のフローチャート" {')
    assert '"1. 50IDを超える？" [id=ids_over_50,' in ja
    assert '"1. More than 50 IDs?" [id=ids_over_50,' in to_dot("plan", lang="en")


def test_labels_are_escaped_for_dot() -> None:
    dot = to_dot("plan", lang="ja")
    assert '\\n' in dot  # two-line labels use DOT's escape, not a raw newline
    parse_dot(dot)
