"""The privacy matrix: every read path that can reach a person × every role × every personal
field. Partners (of the organisation or of another) and staff see people; the public gets
`null` or an empty list, never an error and never the data. The search indexes hold no
personal data at all."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import GraphQL, Result
from tests.contacts.conftest import ROLES, Subject

FIELDS = ("name", "function", "email", "phone")
PERSON = "id name function email phone"


@dataclass(frozen=True)
class Path:
    name: str
    document: str
    variables: Callable[[Subject, str], dict[str, Any]]  # (subject, a contact's key)
    people: str  # Cypher: the people this path reaches, as rows of the four fields
    empty: Callable[[Any], bool]  # what the public gets instead: null or []


def _org(s: Subject, _: str) -> dict[str, Any]:
    return {"id": f"Organisation:{s.organisation}"}


def _practice(s: Subject, _: str) -> dict[str, Any]:
    return {"id": f"Practice:{s.practice}"}


ORG_PEOPLE = "MATCH (o:Organisation {id: $organisation})<-[:CONTACT_FOR]-(p:Person)"
COALITION_PEOPLE = "MATCH (c:Coalition {id: $coalition})<-[:CONTACT_FOR]-(p:Person)"
PRACTICE_CONTACT = "MATCH (pr:Practice {id: $practice})<-[:CONTACT_FOR]-(p:Person)"
PRACTICE_AUTHORS = "MATCH (pr:Practice {id: $practice})<-[:AUTHORED]-(p:Person)"
FIRST_CONTACT = ORG_PEOPLE + " WITH p ORDER BY p.id LIMIT 1"

PATHS = [
    Path(
        "organisation.contacts",
        f"query($id: ID!) {{ organisation(id: $id) {{ contacts {{ {PERSON} }} }} }}",
        _org,
        ORG_PEOPLE,
        lambda d: d["organisation"]["contacts"] == [],
    ),
    Path(
        "coalition.contact",
        f"query($id: ID!) {{ coalition(id: $id) {{ contact {{ {PERSON} }} }} }}",
        lambda s, _: {"id": f"Coalition:{s.coalition}"},
        COALITION_PEOPLE,
        lambda d: d["coalition"]["contact"] is None,
    ),
    Path(
        "municipality.localCoalition.contact",
        f"""query($code: String!) {{ municipality(code: $code) {{
              localCoalition {{ contact {{ {PERSON} }} }} }} }}""",
        lambda s, _: {"code": s.municipality},
        COALITION_PEOPLE,
        lambda d: d["municipality"]["localCoalition"]["contact"] is None,
    ),
    Path(
        "practice.contact",
        f"query($id: ID!) {{ practice(id: $id) {{ contact {{ {PERSON} }} }} }}",
        _practice,
        PRACTICE_CONTACT,
        lambda d: d["practice"]["contact"] is None,
    ),
    Path(
        "practice.authors",
        f"query($id: ID!) {{ practice(id: $id) {{ authors {{ {PERSON} }} }} }}",
        _practice,
        PRACTICE_AUTHORS,
        lambda d: d["practice"]["authors"] == [],
    ),
    Path(
        "node(id:)",
        f"query($id: ID!) {{ node(id: $id) {{ ... on Person {{ {PERSON} }} }} }}",
        lambda s, person: {"id": f"Person:{person}"},
        FIRST_CONTACT,
        lambda d: d["node"] is None,
    ),
    Path(
        "nodes(ids:)",
        f"query($id: ID!) {{ nodes(ids: [$id]) {{ ... on Person {{ {PERSON} }} }} }}",
        lambda s, person: {"id": f"Person:{person}"},
        FIRST_CONTACT,
        lambda d: d["nodes"] == [None],
    ),
    Path(
        "organisations list",
        f"""query($name: String!) {{ organisations(filter: {{name: $name}}, first: 20) {{
              nodes {{ id contacts {{ {PERSON} }} }} }} }}""",
        lambda s, _: {"name": s.organisation_name},
        ORG_PEOPLE,
        lambda d: all(n["contacts"] == [] for n in d["organisations"]["nodes"]),
    ),
    Path(
        "coalition.members list",
        f"""query($id: ID!) {{ coalition(id: $id) {{ members(first: 100) {{
              nodes {{ id contacts {{ {PERSON} }} }} }} }} }}""",
        lambda s, _: {"id": f"Coalition:{s.coalition}"},
        ORG_PEOPLE,
        lambda d: all(n["contacts"] == [] for n in d["coalition"]["members"]["nodes"]),
    ),
    Path(
        "organisation.practices list",
        f"""query($id: ID!) {{ organisation(id: $id) {{ practices(first: 100) {{
              nodes {{ id contact {{ {PERSON} }} authors {{ {PERSON} }} }} }} }} }}""",
        _org,
        PRACTICE_CONTACT,
        lambda d: all(
            n["contact"] is None and n["authors"] == []
            for n in d["organisation"]["practices"]["nodes"]
        ),
    ),
    Path(
        "searchOrganisations node",
        f"""query($q: String!) {{ searchOrganisations(query: $q, first: 10) {{
              edges {{ node {{ id contacts {{ {PERSON} }} }} }} }} }}""",
        lambda s, _: {"q": s.organisation_name},
        ORG_PEOPLE,
        lambda d: all(e["node"]["contacts"] == [] for e in d["searchOrganisations"]["edges"]),
    ),
    Path(
        "searchPractices node",
        f"""query($q: String!) {{ searchPractices(query: $q, first: 10) {{
              edges {{ node {{ id contact {{ {PERSON} }} authors {{ {PERSON} }} }} }} }} }}""",
        lambda s, _: {"q": s.title},
        PRACTICE_CONTACT,
        lambda d: all(
            e["node"]["contact"] is None and e["node"]["authors"] == []
            for e in d["searchPractices"]["edges"]
        ),
    ),
]

_responses: dict[tuple[str, str], Result] = {}


@pytest.fixture(scope="module")
def contact(subject: Subject, run_cypher: Any) -> str:
    """The key of the organisation's first contact person."""
    rows = run_cypher(FIRST_CONTACT + " RETURN p.id AS id", organisation=subject.organisation)
    return str(rows[0]["id"])


@pytest.fixture(scope="module")
def people(subject: Subject, run_cypher: Any) -> dict[str, list[dict[str, Any]]]:
    """Per path, the people it reaches with their personal fields (read from the graph)."""
    keys = {
        "organisation": subject.organisation,
        "coalition": subject.coalition,
        "practice": subject.practice,
    }
    found = {}
    for path in PATHS:
        rows = run_cypher(
            path.people + " RETURN p.name AS name, p.function AS function, "
            "p.email AS email, p.phone AS phone",
            **keys,
        )
        assert rows, f"{path.name}: the demo data has nobody here"
        for row in rows:
            assert all(row[f] for f in FIELDS), f"{path.name}: demo people have all fields"
        found[path.name] = rows
    return found


def _response(gql: GraphQL, subject: Subject, contact: str, path: Path, role: str) -> Result:
    if (path.name, role) not in _responses:
        variables = path.variables(subject, contact)
        _responses[(path.name, role)] = gql(path.document, variables, subject.tokens[role])
    return _responses[(path.name, role)]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", PATHS, ids=[p.name for p in PATHS])
def test_privacy_matrix(
    gql: GraphQL,
    subject: Subject,
    contact: str,
    people: dict[str, list[dict[str, Any]]],
    path: Path,
    role: str,
    field: str,
) -> None:
    result = _response(gql, subject, contact, path, role)
    assert not result.errors, result.errors  # hidden is null or empty, never an error
    text = json.dumps(result.data, ensure_ascii=False)
    values = [p[field] for p in people[path.name]]
    if role == "public":
        assert path.empty(result.data), (path.name, result.data)
        leaked = [v for v in values if v in text]
        assert not leaked, f"{path.name}: the public sees a person's {field}"
    else:
        missing = [v for v in values if v not in text]
        assert not missing, f"{path.name}: {role} should see the {field} of every person"


def test_revisions_are_staff_only(gql: GraphQL, subject: Subject) -> None:
    """Revisions name who made a change (a token's subject): staff only, everyone else a
    FORBIDDEN error without data."""
    document = "query($id: ID!) { practice(id: $id) { revisions { by } } }"
    for role in ROLES:
        result = gql(document, {"id": f"Practice:{subject.practice}"}, subject.tokens[role])
        if role in ("staff", "admin"):
            assert not result.errors, result.errors
        else:
            assert result.codes == ["FORBIDDEN"], (role, result.errors)
            assert not (result.data or {}).get("practice"), result.data


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d ]{8,}\d")


def test_search_documents_hold_no_personal_data(search_documents: Any, run_cypher: Any) -> None:
    people = run_cypher(
        "MATCH (p:Person) RETURN p.name AS name, p.email AS email, p.phone AS phone"
    )
    assert len(people) > 1000  # the demo data has thousands
    names = {p["name"] for p in people if p["name"]}
    emails = {p["email"] for p in people if p["email"]}
    phones = {p["phone"] for p in people if p["phone"]}
    text = "\n".join(json.dumps(d, ensure_ascii=False) for d in search_documents())
    assert not emails & set(_EMAIL.findall(text))
    found_phones = {re.sub(r"\s", "", p) for p in _PHONE.findall(text)}
    assert not phones & found_phones
    # Names: "Medewerker van <organisation>" (made for accounts) names an organisation.
    leaked = [n for n in names if not n.startswith("Medewerker van ") and n in text]
    assert not leaked, leaked[:5]
