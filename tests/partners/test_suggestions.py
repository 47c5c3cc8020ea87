"""suggestCollaborators against a brute-force ranking computed in Python from the graph."""

from __future__ import annotations

from typing import Any

import pytest

from graph_api.partners import aggregates, suggestions
from tests.conftest import GraphQL
from tests.partners.conftest import Graph

QUERY = """query($id: ID!, $first: Int, $filter: SuggestionFilter, $locale: Locale) {
  suggestCollaborators(organisationId: $id, first: $first, filter: $filter, locale: $locale) {
    score reasons mutualPartners distanceKm partnersInCommon { id name }
    reasonDetails { kind text values count
      organisations { organisationId name roles { coalitionId coalitionName role } } }
    organisation { id name kind homeMunicipality { code } }
    sharedThemes { slug name } sharedTargetGroups { slug name } sharedCoalitions { id name }
  } }"""

RADIUS_KM = 15.0


def expected(
    graph: Graph,
    run_cypher: Any,
    src_id: str,
    first: int,
    kinds: set[str] | None = None,
    provinces: set[str] | None = None,
    themes: set[str] | None = None,
    groups: set[str] | None = None,
    radius_km: float | None = None,
    nearby: int = suggestions.NEARBY_CANDIDATES,
    per_coalition: int = suggestions.COALITION_CANDIDATES,
) -> list[tuple[str, float]]:
    """The documented ranking, computed without the API's Cypher."""
    src = graph.orgs[src_id]
    # Distances from the source's home as Neo4j measures them (the API ranks on these).
    km = {
        r["code"]: r["d"] / 1000
        for r in run_cypher(
            """MATCH (h:Municipality {code: $home}), (m:Municipality)
               RETURN m.code AS code, point.distance(h.location, m.location) AS d""",
            home=src.home,
        )
    }
    # The nearest `nearby` of those based within the radius, by distance, then name and id.
    around = sorted(
        (km[o.home], o.name, o.id)
        for o in graph.orgs.values()
        if o.home and km[o.home] <= RADIUS_KM
    )
    near = {oid for _, _, oid in around[:nearby]}
    # Of each coalition, the `per_coalition` members that follow the source in name order (it
    # and those named after it, then from the start).
    co_members = set()
    for c in src.coalitions:
        ring = sorted((graph.orgs[o].name, o) for o in graph.members[c])
        after = [o for name, o in ring if name >= src.name]
        before = [o for name, o in ring if name < src.name]
        co_members |= set((after + before)[:per_coalition])
    partners_of_partners = {o for p in src.partners for o in graph.orgs[p].partners}
    candidates = (near | co_members | partners_of_partners) - {src_id} - src.partners - src.family
    ranked = []
    for cid in candidates:
        o = graph.orgs[cid]
        if kinds and o.kind not in kinds:
            continue
        if provinces and (o.home is None or graph.places[o.home].province not in provinces):
            continue
        if themes and not o.themes & themes:
            continue
        if groups and not o.groups & groups:
            continue
        d = km[o.home] if o.home else None
        if radius_km is not None and (d is None or d > radius_km):
            continue
        score = (
            2.0 * len(o.themes & src.themes)
            + 1.5 * len(o.groups & src.groups)
            + 3.0 * len(o.coalitions & src.coalitions)
            + 1.5 * len(o.partners & src.partners)
            + (3.0 * (1 - d / 50) if d is not None and d < 50 else 0.0)
        )
        ranked.append((cid, round(score, 4)))
    ranked.sort(key=lambda t: (-t[1], t[0]))
    return ranked[:first]


@pytest.fixture(scope="module")
def sources(run_cypher: Any) -> list[str]:
    """A spread of organisations: well-connected local ones, a branch whose parent is near
    (so leaving out family matters), a national partner and a municipality."""
    # With a home to measure distance from (sourced ones may have none; other tests add
    # partnerships to any organisation).
    local = run_cypher("""MATCH (o:Organisation)-[:MEMBER_OF]->(:Coalition {kind: 'LOCAL'})
                          WHERE COUNT { (o)-[:PARTNERS_WITH]-() } >= 3
                            AND EXISTS { (o)-[:BASED_IN]->() }
                          RETURN DISTINCT o.id AS id ORDER BY id LIMIT 3""")
    branch = run_cypher("""MATCH (b:Organisation)-[:BRANCH_OF]->(p:Organisation),
                                 (b)-[:BASED_IN]->(m1), (p)-[:BASED_IN]->(m2)
                           WHERE point.distance(m1.location, m2.location) <= 15000
                           RETURN b.id AS id ORDER BY id LIMIT 1""")
    # A generated national partner: sourced ones have no home to measure distance from.
    national = run_cypher("""MATCH (o:Organisation {scope: 'NATIONAL', demo: true})
                             RETURN o.id AS id ORDER BY id LIMIT 1""")
    # One whose partner leads a coalition and has a partner of its own in the same place:
    # that kartrekker is the one to introduce them.
    introduced = run_cypher(
        """MATCH (o:Organisation)-[:PARTNERS_WITH]-(p:Organisation)
                 -[:MEMBER_OF {role: 'LEAD'}]->(:Coalition),
                 (p)-[:PARTNERS_WITH]-(x:Organisation),
                 (o)-[:BASED_IN]->(m)<-[:BASED_IN]-(x)
           WHERE x <> o AND NOT EXISTS { (o)-[:PARTNERS_WITH]-(x) }
           RETURN o.id AS id ORDER BY id LIMIT 1"""
    )
    found = local + branch + national + introduced
    return list(dict.fromkeys(r["id"] for r in found)) + ["gemeente-utrecht"]


def suggest(
    gql: GraphQL,
    org_id: str,
    first: int = 20,
    filter_: Any = None,
    locale: str | None = None,
    headers: dict[str, str] | None = None,
) -> list[Any]:
    variables = {"id": f"Organisation:{org_id}", "first": first, "filter": filter_}
    result = gql(QUERY, {**variables, "locale": locale}, headers=headers)
    assert not result.errors, result.errors
    assert result.extensions["cypherRoundTrips"] == 1
    items: list[Any] = result.data["suggestCollaborators"]
    return items


def key(global_id: str) -> str:
    return global_id.split(":", 1)[1]


def test_ranking_matches_the_documented_score(
    gql: GraphQL, graph: Graph, run_cypher: Any, sources: list[str]
) -> None:
    assert len(sources) >= 6
    for src_id in sources:
        items = suggest(gql, src_id)
        got = [(key(i["organisation"]["id"]), i["score"]) for i in items]
        want = expected(graph, run_cypher, src_id, 20)
        assert len(got) == 20
        assert [g[0] for g in got] == [w[0] for w in want], src_id
        assert all(abs(g[1] - w[1]) < 1e-3 for g, w in zip(got, want, strict=True))


@pytest.mark.parametrize(
    ("bound", "lowered"),
    [
        # Around a city at scale 100 the radius holds thousands of organisations; only the
        # nearest NEARBY_CANDIDATES are scored.
        ("NEARBY_CANDIDATES", 8),
        # A coalition has some 400 members at scale 100; of each one the organisation shares,
        # only the COALITION_CANDIDATES following it in name order are candidates, while a
        # candidate that came in another way still counts every coalition it shares.
        ("COALITION_CANDIDATES", 3),
    ],
)
def test_candidates_are_bounded(
    gql: GraphQL,
    graph: Graph,
    run_cypher: Any,
    sources: list[str],
    monkeypatch: pytest.MonkeyPatch,
    bound: str,
    lowered: int,
) -> None:
    """The seeded data never meets the bounds, so each is lowered here to make it bite."""
    monkeypatch.setattr(suggestions, bound, lowered)
    differs = 0
    for src_id in sources:
        got = [(key(i["organisation"]["id"]), i["score"]) for i in suggest(gql, src_id)]
        # The bounds as the API now has them (the defaults of `expected` are the real ones).
        want = expected(
            graph,
            run_cypher,
            src_id,
            20,
            nearby=suggestions.NEARBY_CANDIDATES,
            per_coalition=suggestions.COALITION_CANDIDATES,
        )
        assert [g[0] for g in got] == [w[0] for w in want], src_id
        assert all(abs(g[1] - w[1]) < 1e-3 for g, w in zip(got, want, strict=True)), src_id
        differs += [g[0] for g in got] != [w[0] for w in expected(graph, run_cypher, src_id, 20)]
    assert differs, "choose sources where the bound changes the list"


def test_the_real_data_never_meets_the_coalition_bound(graph: Graph) -> None:
    """Like the nearby bound, this one is for the benchmark's larger scales."""
    assert 0 < max(len(m) for m in graph.members.values()) <= suggestions.COALITION_CANDIDATES


def test_the_real_data_never_meets_the_nearby_bound(run_cypher: Any) -> None:
    """The bound is for the benchmark's larger scales: around every municipality of the seeded
    graph, every organisation within the radius is scored."""
    [row] = run_cypher(
        """MATCH (h:Municipality) CALL (h) {
             MATCH (m:Municipality) WHERE point.distance(m.location, h.location) <= $radius
             MATCH (o:Organisation)-[:BASED_IN]->(m) RETURN count(o) AS n }
           RETURN max(n) AS most""",
        radius=suggestions.CANDIDATE_RADIUS_KM * 1000,
    )
    assert 0 < row["most"] <= suggestions.NEARBY_CANDIDATES


def test_topic_flags_are_distinct_bits_of_one_mask(run_cypher: Any) -> None:
    """Candidates are scored from one integer per organisation (`aggregates.PROFILE`): each
    theme and target group needs a bit of its own within a signed 64-bit integer, and an
    organisation's mask must be exactly its themes' and groups' bits."""
    rows = run_cypher(
        "MATCH (x) WHERE x:Theme OR x:TargetGroup "
        "RETURN labels(x)[0] AS label, x.slug AS slug, x.flag AS flag"
    )
    flags = [r["flag"] for r in rows]
    assert len(rows) == len(set(flags)) > 10
    themes = [r["flag"] for r in rows if r["label"] == "Theme"]
    groups = [r["flag"] for r in rows if r["label"] == "TargetGroup"]
    assert len(themes) <= aggregates.THEME_FLAGS
    assert len(groups) <= aggregates.TOPIC_FLAGS - aggregates.THEME_FLAGS
    assert all(f > 0 and f & (f - 1) == 0 for f in flags), "each a power of two"
    assert max(themes) < 2**aggregates.THEME_FLAGS <= min(groups)
    assert max(groups) < 2**aggregates.TOPIC_FLAGS
    [wrong] = run_cypher(
        """MATCH (o:Organisation)
           WITH o, reduce(m = 0, f IN [(o)-[:WORKS_ON|SERVES]->(x) | x.flag] | m + f) AS want
           RETURN count(*) AS n, count(CASE WHEN o.topicMask <> want THEN 1 END) AS wrong"""
    )
    assert wrong["n"] > 0 and wrong["wrong"] == 0


def test_each_suggestion_states_true_facts(gql: GraphQL, graph: Graph, sources: list[str]) -> None:
    for src_id in sources:
        src = graph.orgs[src_id]
        items = suggest(gql, src_id)
        scores = [(-i["score"], i["organisation"]["id"]) for i in items]
        assert scores == sorted(scores), "best first, ties by ID"
        for item in items:
            o = graph.orgs[key(item["organisation"]["id"])]
            assert o.id != src_id and o.id not in src.partners and o.id not in src.family
            assert {t["slug"] for t in item["sharedThemes"]} == o.themes & src.themes
            assert {g["slug"] for g in item["sharedTargetGroups"]} == o.groups & src.groups
            assert {key(c["id"]) for c in item["sharedCoalitions"]} == o.coalitions & src.coalitions
            assert item["mutualPartners"] == len(o.partners & src.partners)
            home = item["organisation"]["homeMunicipality"]
            assert (home["code"] if home else None) == o.home
            assert src.home
            if o.home:  # sourced partners have a home only where a source gives one
                assert abs(item["distanceKm"] - graph.km(src.home, o.home)) < 0.1
            else:
                assert item["distanceKm"] is None
            names = [t["name"] for t in item["sharedThemes"]]
            assert names == sorted(names)
            reasons = " | ".join(item["reasons"])
            assert all(name in reasons for name in names)
            assert all(c["name"] in reasons for c in item["sharedCoalitions"])
            assert ("gemeenschappelijke partner" in reasons) == (item["mutualPartners"] > 0)
            # Dutch by default, and nothing that is true of every suggestion.
            assert not any("partner" in r.lower() and "nog" in r.lower() for r in item["reasons"])
            assert [d["text"] for d in item["reasonDetails"]] == item["reasons"]
            common = sorted(o.partners & src.partners, key=lambda i: (graph.orgs[i].name, i))
            assert [key(p["id"]) for p in item["partnersInCommon"]] == common[:3]


def test_family_and_partners_are_left_out(
    gql: GraphQL, graph: Graph, sources: list[str], run_cypher: Any
) -> None:
    branch = graph.orgs[sources[3]]
    (parent,) = branch.family
    # The parent is near enough to be a candidate, so only the family rule keeps it out.
    assert graph.km(branch.home or "", graph.orgs[parent].home or "") <= RADIUS_KM
    ids = {key(i["organisation"]["id"]) for i in suggest(gql, branch.id, first=100)}
    assert parent not in ids and not ids & branch.partners
    assert len(ids) == min(100, len(expected(graph, run_cypher, branch.id, 100)))


def test_the_same_graph_gives_the_same_list(gql: GraphQL, sources: list[str]) -> None:
    assert suggest(gql, sources[0], first=50) == suggest(gql, sources[0], first=50)


@pytest.mark.parametrize(
    "filter_",
    [
        {"kinds": ["CARE_AND_WELFARE", "CIVIL_SOCIETY"]},
        {"provinces": ["PV26", "PV27"]},
        {"themes": ["mantelzorg"]},
        # All three together; broad enough that the seeded graph leaves candidates.
        {
            "kinds": ["CARE_AND_WELFARE", "CIVIL_SOCIETY", "COMPANY"],
            "themes": ["gezondheid", "wonen", "participatie", "sociale-cohesie"],
            "provinces": ["PV26"],
        },
        {"targetGroups": ["75-plussers", "mantelzorgers"]},
        {"radiusKm": 8.0},
        {"radiusKm": 20.0, "targetGroups": ["jongeren-12-25"], "themes": ["gezondheid"]},
    ],
)
def test_filters_narrow_the_candidates(
    gql: GraphQL, graph: Graph, run_cypher: Any, filter_: dict[str, Any]
) -> None:
    kinds, provinces, themes, groups = (
        set(filter_.get(k, [])) or None for k in ("kinds", "provinces", "themes", "targetGroups")
    )
    items = suggest(gql, "gemeente-utrecht", first=30, filter_=filter_)
    want = expected(
        graph,
        run_cypher,
        "gemeente-utrecht",
        30,
        kinds,
        provinces,
        themes,
        groups,
        filter_.get("radiusKm"),
    )
    assert want, "the filter should leave something to suggest"
    assert [key(i["organisation"]["id"]) for i in items] == [w[0] for w in want]


def test_nested_selections_aliases_and_fragments(gql: GraphQL) -> None:
    result = gql("""{ s: suggestCollaborators(organisationId: "Organisation:movisie", first: 3) {
        __typename score
        a: organisation { ... on Node { id } }
        b: organisation { name partners(first: 2) { totalCount edges { node { name } } } }
        themes: sharedThemes { ...T } } }
        fragment T on Theme { slug }""")
    assert not result.errors and result.extensions["cypherRoundTrips"] == 1
    for item in result.data["s"]:
        assert item["__typename"] == "CollaboratorSuggestion"
        assert item["a"]["id"].startswith("Organisation:") and item["b"]["name"]
        assert item["b"]["partners"]["totalCount"] >= len(item["b"]["partners"]["edges"])


def test_unknown_organisation_is_null(gql: GraphQL) -> None:
    assert gql.ok(QUERY, {"id": "Organisation:no-such-organisation"}) == {
        "suggestCollaborators": None
    }


@pytest.mark.parametrize(
    ("variables", "code"),
    [
        ({"id": "Coalition:nationale-coalitie"}, "INVALID_ID"),
        ({"id": "not an id"}, "INVALID_ID"),
        ({"id": "Organisation:movisie", "first": 0}, "INVALID_ARGUMENT"),
        ({"id": "Organisation:movisie", "first": 101}, "INVALID_ARGUMENT"),
        ({"id": "Organisation:movisie", "filter": {"provinces": ["Utrecht"]}}, "INVALID_ARGUMENT"),
        ({"id": "Organisation:movisie", "filter": {"themes": ["Not A Slug!"]}}, "INVALID_ARGUMENT"),
        ({"id": "Organisation:movisie", "filter": {"themes": ["ruimtevaart"]}}, "UNKNOWN_VALUE"),
        ({"id": "Organisation:movisie", "filter": {"provinces": ["PV99"]}}, "UNKNOWN_VALUE"),
        ({"id": "Organisation:movisie", "filter": {"targetGroups": ["x-y"]}}, "UNKNOWN_VALUE"),
        ({"id": "Organisation:movisie", "filter": {"radiusKm": 0}}, "INVALID_ARGUMENT"),
        ({"id": "Organisation:movisie", "filter": {"radiusKm": 500}}, "INVALID_ARGUMENT"),
    ],
)
def test_bad_input(gql: GraphQL, variables: dict[str, Any], code: str) -> None:
    result = gql(QUERY, variables)
    assert result.codes == [code] and result.data == {"suggestCollaborators": None}


def test_an_organisation_without_a_home(gql: GraphQL, run_cypher: Any) -> None:
    """No home municipality: no nearness, but its network still yields suggestions."""
    run_cypher("""MATCH (p:Organisation {id: 'movisie'}), (t:Theme {slug: 'gezondheid'})
                  CREATE (o:Organisation {id: 'test-partners-homeless', name: 'Zonder adres',
                          nameKey: 'zonder adres', kind: 'CIVIL_SOCIETY', scope: 'LOCAL'})
                  CREATE (o)-[:PARTNERS_WITH]->(p), (o)-[:WORKS_ON]->(t)""")
    try:
        items = suggest(gql, "test-partners-homeless", first=100)
        partners_of_movisie = run_cypher(
            """MATCH (:Organisation {id: 'movisie'})-[:PARTNERS_WITH]-(o:Organisation)
               WHERE o.id <> 'test-partners-homeless' RETURN count(DISTINCT o) AS n"""
        )[0]["n"]
        assert len(items) == min(100, partners_of_movisie)
        assert all(i["distanceKm"] is None and i["mutualPartners"] == 1 for i in items)
        assert not any("km" in r or "gevestigd" in r for i in items for r in i["reasons"])
    finally:
        run_cypher("MATCH (o:Organisation {id: 'test-partners-homeless'}) DETACH DELETE o")


def _lead(graph: Graph, coalition: str) -> str | None:
    leads = sorted(
        (graph.orgs[o].name, o)
        for o in graph.members[coalition]
        if graph.roles[(o, coalition)] == "LEAD"
    )
    return leads[0][1] if leads else None


def test_reasons_as_data_name_the_introducers(
    gql: GraphQL, graph: Graph, sources: list[str]
) -> None:
    """Each shared coalition names its kartrekker; partners in common are named, the first
    three alphabetically, with their roles in the coalitions of either organisation."""
    seen_lead = seen_partners = seen_lead_partner = 0
    for src_id in sources:
        src = graph.orgs[src_id]
        for item in suggest(gql, src_id):
            o = graph.orgs[key(item["organisation"]["id"])]
            details = item["reasonDetails"]
            kinds = [d["kind"] for d in details]
            assert kinds == sorted(kinds, key=ORDER.index), "coalitions, partners, themes, place"
            shared = sorted(o.coalitions & src.coalitions, key=lambda c: graph.coalition_names[c])
            coalition_reasons = [d for d in details if d["kind"] == "SHARED_COALITION"]
            assert len(coalition_reasons) == len(shared)
            for cid, reason in zip(shared, coalition_reasons, strict=True):
                lead = _lead(graph, cid)
                assert reason["values"][0] == graph.coalition_names[cid]
                if lead is None:
                    assert reason["organisations"] == [] and "kartrekker" not in reason["text"]
                    continue
                seen_lead += 1
                (named,) = reason["organisations"]
                assert named["organisationId"] == f"Organisation:{lead}"
                assert f"(kartrekker: {graph.orgs[lead].name})" in reason["text"]
                assert {"coalitionId": f"Coalition:{cid}", "role": "LEAD"}.items() <= {
                    **next(r for r in named["roles"] if r["coalitionId"] == f"Coalition:{cid}")
                }.items()
            common = sorted(o.partners & src.partners, key=lambda i: (graph.orgs[i].name, i))
            partner_reasons = [d for d in details if d["kind"] == "PARTNERS_IN_COMMON"]
            assert len(partner_reasons) == (1 if common else 0)
            if not common:
                continue
            seen_partners += 1
            (reason,) = partner_reasons
            assert reason["count"] == len(common) == item["mutualPartners"]
            assert reason["values"] == [graph.orgs[p].name for p in common[:3]]
            assert reason["text"].startswith(f"{len(common)} gemeenschappelijke partner")
            either = o.coalitions | src.coalitions
            for pid, named in zip(common[:3], reason["organisations"], strict=True):
                want = sorted(
                    (
                        ["LEAD", "CORE", "MEMBER"].index(graph.roles[(pid, c)]),
                        graph.coalition_names[c],
                        c,
                    )
                    for c in graph.orgs[pid].coalitions & either
                )[:3]
                got = [(r["role"], key(r["coalitionId"])) for r in named["roles"]]
                assert got == [(["LEAD", "CORE", "MEMBER"][w[0]], w[2]) for w in want]
                if want and want[0][0] == 0:
                    seen_lead_partner += 1
                    marked = f"{graph.orgs[pid].name} (kartrekker van {want[0][1]})"
                    assert marked in reason["text"]
    assert seen_lead and seen_partners, "the sources should show both kinds of introducer"
    assert seen_lead_partner, "some partner in common should be a kartrekker"


ORDER = [
    "SHARED_COALITION",
    "PARTNERS_IN_COMMON",
    "SHARED_THEMES",
    "SHARED_TARGET_GROUPS",
    "SAME_MUNICIPALITY",
    "NEARBY",
]


def test_reasons_in_dutch_and_in_english(gql: GraphQL, sources: list[str]) -> None:
    dutch = suggest(gql, sources[0])
    english = suggest(gql, sources[0], locale="EN")
    assert suggest(gql, sources[0], headers={"Accept-Language": "en-GB,en;q=0.9"}) == english
    assert suggest(gql, sources[0], headers={"Accept-Language": "fr, nl;q=0.5"}) == dutch
    # The argument wins over the header.
    assert suggest(gql, sources[0], locale="NL", headers={"Accept-Language": "en"}) == dutch
    assert [i["organisation"] for i in dutch] == [i["organisation"] for i in english]
    assert dutch != english
    for nl, en in zip(dutch, english, strict=True):
        assert [(d["kind"], d["values"]) for d in nl["reasonDetails"]] == [
            (d["kind"], d["values"]) for d in en["reasonDetails"]
        ]
        for d_nl, d_en in zip(nl["reasonDetails"], en["reasonDetails"], strict=True):
            words = {
                "SHARED_COALITION": ("Beide zijn lid van", "Both are members of"),
                "PARTNERS_IN_COMMON": ("gemeenschappelijke partner", "in common"),
                "SHARED_THEMES": ("Werkt ook aan", "Works on the same theme"),
                "SHARED_TARGET_GROUPS": ("Richt zich ook op", "Serves the same target group"),
                "SAME_MUNICIPALITY": ("Ook gevestigd in", "Based in the same municipality"),
                "NEARBY": ("km afstand", "km away"),
            }[d_nl["kind"]]
            assert words[0] in d_nl["text"] and words[1] in d_en["text"]
            if d_nl["kind"] == "NEARBY":
                km = f"{nl['distanceKm']:.1f}"
                assert km in d_en["text"] and km.replace(".", ",") in d_nl["text"]


def test_an_unsupported_language_is_an_invalid_argument(gql: GraphQL) -> None:
    for header in ("de-DE,de;q=0.9", "en;q=0", "nl;q=2", "<script>"):
        result = gql(
            QUERY,
            {"id": "Organisation:movisie"},
            headers={"Accept-Language": header},
        )
        assert result.codes == ["INVALID_ARGUMENT"], header
        assert result.errors[0]["extensions"]["argument"] == "Accept-Language"
        assert result.data == {"suggestCollaborators": None}
        assert result.extensions["cypherRoundTrips"] == 0
    # The explicit argument needs no header; an unknown value is refused by the schema.
    assert (
        gql(
            QUERY, {"id": "Organisation:movisie", "locale": "EN"}, headers={"Accept-Language": "de"}
        ).errors
        == []
    )
    assert gql(QUERY, {"id": "Organisation:movisie", "locale": "DE"}).codes == ["BAD_USER_INPUT"]
