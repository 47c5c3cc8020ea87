"""Concurrent network upkeep over HTTP: one LEAD per coalition, one partnership per pair,
one organisation profile per write, one local coalition per municipality.

The races run on organisations and coalitions these tests create, so no seeded fact that
other tests check is touched; what is left behind is removed again at the end."""

from __future__ import annotations

import itertools
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from tests.concurrency.conftest import PREFIX, REPEATS, WRITERS, Actors, Call, Racer

COALITION_PAYLOAD = "coalition { id } errors { code field message }"
ORGANISATION_PAYLOAD = "organisation { id name } errors { code field message }"
SET_MEMBERSHIP = f"""mutation($c: ID!, $o: ID!, $r: MemberRole!) {{
  setMembership(coalitionId: $c, organisationId: $o, role: $r) {{ {COALITION_PAYLOAD} }} }}"""
REMOVE_MEMBERSHIP = f"""mutation($c: ID!, $o: ID!) {{
  removeMembership(coalitionId: $c, organisationId: $o) {{ {COALITION_PAYLOAD} }} }}"""
ADD_PARTNERSHIP = f"""mutation($a: ID!, $b: ID!) {{
  addPartnership(organisationId: $a, partnerId: $b) {{ {ORGANISATION_PAYLOAD} }} }}"""
REMOVE_PARTNERSHIP = f"""mutation($a: ID!, $b: ID!) {{
  removePartnership(organisationId: $a, partnerId: $b) {{ {ORGANISATION_PAYLOAD} }} }}"""
UPDATE_ORGANISATION = f"""mutation($id: ID!, $i: UpdateOrganisationInput!) {{
  updateOrganisation(id: $id, input: $i) {{ {ORGANISATION_PAYLOAD} }} }}"""
CREATE_COALITION = f"""mutation($i: CreateCoalitionInput!) {{
  createCoalition(input: $i) {{ {COALITION_PAYLOAD} }} }}"""
UPDATE_COALITION = f"""mutation($id: ID!, $i: UpdateCoalitionInput!) {{
  updateCoalition(id: $id, input: $i) {{ {COALITION_PAYLOAD} }} }}"""

# Coalitions made here carry this name prefix; the fixtures delete them all afterwards, since
# other tests hold that every local coalition has one lead and that 260 municipalities joined.
COALITION_PREFIX = f"{PREFIX} coalitie"

# Bare local coalitions (no municipality, no members) made directly in the graph: createCoalition
# insists on a municipality, and these races are about what comes after.
BARE_COALITIONS = """
MATCH (national:Coalition {kind: 'NATIONAL'})
UNWIND $ids AS id
CREATE (c:Coalition {id: id, kind: 'LOCAL', demo: false, name: $prefix + ' ' + id,
                     nameKey: toLower($prefix + ' ' + id)})
CREATE (c)-[:COUNTERPART_OF]->(national)
"""
DELETE_OURS = "MATCH (c:Coalition) WHERE c.name STARTS WITH $prefix DETACH DELETE c"


def gid(kind: str, key: str) -> str:
    return f"{kind}:{key}"


def bare_coalitions(run_cypher: Any, n: int) -> list[str]:
    ids = [f"race-{uuid.uuid4().hex[:12]}" for _ in range(n)]
    run_cypher(BARE_COALITIONS, ids=ids, prefix=COALITION_PREFIX)
    return ids


@pytest.fixture(scope="module")
def cleanup_coalitions(run_cypher: Any) -> Iterator[None]:
    yield
    run_cypher(DELETE_OURS, prefix=COALITION_PREFIX)


# -- c. memberships ------------------------------------------------------------------------


@pytest.mark.parametrize("repeat", range(REPEATS))
def test_one_lead_per_coalition(
    racer: Racer,
    actors: Actors,
    fresh_organisations: list[str],
    run_cypher: Any,
    cleanup_coalitions: None,
    repeat: int,
) -> None:
    [coalition] = bare_coalitions(run_cypher, 1)
    candidates = fresh_organisations[:WRITERS]
    calls = [
        Call(
            SET_MEMBERSHIP,
            {"c": gid("Coalition", coalition), "o": gid("Organisation", o), "r": "LEAD"},
            actors.admin,
            "setMembership",
        )
        for o in candidates
    ]
    outcomes = racer.race(calls)
    tally = Counter(o.code for o in outcomes)
    leads = run_cypher(
        """MATCH (o:Organisation)-[r:MEMBER_OF]->(c:Coalition {id: $c}) WHERE r.role = 'LEAD'
           RETURN o.id AS id""",
        c=coalition,
    )
    assert tally == {"OK": 1, "CONFLICT": WRITERS - 1}, (
        f"{tally['OK']} of {WRITERS} became LEAD: {tally}; LEAD relationships: {len(leads)}"
    )
    [winner] = [candidates[w] for w, o in enumerate(outcomes) if o.ok]
    assert [r["id"] for r in leads] == [winner]
    # The refused ones wrote nothing, not even a plain membership.
    members = run_cypher(
        "MATCH (o:Organisation)-[r:MEMBER_OF]->(:Coalition {id: $c}) RETURN count(r) AS n",
        c=coalition,
    )
    assert members == [{"n": 1}]


@pytest.mark.parametrize("repeat", range(REPEATS))
def test_set_and_remove_membership_racing(
    racer: Racer,
    actors: Actors,
    fresh_organisations: list[str],
    run_cypher: Any,
    cleanup_coalitions: None,
    repeat: int,
) -> None:
    [coalition] = bare_coalitions(run_cypher, 1)
    organisation = fresh_organisations[repeat % len(fresh_organisations)]
    ids = {"c": gid("Coalition", coalition), "o": gid("Organisation", organisation)}
    if repeat % 2:  # half the races start from an existing membership
        racer.one(Call(SET_MEMBERSHIP, {**ids, "r": "MEMBER"}, actors.admin, "setMembership"))
    initial = 1 if repeat % 2 else 0
    calls = [
        Call(
            SET_MEMBERSHIP,
            {**ids, "r": "CORE" if w % 4 else "MEMBER"},
            actors.admin,
            "setMembership",
        )
        if w % 2
        else Call(REMOVE_MEMBERSHIP, ids, actors.admin, "removeMembership")
        for w in range(WRITERS)
    ]
    outcomes = racer.race(calls)
    sets = Counter(
        o.code for c, o in zip(calls, outcomes, strict=True) if c.field == "setMembership"
    )
    removes = Counter(
        o.code for c, o in zip(calls, outcomes, strict=True) if c.field == "removeMembership"
    )
    assert set(sets) == {"OK"}, sets  # setting is an upsert: it always succeeds
    assert set(removes) <= {"OK", "NOT_FOUND"}, removes
    rows = run_cypher(
        """MATCH (:Organisation {id: $o})-[r:MEMBER_OF]->(:Coalition {id: $c})
           RETURN r.role AS role""",
        o=organisation,
        c=coalition,
    )
    assert len(rows) <= 1, f"{len(rows)} MEMBER_OF relationships between one pair"
    # In any serial order a removal succeeds only after a set (or the initial membership).
    assert removes["OK"] <= sets["OK"] + initial, (sets, removes)
    if removes["OK"] == 0:
        assert len(rows) == 1, (sets, removes)


# -- d. partnerships -----------------------------------------------------------------------


def pair(fresh_organisations: list[str], n: int) -> tuple[str, str]:
    """The n-th pair of our organisations; each race gets a pair no other race used."""
    a, b = list(itertools.combinations(fresh_organisations, 2))[n]
    return a, b


def partnerships(run_cypher: Any, a: str, b: str) -> int:
    rows = run_cypher(
        """MATCH (:Organisation {id: $a})-[r:PARTNERS_WITH]-(:Organisation {id: $b})
           RETURN count(r) AS n""",
        a=a,
        b=b,
    )
    return int(rows[0]["n"])


@pytest.mark.parametrize("repeat", range(REPEATS))
def test_one_partnership_per_pair(
    racer: Racer, actors: Actors, fresh_organisations: list[str], run_cypher: Any, repeat: int
) -> None:
    a, b = pair(fresh_organisations, repeat)
    assert partnerships(run_cypher, a, b) == 0
    # Half from each side, each by a partner of the organisation it acts for.
    calls = [
        Call(
            ADD_PARTNERSHIP,
            {"a": gid("Organisation", a), "b": gid("Organisation", b)},
            actors.partner(a),
            "addPartnership",
        )
        if w % 2
        else Call(
            ADD_PARTNERSHIP,
            {"a": gid("Organisation", b), "b": gid("Organisation", a)},
            actors.partner(b),
            "addPartnership",
        )
        for w in range(WRITERS)
    ]
    outcomes = racer.race(calls)
    tally = Counter(o.code for o in outcomes)
    found = partnerships(run_cypher, a, b)
    assert tally == {"OK": 1, "CONFLICT": WRITERS - 1}, (
        f"{tally['OK']} of {WRITERS} added it: {tally}; PARTNERS_WITH relationships: {found}"
    )
    assert found == 1


@pytest.mark.parametrize("repeat", range(REPEATS))
def test_add_and_remove_partnership_racing(
    racer: Racer, actors: Actors, fresh_organisations: list[str], run_cypher: Any, repeat: int
) -> None:
    a, b = pair(fresh_organisations, 100 + repeat)
    ids = {"a": gid("Organisation", a), "b": gid("Organisation", b)}
    initial = repeat % 2  # half the races start from an existing partnership
    if initial:
        racer.one(Call(ADD_PARTNERSHIP, ids, actors.admin, "addPartnership"))
    assert partnerships(run_cypher, a, b) == initial
    calls = [
        Call(ADD_PARTNERSHIP, ids, actors.partner(a), "addPartnership")
        if w % 2
        else Call(
            REMOVE_PARTNERSHIP,
            {"a": ids["b"], "b": ids["a"]},
            actors.partner(b),
            "removePartnership",
        )
        for w in range(WRITERS)
    ]
    outcomes = racer.race(calls)
    adds = Counter(
        o.code for c, o in zip(calls, outcomes, strict=True) if c.field == "addPartnership"
    )
    removes = Counter(
        o.code for c, o in zip(calls, outcomes, strict=True) if c.field == "removePartnership"
    )
    assert set(adds) <= {"OK", "CONFLICT"} and set(removes) <= {"OK", "NOT_FOUND"}, (adds, removes)
    found = partnerships(run_cypher, a, b)
    assert found <= 1, f"{found} PARTNERS_WITH relationships; adds {adds}, removes {removes}"
    # Serially, successful adds and removes alternate from the initial state, so the count
    # of each tells where it ended.
    assert found == initial + adds["OK"] - removes["OK"], (initial, adds, removes, found)


# -- e. organisation profiles --------------------------------------------------------------


@pytest.mark.parametrize("repeat", range(REPEATS))
def test_organisation_update_is_one_writers_whole(
    racer: Racer, actors: Actors, fresh_organisations: list[str], run_cypher: Any, repeat: int
) -> None:
    organisation = fresh_organisations[repeat % len(fresh_organisations)]
    slugs = [r["slug"] for r in run_cypher("MATCH (t:Theme) RETURN t.slug AS slug ORDER BY slug")]
    # Every writer a different pair of themes: a union of two is never anyone's list.
    lists = [sorted(p) for p in itertools.combinations(slugs, 2)][repeat : repeat + WRITERS]
    assert len(lists) == WRITERS
    tag = uuid.uuid4().hex[:6]
    descriptions = [f"Beschrijving {tag} van schrijver {w:02d}." for w in range(WRITERS)]
    names = [f"{PREFIX} Stichting {tag} {w:02d}" for w in range(WRITERS)]
    partner = actors.partner(organisation)
    calls = []
    for w in range(WRITERS):
        # Admins rename and describe it as well; the owning partner changes its themes only,
        # so some writes replace the theme links without first writing the node itself.
        change: dict[str, Any] = {"themes": lists[w]}
        if w % 2:
            change |= {"name": names[w], "description": descriptions[w]}
        calls.append(
            Call(
                UPDATE_ORGANISATION,
                {"id": gid("Organisation", organisation), "i": change},
                actors.admin if w % 2 else partner,
                "updateOrganisation",
            )
        )
    outcomes = racer.race(calls)
    tally = Counter(o.code for o in outcomes)
    assert tally == {"OK": WRITERS}, tally
    [row] = run_cypher(
        """MATCH (o:Organisation {id: $id})
           RETURN o.name AS name, o.description AS description,
                  COLLECT { MATCH (o)-[:WORKS_ON]->(t:Theme) RETURN t.slug ORDER BY t.slug }
                    AS themes,
                  COUNT { (o)-[:WORKS_ON]->(:Theme) } AS works_on""",
        id=organisation,
    )
    assert row["themes"] in lists, f"themes {row['themes']} are no writer's list"
    assert row["works_on"] == len(row["themes"]), "duplicate WORKS_ON relationships"
    writer = lists.index(row["themes"])
    assert row["name"] in names[1::2] and row["description"] in descriptions[1::2]
    if writer % 2:
        # The last write was an admin's, so its name and description are the final ones too.
        assert (row["name"], row["description"]) == (names[writer], descriptions[writer])


# -- f. local coalitions -------------------------------------------------------------------


@pytest.fixture
def free_municipality(run_cypher: Any) -> Iterator[str]:
    """A municipality no coalition covers; afterwards our coalitions are gone and it is as it
    was (the coverage tests count 260 joined municipalities)."""
    [row] = run_cypher(
        """MATCH (m:Municipality) WHERE NOT EXISTS { (m)<-[:COVERS]-(:Coalition) }
           RETURN m.code AS code, m.participation AS participation, m.joinedOn AS joinedOn
           ORDER BY m.code LIMIT 1"""
    )
    yield row["code"]
    run_cypher(DELETE_OURS, prefix=COALITION_PREFIX)
    run_cypher(
        """MATCH (m:Municipality {code: $code})
           SET m.participation = $participation, m.joinedOn = $joinedOn""",
        **row,
    )


@pytest.mark.parametrize("repeat", range(REPEATS))
def test_one_local_coalition_per_municipality(
    racer: Racer, actors: Actors, run_cypher: Any, free_municipality: str, repeat: int
) -> None:
    existing = bare_coalitions(run_cypher, WRITERS // 2)
    participation = "MATCH (m:Municipality {code: $code}) RETURN m.participation AS p"
    [before] = run_cypher(participation, code=free_municipality)
    calls = []
    for w in range(WRITERS):
        if w % 2:
            calls.append(
                Call(
                    UPDATE_COALITION,
                    {
                        "id": gid("Coalition", existing[w // 2]),
                        "i": {"municipalities": [free_municipality]},
                    },
                    actors.admin,
                    "updateCoalition",
                )
            )
        else:
            name = f"{COALITION_PREFIX} {repeat}-{w} {uuid.uuid4().hex[:6]}"
            calls.append(
                Call(
                    CREATE_COALITION,
                    {"i": {"name": name, "municipalities": [free_municipality]}},
                    actors.admin,
                    "createCoalition",
                )
            )
    outcomes = racer.race(calls)
    tally = Counter(o.code for o in outcomes)
    covering = run_cypher(
        """MATCH (c:Coalition)-[:COVERS]->(m:Municipality {code: $code})
           RETURN c.id AS id, m.participation AS participation""",
        code=free_municipality,
    )
    assert len(covering) <= 1, f"{len(covering)} local coalitions cover it; outcomes {tally}"
    assert tally == {"OK": 1, "CONFLICT": WRITERS - 1}, tally
    [winner] = [o.value["id"] for o in outcomes if o.ok]
    # Covering is not joining: the municipality's participation is as it was.
    assert covering == [{"id": winner.split(":", 1)[1], "participation": before["p"]}]
    # A refused createCoalition left no coalition behind.
    created = run_cypher(
        """MATCH (c:Coalition) WHERE c.name STARTS WITH $p AND NOT c.id STARTS WITH 'race-'
           RETURN count(c) AS n""",
        p=f"{COALITION_PREFIX} {repeat}-",
    )
    assert created == [
        {
            "n": sum(
                1
                for c, o in zip(calls, outcomes, strict=True)
                if o.ok and c.field == "createCoalition"
            )
        }
    ]
