"""The reference operations: read operations (one GraphQL request each) and the
publish-then-search round. Each sends requests through a keep-alive `Connection` and returns
its client-side latency in milliseconds, or raises `Failed`."""

from __future__ import annotations

import asyncio
import random
import string
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson

from bench import documents as doc
from bench.httpclient import Connection, HTTPError, Response
from bench.sampling import Draw
from bench.stats import percentile

Variables = dict[str, Any]


class Failed(Exception):
    """The request failed: an HTTP error, a GraphQL error or an unexpected answer."""


def body(document: str, name: str, variables: Variables) -> bytes:
    return orjson.dumps({"query": document, "variables": variables, "operationName": name})


def problem(response: Response) -> str | None:
    """Why a response is not a success, or None."""
    if response.status != 200:
        return f"HTTP {response.status}: {response.body[:200].decode(errors='replace')}"
    try:
        payload = response.json()
    except orjson.JSONDecodeError:
        return f"not JSON: {response.body[:120]!r}"
    if not isinstance(payload, dict) or "data" not in payload:
        return f"no data: {response.body[:200].decode(errors='replace')}"
    errors = payload.get("errors")
    if errors:
        first = errors[0]
        code = (first.get("extensions") or {}).get("code", "")
        return f"{code}: {first.get('message', '')}"[:300]
    return None


async def _request(
    conn: Connection, data: bytes, token: str | None = None
) -> tuple[float, Response]:
    """One request; (milliseconds, the response) or Failed."""
    started = time.perf_counter()
    try:
        response = await conn.post(data, token)
    except HTTPError as exc:
        raise Failed(str(exc)) from exc
    ms = (time.perf_counter() - started) * 1000.0
    # Checked after the clock stopped: parsing is the client's cost, not the server's.
    why = problem(response)
    if why is not None:
        raise Failed(why)
    return ms, response


async def send(conn: Connection, data: bytes, token: str | None = None) -> tuple[float, Any]:
    """One request; (milliseconds, parsed data) or Failed."""
    ms, response = await _request(conn, data, token)
    return ms, orjson.loads(response.body)["data"]


@dataclass(frozen=True)
class Peer:
    """The operation put to the peer (`@neo4j/graphql`, bench/peer/): its document, the
    API's variables turned into the peer's, and both answers turned into one comparable
    shape (`same` checks them before any timing)."""

    document: str
    variables: Callable[[Variables], Variables]
    api_data: Callable[[Any], Any]
    peer_data: Callable[[Any], Any]


async def timed(conn: Connection, data: bytes) -> float:
    """One request; its milliseconds, or Failed."""
    return (await _request(conn, data))[0]


@dataclass
class ReadOp:
    name: str
    title: str
    operation: str  # the operationName in the document (the peer's uses the same)
    document: str
    root_fields: tuple[str, ...]
    make_variables: Callable[[Draw, int], list[Variables]]
    # The peer's version, or why there is none (said in the report).
    peer: Peer | str = "no peer document"
    kind: str = "read"
    variants: list[Variables] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)
    peer_bodies: list[bytes] = field(default_factory=list)

    def prepare(self, draw: Draw, n: int) -> None:
        self.variants = self.make_variables(draw, n)
        self.bodies = [body(self.document, self.operation, v) for v in self.variants]
        if isinstance(self.peer, Peer):
            peer = self.peer
            self.peer_bodies = [
                body(peer.document, self.operation, peer.variables(v)) for v in self.variants
            ]

    async def once(self, conn: Connection, i: int) -> float:
        return await timed(conn, self.bodies[i % len(self.bodies)])

    async def peer_once(self, conn: Connection, i: int) -> float:
        return await timed(conn, self.peer_bodies[i % len(self.peer_bodies)])

    def cell_extra(self) -> dict[str, Any]:
        return {}


def _gid(type_name: str, keys: list[str]) -> list[str]:
    return [f"{type_name}:{k}" for k in keys]


# Both sides' answers in one shape: ids without the API's "Type:" prefix, to-one links as
# one object (the peer has lists), unordered lists sorted, pages in their order. Cursors
# are opaque on both sides and left out.


def _key(gid: str) -> str:
    return gid.partition(":")[2]


def _one(items: list[Any] | None) -> Any:
    return items[0] if items else None


def _sorted(items: list[Any]) -> list[Any]:
    return sorted(items, key=lambda x: orjson.dumps(x, option=orjson.OPT_SORT_KEYS))


def _peer_variables(v: Variables) -> Variables:
    return {"id": _key(v["id"])}


def _api_organisation_page(data: Any) -> Any:
    o = data["organisation"]
    if o is None:
        return None
    home = o["homeMunicipality"]
    p = o["partners"]
    return {
        "id": _key(o["id"]),
        **{k: o[k] for k in ("name", "kind", "scope", "website", "description", "isDemo")},
        "home": home,
        "themes": _sorted(o["themes"]),
        "targetGroups": _sorted(o["targetGroups"]),
        "coalitions": _sorted(
            [
                {
                    "role": c["role"],
                    "since": c["since"],
                    **c["coalition"],
                    "id": _key(c["coalition"]["id"]),
                }
                for c in o["coalitions"]
            ]
        ),
        "partners": {
            "totalCount": p["totalCount"],
            "hasNextPage": p["pageInfo"]["hasNextPage"],
            "edges": [
                {
                    "since": e["since"],
                    "id": _key(e["node"]["id"]),
                    "name": e["node"]["name"],
                    "kind": e["node"]["kind"],
                    "home": (e["node"]["homeMunicipality"] or {}).get("name"),
                }
                for e in p["edges"]
            ],
        },
    }


def _peer_organisation_page(data: Any) -> Any:
    o = _one(data["organisations"])
    if o is None:
        return None
    home = _one(o["homeMunicipality"])
    p = o["partnersConnection"]
    return {
        "id": o["id"],
        **{k: o[k] for k in ("name", "kind", "scope", "website", "description")},
        "isDemo": bool(o["demo"]),
        "home": home and {**home, "province": _one(home["province"])},
        "themes": _sorted(o["themes"]),
        "targetGroups": _sorted(o["targetGroups"]),
        "coalitions": _sorted(
            [{**e["properties"], **e["node"]} for e in o["coalitionsConnection"]["edges"]]
        ),
        "partners": {
            "totalCount": p["totalCount"],
            "hasNextPage": p["pageInfo"]["hasNextPage"],
            "edges": [
                {
                    "since": e["properties"]["since"],
                    "id": e["node"]["id"],
                    "name": e["node"]["name"],
                    "kind": e["node"]["kind"],
                    "home": (_one(e["node"]["homeMunicipality"]) or {}).get("name"),
                }
                for e in p["edges"]
            ],
        },
    }


def _peer_list_variables(v: Variables) -> Variables:
    f = v.get("filter") or {}
    where: Variables = {}
    if "themes" in f:
        where["themes"] = {"some": {"slug": {"in": f["themes"]}}}
    if "scopes" in f:
        where["scope"] = {"in": f["scopes"]}
    return {"where": where}


def _list_shape(total: int, more: bool, nodes: list[Variables]) -> Any:
    return {"totalCount": total, "hasNextPage": more, "nodes": nodes}


def _api_organisation_list(data: Any) -> Any:
    c = data["organisations"]
    nodes = [
        {
            "id": _key(n["id"]),
            **{k: n[k] for k in ("name", "kind", "scope")},
            "home": n["homeMunicipality"],
            "themes": _sorted(n["themes"]),
            "coalitions": _sorted(
                [
                    {"role": m["role"], **m["coalition"], "id": _key(m["coalition"]["id"])}
                    for m in n["coalitions"]
                ]
            ),
        }
        for n in (e["node"] for e in c["edges"])
    ]
    return _list_shape(c["totalCount"], c["pageInfo"]["hasNextPage"], nodes)


def _peer_organisation_list(data: Any) -> Any:
    c = data["organisationsConnection"]
    nodes = [
        {
            **{k: n[k] for k in ("id", "name", "kind", "scope")},
            "home": _one(n["homeMunicipality"]),
            "themes": _sorted(n["themes"]),
            "coalitions": _sorted(
                [{**e["properties"], **e["node"]} for e in n["coalitionsConnection"]["edges"]]
            ),
        }
        for n in (e["node"] for e in c["edges"])
    ]
    return _list_shape(c["totalCount"], c["pageInfo"]["hasNextPage"], nodes)


def _members_shape(c: Variables, coalition_id: str, edges: list[Variables], m: Variables) -> Any:
    return {
        "id": coalition_id,
        **{k: c[k] for k in ("name", "kind", "description")},
        "municipalities": _sorted(c["municipalities"]),
        "totalCount": m["totalCount"],
        "hasNextPage": m["pageInfo"]["hasNextPage"],
        "members": edges,
    }


def _api_coalition_members(data: Any) -> Any:
    c = data["coalition"]
    if c is None:
        return None
    m = c["members"]
    edges = [
        {"role": e["role"], "since": e["since"], **e["node"], "id": _key(e["node"]["id"])}
        for e in m["edges"]
    ]
    return _members_shape(c, _key(c["id"]), edges, m)


def _peer_coalition_members(data: Any) -> Any:
    c = _one(data["coalitions"])
    if c is None:
        return None
    m = c["membersConnection"]
    edges = [{**e["properties"], **e["node"]} for e in m["edges"]]
    return _members_shape(c, c["id"], edges, m)


def _peer_municipality_variables(v: Variables) -> Variables:
    return {"code": v["code"]}


def _api_municipality_page(data: Any) -> Any:
    m = data["municipality"]
    if m is None:
        return None
    local = m["localCoalition"]
    return {**m, "localCoalition": local and {**local, "id": _key(local["id"])}}


def _peer_municipality_page(data: Any) -> Any:
    m = _one(data["municipalities"])
    if m is None:
        return None
    # The API's to-one link reads the one LOCAL coalition that covers the municipality (the
    # seed has at most one); more than one would show here as a difference.
    local = m["coalitions"]
    return {
        **{k: v for k, v in m.items() if k != "coalitions"},
        "province": _one(m["province"]),
        "localCoalition": local[0] if len(local) == 1 else (local or None),
    }


def _peer_deep_nest_variables(v: Variables) -> Variables:
    f = v["filter"]
    where: Variables = {"coalitions": {"some": {"kind": {"eq": "LOCAL"}}}}
    if "provinces" in f:
        where["homeMunicipality"] = {
            "some": {"province": {"some": {"code": {"in": f["provinces"]}}}}
        }
    if "themes" in f:
        where["themes"] = {"some": {"slug": {"in": f["themes"]}}}
    return {"where": where}


def _nest_shape(o_id: str, name: str, coalitions: list[Variables]) -> Any:
    # An organisation's coalitions are not a page: compared as a set. Members are.
    return {"id": o_id, "name": name, "coalitions": _sorted(coalitions)}


def _api_deep_nest(data: Any) -> Any:
    return [
        _nest_shape(
            _key(n["id"]),
            n["name"],
            [
                {
                    "role": m["role"],
                    "id": _key(m["coalition"]["id"]),
                    "name": m["coalition"]["name"],
                    "kind": m["coalition"]["kind"],
                    "members": [
                        {
                            "role": e["role"],
                            "id": _key(e["node"]["id"]),
                            "name": e["node"]["name"],
                            "themes": _sorted(e["node"]["themes"]),
                        }
                        for e in m["coalition"]["members"]["edges"]
                    ],
                }
                for m in n["coalitions"]
            ],
        )
        for n in (e["node"] for e in data["organisations"]["edges"])
    ]


def _peer_deep_nest(data: Any) -> Any:
    return [
        _nest_shape(
            n["id"],
            n["name"],
            [
                {
                    "role": c["properties"]["role"],
                    **{k: c["node"][k] for k in ("id", "name", "kind")},
                    "members": [
                        {
                            "role": e["properties"]["role"],
                            **{k: e["node"][k] for k in ("id", "name")},
                            "themes": _sorted(e["node"]["themes"]),
                        }
                        for e in c["node"]["membersConnection"]["edges"]
                    ],
                }
                for c in n["coalitionsConnection"]["edges"]
            ],
        )
        for n in (e["node"] for e in data["organisationsConnection"]["edges"])
    ]


NO_PEER_LOGIC = (
    "no peer equivalent: the API's own {what}; the library has no such query, and the API's "
    "Cypher copied into a @cypher field would measure that Cypher on both sides, not the library"
)


def first_difference(a: Any, b: Any, path: str = "data") -> str | None:
    """Where two normalised answers first differ (a path and both values), or None."""
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: only on the {'API' if k in a else 'peer'} side"
            found = first_difference(a[k], b[k], f"{path}.{k}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items on the API side, {len(b)} on the peer's"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    if a != b:
        return f"{path}: API {str(a)[:80]!r}, peer {str(b)[:80]!r}"
    return None


def _organisation_page(d: Draw, n: int) -> list[Variables]:
    return [{"id": i} for i in _gid("Organisation", d.pick(d.rng("page"), d.pop.organisations, n))]


def _organisation_list(d: Draw, n: int) -> list[Variables]:
    # Filters broad enough to fill 50 rows at every scale, so the response size is the same
    # at scale 1 and 100 and only the data behind it grows.
    rng = d.rng("list")
    out: list[Variables] = []
    for i in range(n):
        theme = rng.choice(d.pop.themes)
        f: Variables = {"themes": [theme]}
        if i % 2:
            f["scopes"] = ["LOCAL"]
        out.append({"filter": f})
    return out


def _coalition_members(d: Draw, n: int) -> list[Variables]:
    return [{"id": i} for i in _gid("Coalition", d.pick(d.rng("coalition"), d.pop.coalitions, n))]


def _municipality_page(d: Draw, n: int) -> list[Variables]:
    return [{"code": c} for c in d.pick(d.rng("municipality"), d.pop.municipalities, n)]


def _deep_nest(d: Draw, n: int) -> list[Variables]:
    # Members of a local coalition (so every row nests), in a province or on a theme: ten
    # rows, each with one to a few coalitions of up to five members with their themes.
    rng = d.rng("deepNest")
    out: list[Variables] = []
    for i in range(n):
        f: Variables = {"inLocalCoalition": True}
        if i % 2:
            f["themes"] = [rng.choice(d.pop.themes)]
        else:
            f["provinces"] = [rng.choice(d.pop.provinces)]
        out.append({"filter": f})
    return out


def _suggest(d: Draw, n: int) -> list[Variables]:
    return [
        {"id": i} for i in _gid("Organisation", d.pick(d.rng("suggest"), d.pop.organisations, n))
    ]


def _path(d: Draw, n: int) -> list[Variables]:
    rng = d.rng("path")
    a = _gid("Organisation", d.pick(rng, d.pop.organisations, n))
    b = _gid("Organisation", d.pick(rng, d.pop.organisations, n))
    return [{"from": x, "to": y} for x, y in zip(a, b, strict=True)]


def _nearby(d: Draw, n: int) -> list[Variables]:
    return [{"code": c} for c in d.pick(d.rng("nearby"), d.pop.municipalities, n)]


def _coverage(d: Draw, n: int) -> list[Variables]:
    # Half national (all 342 municipalities), half one province.
    rng = d.rng("coverage")
    return [{"province": None if i % 2 == 0 else rng.choice(d.pop.provinces)} for i in range(n)]


def _search(d: Draw, n: int) -> list[Variables]:
    rng = d.rng("search")
    words = d.pick(rng, d.pop.words, n)
    # Every fourth query has two words, as people type them.
    return [{"q": w if i % 4 else f"{w} {rng.choice(d.pop.words)}"} for i, w in enumerate(words)]


def read_operations() -> list[ReadOp]:
    return [
        ReadOp(
            "organisationPage",
            "organisation page (profile, coalitions, municipality, themes, 20 partners)",
            "OrganisationPage",
            doc.ORGANISATION_PAGE,
            ("organisation",),
            _organisation_page,
            Peer(
                doc.PEER_ORGANISATION_PAGE,
                _peer_variables,
                _api_organisation_page,
                _peer_organisation_page,
            ),
        ),
        ReadOp(
            "organisationList",
            "filtered organisation list of 50 with coalitions and themes",
            "OrganisationList",
            doc.ORGANISATION_LIST,
            ("organisations",),
            _organisation_list,
            Peer(
                doc.PEER_ORGANISATION_LIST,
                _peer_list_variables,
                _api_organisation_list,
                _peer_organisation_list,
            ),
        ),
        ReadOp(
            "coalitionMembers",
            "coalition with its first 100 members",
            "CoalitionMembers",
            doc.COALITION_MEMBERS,
            ("coalition",),
            _coalition_members,
            Peer(
                doc.PEER_COALITION_MEMBERS,
                _peer_variables,
                _api_coalition_members,
                _peer_coalition_members,
            ),
        ),
        ReadOp(
            "municipalityPage",
            "municipality page (participation, province, local coalition)",
            "MunicipalityPage",
            doc.MUNICIPALITY_PAGE,
            ("municipality",),
            _municipality_page,
            Peer(
                doc.PEER_MUNICIPALITY_PAGE,
                _peer_municipality_variables,
                _api_municipality_page,
                _peer_municipality_page,
            ),
        ),
        ReadOp(
            "deepNest",
            "10 organisations, their coalitions, 5 members of each, their themes",
            "DeepNest",
            doc.DEEP_NEST,
            ("organisations",),
            _deep_nest,
            Peer(
                doc.PEER_DEEP_NEST,
                _peer_deep_nest_variables,
                _api_deep_nest,
                _peer_deep_nest,
            ),
        ),
        ReadOp(
            "suggestCollaborators",
            "suggestCollaborators, first 10",
            "SuggestCollaborators",
            doc.SUGGEST_COLLABORATORS,
            ("suggestCollaborators",),
            _suggest,
            NO_PEER_LOGIC.format(
                what="scoring of candidates (shared themes, coalitions, partners)"
            ),
        ),
        ReadOp(
            "connectionPath",
            "connectionPath between two organisations, maxHops 4",
            "ConnectionPath",
            doc.CONNECTION_PATH,
            ("connectionPath",),
            _path,
            NO_PEER_LOGIC.format(what="shortest-path search with introducers"),
        ),
        ReadOp(
            "nearby",
            "nearby a municipality, 10 km, first 20",
            "Nearby",
            doc.NEARBY,
            ("nearby",),
            _nearby,
            NO_PEER_LOGIC.format(what="distances from a municipality's centroid"),
        ),
        ReadOp(
            "coverage",
            "coverage, national or of a province",
            "Coverage",
            doc.COVERAGE,
            ("coverage",),
            _coverage,
            NO_PEER_LOGIC.format(what="aggregates per province and municipality"),
        ),
        ReadOp(
            "searchPractices",
            "searchPractices with 4 facets, first 20",
            "SearchPractices",
            doc.SEARCH_PRACTICES,
            ("searchPractices",),
            _search,
            "no peer equivalent: full-text search with facets is Meilisearch's, not the graph's",
        ),
    ]


@dataclass
class PublishRound:
    """Create a practice, publish it, poll `searchPractices` until it is found.

    Its latency is the time to findable: from the publish mutation's answer (committed) to
    the first search answer that holds the practice.
    """

    draw: Draw
    tokens: tuple[str, ...]  # one per editor: round i is done by editor i mod len
    timeout_s: float
    poll_interval_s: float
    name: str = "publishThenSearch"
    title: str = "publish a practice, then search until it is found (time to findable)"
    kind: str = "publish"
    root_fields: tuple[str, ...] = ("createPractice", "publishPractice", "searchPractices")
    tag: str = ""  # set per cell, so each round gets its own words
    created: list[str] = field(default_factory=list)  # practice keys, for the cleanup
    phases: dict[str, list[float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        rng = self.draw.rng("publish")
        self.organisations = self.draw.pick(rng, self.draw.pop.organisations, 64)
        self.themes = list(self.draw.pop.themes)

    def start_cell(self, tag: str) -> None:
        self.tag = tag
        self.phases = {"create_ms": [], "publish_ms": [], "polls": [], "from_request_ms": []}

    def word(self, i: int) -> str:
        # Twelve random letters: no typo-tolerant match with another round's word.
        rng = random.Random(f"{self.draw.seed}:publish:{self.tag}:{i}")
        return "bench" + "".join(rng.choice(string.ascii_lowercase) for _ in range(12))

    async def once(self, conn: Connection, i: int) -> float:
        word = self.word(i)
        org = self.organisations[i % len(self.organisations)]
        practice_input = {
            "organisationId": f"Organisation:{org}",
            "title": f"Proef {word} tegen eenzaamheid",
            "summary": f"Een praktijk van de benchmark ({word}) om vindbaarheid te meten.",
            "body": f"De benchmark publiceert deze praktijk en zoekt haar terug: {word}.",
            "themes": [self.themes[i % len(self.themes)]],
        }
        create = body(doc.CREATE_PRACTICE, "CreatePractice", {"input": practice_input})
        token = self.tokens[i % len(self.tokens)]
        create_ms, data = await self._send("createPractice", conn, create, token)
        gid = data["createPractice"]["practice"]["id"]
        self.created.append(gid.partition(":")[2])
        sent = time.perf_counter()
        publish = body(doc.PUBLISH_PRACTICE, "PublishPractice", {"id": gid})
        publish_ms, data = await self._send("publishPractice", conn, publish, token)
        published = time.perf_counter()
        find = body(doc.FIND_PRACTICE, "FindPractice", {"q": word})
        polls = 0
        while time.perf_counter() - published < self.timeout_s:
            polls += 1
            _, data = await self._send("searchPractices", conn, find)
            if any(e["node"]["id"] == gid for e in data["searchPractices"]["edges"]):
                found = time.perf_counter()
                self.phases["create_ms"].append(create_ms)
                self.phases["publish_ms"].append(publish_ms)
                self.phases["polls"].append(polls)
                self.phases["from_request_ms"].append((found - sent) * 1000.0)
                return (found - published) * 1000.0
            await asyncio.sleep(self.poll_interval_s)
        raise Failed(f"NOT_FINDABLE: not findable within {self.timeout_s:g} s")

    async def _send(
        self, phase: str, conn: Connection, data: bytes, token: str | None = None
    ) -> tuple[float, Any]:
        """`send` with the step named in the error; a mutation's payload errors are errors
        too, their code first (so `stats.error_code` counts them)."""
        try:
            ms, answer = await send(conn, data, token)
        except Failed as exc:
            raise Failed(f"{exc} (in {phase})") from exc
        payload = answer.get(phase) or {}
        if phase != "searchPractices" and (payload.get("errors") or not payload.get("practice")):
            first = (payload.get("errors") or [{}])[0]
            raise Failed(f"{first.get('code')}: {first.get('message')} (in {phase} payload)")
        return ms, answer

    def cell_extra(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, values in self.phases.items():
            ordered = sorted(values)
            out[key] = {
                "p50": round(percentile(ordered, 50), 3) if ordered else None,
                "p95": round(percentile(ordered, 95), 3) if ordered else None,
            }
        return out


Operation = ReadOp | PublishRound
