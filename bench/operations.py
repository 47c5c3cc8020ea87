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


async def send(conn: Connection, data: bytes, token: str | None = None) -> tuple[float, Any]:
    """One request; (milliseconds, parsed data) or Failed."""
    started = time.perf_counter()
    try:
        response = await conn.post(data, token)
    except HTTPError as exc:
        raise Failed(str(exc)) from exc
    ms = (time.perf_counter() - started) * 1000.0
    why = problem(response)
    if why is not None:
        raise Failed(why)
    return ms, orjson.loads(response.body)["data"]


@dataclass
class ReadOp:
    name: str
    title: str
    operation: str  # the operationName in the document
    document: str
    root_fields: tuple[str, ...]
    make_variables: Callable[[Draw, int], list[Variables]]
    kind: str = "read"
    variants: list[Variables] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)

    def prepare(self, draw: Draw, n: int) -> None:
        self.variants = self.make_variables(draw, n)
        self.bodies = [body(self.document, self.operation, v) for v in self.variants]

    async def once(self, conn: Connection, i: int) -> float:
        started = time.perf_counter()
        try:
            response = await conn.post(self.bodies[i % len(self.bodies)])
        except HTTPError as exc:
            raise Failed(str(exc)) from exc
        ms = (time.perf_counter() - started) * 1000.0
        # Checked after the clock stopped: parsing is the client's cost, not the API's.
        why = problem(response)
        if why is not None:
            raise Failed(why)
        return ms

    def cell_extra(self) -> dict[str, Any]:
        return {}


def _gid(type_name: str, keys: list[str]) -> list[str]:
    return [f"{type_name}:{k}" for k in keys]


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
        ),
        ReadOp(
            "organisationList",
            "filtered organisation list of 50 with coalitions and themes",
            "OrganisationList",
            doc.ORGANISATION_LIST,
            ("organisations",),
            _organisation_list,
        ),
        ReadOp(
            "coalitionMembers",
            "coalition with its first 100 members",
            "CoalitionMembers",
            doc.COALITION_MEMBERS,
            ("coalition",),
            _coalition_members,
        ),
        ReadOp(
            "suggestCollaborators",
            "suggestCollaborators, first 10",
            "SuggestCollaborators",
            doc.SUGGEST_COLLABORATORS,
            ("suggestCollaborators",),
            _suggest,
        ),
        ReadOp(
            "connectionPath",
            "connectionPath between two organisations, maxHops 4",
            "ConnectionPath",
            doc.CONNECTION_PATH,
            ("connectionPath",),
            _path,
        ),
        ReadOp(
            "nearby",
            "nearby a municipality, 10 km, first 20",
            "Nearby",
            doc.NEARBY,
            ("nearby",),
            _nearby,
        ),
        ReadOp(
            "coverage",
            "coverage, national or of a province",
            "Coverage",
            doc.COVERAGE,
            ("coverage",),
            _coverage,
        ),
        ReadOp(
            "searchPractices",
            "searchPractices with 4 facets, first 20",
            "SearchPractices",
            doc.SEARCH_PRACTICES,
            ("searchPractices",),
            _search,
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
