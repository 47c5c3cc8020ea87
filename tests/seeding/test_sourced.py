"""Sourced means sourced: every sourced record in the graph is exactly what its source file
says, field by field, and carries no generated value (issue 13, item 1).

The expectations are read from the csv files here, independently of the seeder's code.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from graph_api.settings import Settings

# Strongest first; the graph's participation for each status of the evidence file.
STATUS = {
    "joined": "JOINED",
    "signed": "JOINED",
    "announced": "ANNOUNCED",
    "local_coalition_listed": "COALITION_ONLY",
}
ROLES = ["LEAD", "CORE", "MEMBER"]

# Properties a sourced node may carry: each is filled from a file, or is a lookup key.
ALLOWED = {
    "Municipality": {
        "code", "name", "nameKey", "location", "participation", "joinedOn", "joinedIn",
        "joinedInSource", "evidenceUrl", "evidenceNote", "sourceUrls", "sourceReadOn",
    },
    "Organisation": {
        "id", "name", "nameKey", "kind", "scope", "website", "description", "demo",
        "sourceUrl", "sourceUrls", "sourceReadOn",
    },
    "Coalition": {
        "id", "name", "nameKey", "kind", "description", "planPeriod", "demo", "sourceUrl",
        "sourceUrls", "sourceReadOn", "startedOn", "endedOn",
    },
}  # fmt: skip
# Derived from the graph, not generated: the name without its CBS suffix, and the counts
# kept by the writes that change them (graph_api/partners/aggregates.py).
DERIVED = {
    "Municipality": {"displayName", "publishedPractices"},
    # `partners.aggregates.PROFILE`: from the organisation's own links (none generated).
    "Organisation": {
        "degree",
        "publishedPractices",
        "topicMask",
        "homeLocation",
        "coalitionIds",
    },
    "Coalition": {"partnershipsAmongMembers", "publishedPractices"},
}
# Relationships a sourced organisation may have; all of them come from the files.
SOURCED_ORG_RELS = {"MEMBER_OF", "WAS_MEMBER_OF", "BASED_IN", "ACTIVE_IN"}


def _csv(settings: Settings, name: str) -> list[dict[str, str]]:
    path = Path(settings.seed_dir) / name
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _first_read(rows: list[dict[str, str]]) -> dict[str, str]:
    return next((r for r in rows if r["read_on"]), rows[0])


def _urls(rows: list[dict[str, str]]) -> list[str]:
    return list(dict.fromkeys(r["source_url"] for r in rows))


@pytest.fixture(scope="module")
def sourced_orgs(run_cypher: Any) -> dict[str, dict[str, Any]]:
    rows = run_cypher("""
        MATCH (o:Organisation) WHERE NOT coalesce(o.demo, false)
        RETURN o.id AS id, properties(o) AS props, toString(o.sourceReadOn) AS readOn,
               [(o)-[:BASED_IN]->(m) | m.code] AS home,
               [(o)-[:ACTIVE_IN]->(m) | m.code] AS active,
               [(o)-[r:MEMBER_OF]->(c) | [c.id, r.role, toString(r.since)]] AS member,
               [(o)-[r:WAS_MEMBER_OF]->(c) | [c.id, r.role, toString(r.since)]] AS former""")
    return {r["id"]: r for r in rows}


def test_sourced_municipalities_are_what_their_sources_say(
    settings: Settings, run_cypher: Any
) -> None:
    evidence: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in _csv(settings, "gemeenten-aangesloten-evidence.csv"):
        evidence[row["code"]].append(row)
    coalition_only = {
        r["municipality_code"] for r in _csv(settings, "lokale-coalities-voorbeelden.csv")
    } - set(evidence)
    graph = {
        r["code"]: r
        for r in run_cypher("""MATCH (m:Municipality) WHERE m.evidenceUrl IS NOT NULL
                               RETURN m.code AS code, m.participation AS participation,
                                      toString(m.joinedOn) AS joinedOn, m.joinedIn AS joinedIn,
                                      m.joinedInSource AS joinedInSource,
                                      m.evidenceUrl AS url, m.sourceUrls AS urls,
                                      toString(m.sourceReadOn) AS readOn""")
    }
    assert set(graph) == set(evidence) | coalition_only
    for code, rows in evidence.items():
        got = graph[code]
        strongest = min(rows, key=lambda r: list(STATUS).index(r["status"]))
        assert got["participation"] == STATUS[strongest["status"]], code
        dated = [r for r in rows if r["joined_in"] and STATUS[r["status"]] == "JOINED"]
        joined_in = dated[0]["joined_in"] if got["participation"] == "JOINED" and dated else None
        assert got["joinedIn"] == joined_in, code
        assert got["joinedInSource"] == (dated[0]["source_url"] if joined_in else None), code
        # A day only where the source gives one: never filled in.
        assert got["joinedOn"] == (joined_in if joined_in and len(joined_in) == 10 else None)
        assert got["urls"] == _urls(rows), code
        first = _first_read(rows)
        assert (got["url"], got["readOn"]) == (first["source_url"], first["read_on"] or None)
    for code in coalition_only:
        assert graph[code]["participation"] == "COALITION_ONLY"
        assert graph[code]["joinedOn"] is None and graph[code]["joinedIn"] is None


def test_sourced_national_partners_are_what_their_sources_say(
    settings: Settings, sourced_orgs: dict[str, dict[str, Any]]
) -> None:
    kinds = {
        "knowledge_institute": "KNOWLEDGE_INSTITUTE",
        "civil_society": "CIVIL_SOCIETY",
        "media": "MEDIA",
        "company": "COMPANY",
        "cultural_institution": "CULTURAL",
        "religious": "RELIGIOUS",
        "fund": "FUND",
    }
    evidence: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in _csv(settings, "nationale-coalitie-partners-evidence.csv"):
        evidence[row["organisation"]].append(row)
    coalitions = {r["id"]: r["kind"] for r in _csv(settings, "landelijke-coalities.csv")}
    local_roles = _local_roles(settings)
    for partner in _csv(settings, "landelijke-partners.csv"):
        got = sourced_orgs[partner["id"]]
        props = got["props"]
        rows = evidence[partner["id"]]
        assert rows, f"{partner['id']} has no evidence row"
        assert props["name"] == partner["name"] and props["scope"] == "NATIONAL"
        assert props["kind"] == kinds[partner["org_type"]]
        assert props.get("description") == (partner["description"] or None)
        assert props.get("website") == (partner["website"] or None)
        assert props["sourceUrls"] == _urls(rows)
        first = _first_read(rows)
        want = (first["source_url"], first["read_on"] or None)
        assert (props["sourceUrl"], got["readOn"]) == want
        assert got["home"] == [] and got["active"] == []
        want_current: set[tuple[str, str, None]] = set()
        want_former: set[tuple[str, str, None]] = set()
        for coalition in {r["coalition"] for r in rows}:
            role = min((r["role"] for r in rows if r["coalition"] == coalition), key=ROLES.index)
            target = want_former if coalitions[coalition] == "PREDECESSOR" else want_current
            target.add((coalition, role, None))
        # A national partner may also take part in a sourced local coalition (Leger des Heils).
        want_current |= {(c, role, None) for c, role in local_roles.get(partner["name"], [])}
        assert {tuple(m) for m in got["member"]} == want_current, partner["id"]
        assert {tuple(m) for m in got["former"]} == want_former, partner["id"]


def _local_roles(settings: Settings) -> dict[str, list[tuple[str, str]]]:
    roles: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in _csv(settings, "lokale-coalities-voorbeelden.csv"):
        for column, role in (("leads", "LEAD"), ("core", "CORE"), ("members", "MEMBER")):
            for name in _split(row[column]):
                roles[name].append((row["coalition_id"], role))
    return roles


def test_sourced_coalitions_are_what_their_sources_say(settings: Settings, run_cypher: Any) -> None:
    graph = {
        r["id"]: r
        for r in run_cypher("""
            MATCH (c:Coalition) WHERE NOT coalesce(c.demo, false)
            RETURN c.id AS id, properties(c) AS props, toString(c.startedOn) AS startedOn,
                   toString(c.endedOn) AS endedOn,
                   [(c)-[:COVERS]->(m) | m.code] AS covers,
                   [(c)-[:PREDECESSOR_OF]->(n) | n.id] AS successor,
                   [(o)-[r:MEMBER_OF]->(c) | [o.name, r.role, toString(r.since)]] AS members,
                   [(o)-[r:WAS_MEMBER_OF]->(c) | o.id] AS former""")
    }
    national = _csv(settings, "landelijke-coalities.csv")
    local: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in _csv(settings, "lokale-coalities-voorbeelden.csv"):
        local[row["coalition_id"]].append(row)
    assert set(graph) == {r["id"] for r in national} | set(local)
    for row in national:
        got = graph[row["id"]]
        assert (got["props"]["name"], got["props"]["kind"]) == (row["name"], row["kind"])
        assert got["props"].get("description") == row["description"]
        assert got["startedOn"] == (row["started_on"] or None)
        assert got["endedOn"] == (row["ended_on"] or None)
        assert got["props"].get("planPeriod") == (row["plan_period"] or None)
        assert got["successor"] == ([row["successor"]] if row["successor"] else [])
        assert got["props"]["sourceUrl"] == row["source_url"]
    assert graph["coalitie-erbij"]["members"] == []  # a predecessor has no current members
    evidence = _csv(settings, "nationale-coalitie-partners-evidence.csv")
    partners = {r["organisation"] for r in evidence if r["coalition"] == "coalitie-erbij"}
    assert set(graph["coalitie-erbij"]["former"]) == partners
    for coalition_id, rows in local.items():
        got = graph[coalition_id]
        first = rows[0]
        assert got["props"]["name"] == first["coalition_name"]
        assert got["props"]["kind"] == "LOCAL"
        assert got["props"].get("description") == (first["description"] or None)
        assert got["props"].get("planPeriod") == (first["plan_period"] or None)
        assert got["startedOn"] == (first["started_on"] or None)
        assert sorted(got["covers"]) == sorted(r["municipality_code"] for r in rows)
        assert got["props"]["sourceUrls"] == _urls(rows)
        want = set()
        for row in rows:
            for column, role in (("leads", "LEAD"), ("core", "CORE"), ("members", "MEMBER")):
                want |= {(name, role, None) for name in _split(row[column])}
        # Exactly the members the sources name: no generated lead or member.
        assert {tuple(m) for m in got["members"]} == want, coalition_id


def test_no_generated_value_lands_on_a_sourced_record(
    run_cypher: Any, sourced_orgs: dict[str, dict[str, Any]]
) -> None:
    for label, allowed in ALLOWED.items():
        where = (
            "n.evidenceUrl IS NOT NULL"
            if label == "Municipality"
            # Sourced: carries its source (what tests create through the API is not demo
            # either, and may hold anything a user may write).
            else "n.sourceUrl IS NOT NULL"
        )
        rows = run_cypher(
            f"MATCH (n:{label}) WHERE {where} RETURN keys(n) AS keys, coalesce(n.id, n.code) AS k"
        )
        assert rows
        for row in rows:
            unexpected = set(row["keys"]) - allowed - DERIVED[label]
            assert not unexpected, (label, row["k"], unexpected)
    # Sourced organisations: no generated themes, partners, branches, staff or practices.
    rels = run_cypher("""
        MATCH (o:Organisation)-[r]-(x) WHERE o.sourceUrl IS NOT NULL
        RETURN o.id AS id, type(r) AS type, startNode(r) = o AS outgoing,
               coalesce(x.demo, false) AS demo, labels(x) AS labels""")
    for r in rels:
        assert r["type"] in SOURCED_ORG_RELS and r["outgoing"], r
        if r["type"] in ("MEMBER_OF", "WAS_MEMBER_OF"):
            assert not r["demo"], r  # only the sourced coalitions
    # Sourced coalitions: every member and every covered place comes from a file.
    demo_members = run_cypher("""
        MATCH (o:Organisation)-[:MEMBER_OF|WAS_MEMBER_OF]->(c:Coalition)
        WHERE c.sourceUrl IS NOT NULL AND coalesce(o.demo, false)
          AND c.kind <> 'NATIONAL'
        RETURN count(*) AS n""")[0]["n"]
    assert demo_members == 0
    sourced = [r for r in sourced_orgs.values() if r["props"].get("sourceUrl")]
    assert sourced and all(r["home"] == [] or r["props"]["kind"] == "GOVERNMENT" for r in sourced)


def test_the_national_coalition_and_its_predecessor_in_the_api(gql: Any) -> None:
    data = gql.ok("""{ nationalCoalition { isDemo sourceUrl predecessor { name kind endedOn
                         successor { kind } formerMembers(first: 50) { totalCount
                           edges { role node { name formerCoalitions { role coalition { name } }
                                               coalitions { coalition { kind } } } } } } }
                       municipality(code: "GM1892") { participation joinedOn joinedIn
                         joinedInSource sourceUrls } }""")
    national = data["nationalCoalition"]
    assert national["isDemo"] is False and national["sourceUrl"].startswith("https://")
    erbij = national["predecessor"]
    assert (erbij["name"], erbij["kind"], erbij["endedOn"]) == (
        "Coalitie Erbij",
        "PREDECESSOR",
        "2019-01-01",
    )
    assert erbij["successor"]["kind"] == "NATIONAL"
    members = {e["node"]["name"]: e for e in erbij["formerMembers"]["edges"]}
    assert members["Humanitas"]["role"] == "CORE" and members["Rode Kruis"]["role"] == "MEMBER"
    humanitas = members["Humanitas"]["node"]
    assert humanitas["formerCoalitions"] == [
        {"role": "CORE", "coalition": {"name": "Coalitie Erbij"}}
    ]
    # A predecessor membership is not a current one.
    assert humanitas["coalitions"] == []
    zuidplas = data["municipality"]
    assert zuidplas["joinedIn"] == "2018-09" and zuidplas["joinedOn"] is None
    assert len(zuidplas["sourceUrls"]) == 2
