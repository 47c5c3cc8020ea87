"""The maintained aggregates (partners.aggregates) after random writes over HTTP, many at once:
each is recomputed from scratch in Cypher and compared with the value the writes kept.

The writes touch organisations, coalitions and practices these tests create; the practices
are applied in seeded municipalities and address seeded themes, so those nodes' counts move
too (and are compared too: the comparison covers every node of every aggregated label).
"""

from __future__ import annotations

import itertools
import random
import uuid
from collections.abc import Callable
from typing import Any

from neo4j import Driver

from graph_api.partners.aggregates import mismatches
from graph_api.settings import Settings
from tests.concurrency.conftest import PREFIX, Actors, Call, Racer
from tests.concurrency.test_network_races import (
    ADD_PARTNERSHIP,
    COALITION_PREFIX,
    DELETE_OURS,
    REMOVE_MEMBERSHIP,
    REMOVE_PARTNERSHIP,
    SET_MEMBERSHIP,
    UPDATE_ORGANISATION,
    bare_coalitions,
    gid,
)
from tests.concurrency.test_practice_races import CREATE, STEPS, UPDATE, step
from tests.conftest import GraphQL

ORGANISATIONS = 8
COALITIONS = 3
ROUNDS = 12
PER_ROUND = 16  # concurrent requests per round
# Two in Zuid-Holland (a practice applied in both counts once there), one elsewhere each.
CODES = ["GM0599", "GM0518", "GM0363", "GM0344"]
THEMES = ["participatie", "wonen", "zingeving"]
GROUPS = ["mantelzorgers", "jongeren-12-25", "studenten"]
# Refusals write nothing; these are the ones random writes run into.
REFUSED = {"CONFLICT", "NOT_FOUND", "VALIDATION"}
FIGURES = """query($id: ID!) { coalitionFigures(id: $id) {
  members partnershipsAmongMembers publishedPractices } }"""
CREATE_ORGANISATION = """mutation($i: CreateOrganisationInput!) {
  createOrganisation(input: $i) { organisation { id } errors { code field message } } }"""


def organisations(racer: Racer, actors: Actors) -> list[str]:
    run = uuid.uuid4().hex[:6]
    calls = [
        Call(
            CREATE_ORGANISATION,
            {
                "i": {
                    "name": f"{PREFIX} Aggregaat {run} {n}",
                    "kind": "CIVIL_SOCIETY",
                    "scope": "LOCAL",
                    "homeMunicipality": "GM0363",
                }
            },
            actors.admin,
            "createOrganisation",
        )
        for n in range(ORGANISATIONS)
    ]
    return [o.value["id"].split(":", 1)[1] for o in racer.race(calls)]


def practice(racer: Racer, actors: Actors, organisation: str, rng: random.Random) -> str:
    created = racer.one(
        Call(
            CREATE,
            {
                "i": {
                    "organisationId": gid("Organisation", organisation),
                    "title": f"{PREFIX} aggregaat {uuid.uuid4().hex[:8]}",
                    "summary": "Samen tellen, ook als iedereen tegelijk schrijft.",
                    "body": "Tekst.",
                    "themes": rng.sample(THEMES, 2),
                    "municipalities": rng.sample(CODES, 2),
                }
            },
            actors.staff,
            "createPractice",
        )
    )
    return str(created["id"])


def check(outcomes: list[Any]) -> int:
    """Every request either wrote or was refused with a code that writes nothing."""
    for outcome in outcomes:
        assert outcome.ok or set(outcome.codes) <= REFUSED, outcome.codes
    return sum(outcome.ok for outcome in outcomes)


def test_aggregates_match_a_recomputation_after_concurrent_writes(
    racer: Racer,
    actors: Actors,
    gql: GraphQL,
    run_cypher: Any,
    neo4j: Driver,
    settings: Settings,
) -> None:
    rng = random.Random(20260401)
    orgs = organisations(racer, actors)
    coalitions = bare_coalitions(run_cypher, COALITIONS)
    practices = [practice(racer, actors, o, rng) for o in orgs]

    def revision(pid: str) -> int:
        rows = run_cypher(
            "MATCH (p:Practice) WHERE 'Practice:' + p.id = $id RETURN p.revision AS r", id=pid
        )
        return int(rows[0]["r"])

    try:
        # Everyone joins one coalition, then every pair partners at once and every practice is
        # published at once: the same coalition, organisations, municipalities and themes
        # take many concurrent increments, none of which may be lost.
        crowded = coalitions[0]
        check(
            racer.race(
                [
                    Call(
                        SET_MEMBERSHIP,
                        {
                            "c": gid("Coalition", crowded),
                            "o": gid("Organisation", o),
                            "r": "MEMBER",
                        },
                        actors.admin,
                        "setMembership",
                    )
                    for o in orgs
                ]
            )
        )
        pairs = list(itertools.combinations(orgs, 2))
        calls = [
            Call(
                ADD_PARTNERSHIP,
                {"a": gid("Organisation", a), "b": gid("Organisation", b)},
                actors.admin,
                "addPartnership",
            )
            for a, b in pairs
        ]
        calls += [
            Call(step("publish"), {"id": p}, actors.staff, STEPS["publish"]) for p in practices
        ]
        assert check(racer.race(calls)) == len(calls)
        figures = gql.ok(FIGURES, {"id": gid("Coalition", crowded)})["coalitionFigures"]
        assert figures == {
            "members": ORGANISATIONS,
            "partnershipsAmongMembers": len(pairs),
            "publishedPractices": len(practices),
        }
        assert mismatches(neo4j, settings.neo4j_database) == []

        # Random writes of every kind that moves an aggregate, sixteen at a time.
        def membership() -> Call:
            c, o = gid("Coalition", rng.choice(coalitions)), gid("Organisation", rng.choice(orgs))
            if rng.random() < 0.4:
                return Call(REMOVE_MEMBERSHIP, {"c": c, "o": o}, actors.admin, "removeMembership")
            role = rng.choice(["MEMBER", "CORE", "LEAD"])
            return Call(SET_MEMBERSHIP, {"c": c, "o": o, "r": role}, actors.admin, "setMembership")

        def partnership() -> Call:
            a, b = (gid("Organisation", o) for o in rng.sample(orgs, 2))
            doc, name = rng.choice(
                [(ADD_PARTNERSHIP, "addPartnership"), (REMOVE_PARTNERSHIP, "removePartnership")]
            )
            return Call(doc, {"a": a, "b": b}, actors.admin, name)

        def branch() -> Call:
            o, parent = rng.sample(orgs, 2)
            value = gid("Organisation", parent) if rng.random() < 0.7 else None
            return Call(
                UPDATE_ORGANISATION,
                {"id": gid("Organisation", o), "i": {"branchOf": value}},
                actors.admin,
                "updateOrganisation",
            )

        def transition() -> Call:
            action = rng.choice(["publish", "unpublish", "archive", "publish"])
            return Call(step(action), {"id": rng.choice(practices)}, actors.staff, STEPS[action])

        def move() -> Call:
            pid = rng.choice(practices)
            links = rng.choice(
                [
                    {"municipalities": rng.sample(CODES, rng.randint(0, 3))},
                    {"themes": rng.sample(THEMES, rng.randint(1, 3))},
                ]
            )
            return Call(
                UPDATE,
                {"id": pid, "rev": revision(pid), "i": links},
                actors.staff,
                "updatePractice",
            )

        def profile() -> Call:
            # Scope and themes move the themes' per-scope counts; name, themes and home the
            # copies their relationships carry (`partners.aggregates.ORGANISATION_COPIES`);
            # themes, target groups and home the profile (`ORGANISATION_PROFILE`).
            o = rng.choice(orgs)
            i: dict[str, Any] = rng.choice(
                [
                    {"scope": rng.choice(["LOCAL", "REGIONAL", "NATIONAL"])},
                    {"themes": rng.sample(THEMES, rng.randint(0, 3))},
                    {"name": f"{PREFIX} Aggregaat {uuid.uuid4().hex[:6]} {o[-4:]}"},
                    {"scope": "REGIONAL", "themes": rng.sample(THEMES, 2)},
                    {"homeMunicipality": rng.choice(CODES)},
                    {"targetGroups": rng.sample(GROUPS, rng.randint(0, 2))},
                ]
            )
            return Call(
                UPDATE_ORGANISATION,
                {"id": gid("Organisation", o), "i": i},
                actors.admin,
                "updateOrganisation",
            )

        kinds: list[Callable[[], Call]] = [
            membership,
            partnership,
            branch,
            transition,
            move,
            profile,
        ]
        written = 0
        for _ in range(ROUNDS):
            written += check(racer.race([rng.choice(kinds)() for _ in range(PER_ROUND)]))
        assert written > ROUNDS * PER_ROUND // 3, "most random writes should have written"
        assert mismatches(neo4j, settings.neo4j_database) == []
    finally:
        # Withdrawn through the API (their search documents follow); the coalitions go
        # directly (run_cypher recomputes the aggregates after a direct write).
        racer.race(
            [Call(step("archive"), {"id": p}, actors.staff, STEPS["archive"]) for p in practices]
        )
        # Off the seeded themes again, so lists and counts on them are as seeded, and no
        # longer branches (other tests look for a branch near its parent).
        racer.race(
            [
                Call(
                    UPDATE_ORGANISATION,
                    {"id": gid("Organisation", o), "i": {"themes": [], "branchOf": None}},
                    actors.admin,
                    "updateOrganisation",
                )
                for o in orgs
            ]
        )
        run_cypher(DELETE_OURS, prefix=COALITION_PREFIX)
