"""Labels and relationship types are named once, in `graph_api.graph_names`.

Cypher elsewhere writes `(o:{Label.ORGANISATION})-[:{Rel.BASED_IN}]->(m)`; a literal
`(o:Organisation)` or `[:BASED_IN]` in a string of the package is a second spelling that a
rename would miss. Docstrings and comments may still describe the graph in plain Cypher.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from graph_api.graph_names import Label, Rel

PACKAGE = Path(__file__).resolve().parent.parent / "graph_api"

# The vocabulary itself, and the seeding, which writes the graph with its own strings.
EXEMPT = {"graph_names.py", "seeding"}
# Modules allowed to keep literal names for now: none; a new one must be argued here.
KNOWN_EXCEPTIONS: set[str] = set()

_RELS = "|".join(sorted((r.value for r in Rel), key=len, reverse=True))
_LABELS = "|".join(sorted((label.value for label in Label), key=len, reverse=True))
LITERAL = re.compile(
    # [:BASED_IN]  [r:MEMBER_OF {..}]  [:WORKS_ON|SERVES]  [:BRANCH_OF*..2]
    rf"\[\w*:[\w|]*?\b(?:{_RELS})\b(?!\w)"
    # type(r) = 'BASED_IN'
    rf"|type\(\w+\)\s*=\s*'(?:{_RELS})'"
    # (o:Organisation)  (:Organisation {..})  WHERE x:Organisation  ({m}:Practice)
    rf"|[\w(}}]:(?:{_LABELS})(?!\w)"
)


def _docstrings(tree: ast.AST) -> set[int]:
    """Ids of string nodes that are statements of their own (docstrings, notes)."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant | ast.JoinedStr)
    }


def literals(source: str) -> list[tuple[int, str]]:
    """(line, match) for every literal label or relationship type in the code's strings."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            # The f-string's literal text, each expression standing in as `{x}`; its parts
            # are not looked at again on their own.
            skip.update(id(v) for v in node.values)
            text = "".join(v.value if isinstance(v, ast.Constant) else "{x}" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        else:
            continue
        found += [(node.lineno, m.group(0)) for m in LITERAL.finditer(text)]
    return found


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel.split("/")[0] in EXEMPT:
            continue
        out.append((rel, path))
    return out


def test_the_pattern_finds_literal_names() -> None:
    """The check itself: it must see the spellings it exists to forbid, and only those."""
    caught = [
        'Q = "MATCH (o:Organisation)-[:BASED_IN]->(m) RETURN m"',
        'Q = "MATCH (o)<-[r:MEMBER_OF {role: $role}]-(x)"',
        'Q = "MATCH (o)-[:WORKS_ON|SERVES]->(x)"',
        'Q = "MATCH (o)-[:BRANCH_OF*..2]-(x)"',
        "Q = \"RETURN CASE WHEN type(r) = 'APPLIED_IN' THEN 1 END\"",
        'Q = f"MATCH ({n}:Practice) WHERE {n}.id = $id"',
        'Q = f"CASE WHEN x:Coalition THEN {a} END"',
        'Q = "CREATE CONSTRAINT c IF NOT EXISTS FOR (n:SearchLease) REQUIRE n.name IS UNIQUE"',
    ]
    for source in caught:
        assert literals(source), source
    passed = [
        'Q = f"MATCH (o:{Label.ORGANISATION})-[:{Rel.BASED_IN}]->(m)"',
        'Q = f"MATCH (o)-[:{Rel.WORKS_ON}|{Rel.SERVES}]->(x)"',
        'ID = "Practice:practice-000530"',  # a global ID, not Cypher
        'TYPE = "Organisation"',  # a GraphQL type name
        '"""Described in prose: (:OutboxEntry {ref}) and [:BASED_IN]."""',
        'X = f"{n}:{label}"',
    ]
    for source in passed:
        assert not literals(source), source


def test_no_literal_labels_or_relationship_types() -> None:
    offenders = {
        rel: found
        for rel, path in _modules()
        if rel not in KNOWN_EXCEPTIONS and (found := literals(path.read_text()))
    }
    assert not offenders, (
        "Name labels and relationship types through graph_api.graph_names (Label, Rel): "
        f"{offenders}"
    )


def test_known_exceptions_still_need_their_place() -> None:
    """A module converted since is taken off the list, so it stays converted."""
    paths = dict(_modules())
    stale = sorted(rel for rel in KNOWN_EXCEPTIONS if not literals(paths[rel].read_text()))
    assert not stale, f"Converted: remove from KNOWN_EXCEPTIONS: {stale}"
