"""A real uvicorn server on a free loopback port and helpers for racing requests at it.

Concurrency is only honest over HTTP: every request gets its own Neo4j session and
transaction in the server, exactly as two frontends would, so the races are real ones.
"""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from typing import Any

import httpx2 as httpx
import pytest

from graph_api.auth.tokens import mint
from graph_api.auth.viewer import Role
from graph_api.settings import Settings

WRITERS = 20  # concurrent requests per race
REPEATS = 20  # races per case: one lucky interleaving must not make a case pass
PREFIX = "Gelijktijdig"  # names of everything these tests create, to find and clean it up
SHED_RETRIES = 10  # attempts at a request the server shed with SERVICE_UNAVAILABLE


@dataclass
class Outcome:
    """One request's result: the payload's object, or its error codes (payload or top level)."""

    value: Any
    codes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.codes

    @property
    def code(self) -> str:
        return "OK" if self.ok else "+".join(self.codes)


@dataclass
class Call:
    document: str
    variables: dict[str, Any]
    token: str | None
    field: str  # the mutation's root field


class Racer:
    """Sends documents over HTTP, one at a time or all at once with asyncio.gather."""

    def __init__(self, url: str) -> None:
        self.url = f"{url}/graphql"

    async def _post(self, http: httpx.AsyncClient, call: Call) -> Outcome:
        headers = {"Authorization": f"Bearer {call.token}"} if call.token else {}
        for _ in range(SHED_RETRIES):
            response = await http.post(
                self.url,
                json={"query": call.document, "variables": call.variables},
                headers=headers,
            )
            body = response.json()
            errors = body.get("errors") or []
            top = [e.get("extensions", {}).get("code") or "ERROR" for e in errors]
            # A write the server shed for load wrote nothing and says when to come back; a
            # real client retries it, and so do we (it then races whoever is still at it).
            if top != ["SERVICE_UNAVAILABLE"]:
                break
            await asyncio.sleep(float(response.headers.get("Retry-After") or 1))
        assert response.status_code < 500 or top == ["SERVICE_UNAVAILABLE"], response.text
        payload = (body.get("data") or {}).get(call.field)
        if payload is None:
            return Outcome(None, top or ["NO_PAYLOAD"])
        codes = top + [e["code"] for e in payload.get("errors") or []]
        value = next((v for k, v in payload.items() if k != "errors"), None)
        return Outcome(value, codes)

    async def _gather(self, calls: list[Call]) -> list[Outcome]:
        # One connection per request (no queueing in the client), so all arrive together.
        limits = httpx.Limits(max_connections=len(calls) + 5)
        async with httpx.AsyncClient(timeout=60, limits=limits) as http:
            return list(await asyncio.gather(*(self._post(http, c) for c in calls)))

    def race(self, calls: list[Call]) -> list[Outcome]:
        return asyncio.run(self._gather(calls))

    def one(self, call: Call) -> Any:
        """A single request that must succeed; returns the payload's object."""
        [outcome] = self.race([call])
        assert outcome.ok, (call.field, outcome.codes)
        return outcome.value


@pytest.fixture(scope="session")
def racer(live_url: str) -> Racer:
    # The shared live server has no rate limit: twenty requests at once from one address
    # are the point here.
    return Racer(live_url)


class Actors:
    """Tokens for the races; partners act for organisations these tests created."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.staff = mint(settings, Role.STAFF, subject="race-staff")
        self.admin = mint(settings, Role.ADMIN, subject="race-admin")

    def partner(self, organisation: str) -> str:
        return mint(
            self.settings, Role.PARTNER, organisation, subject=f"race-partner-{organisation}"
        )


@pytest.fixture(scope="session")
def actors(settings: Settings) -> Actors:
    return Actors(settings)


CREATE_ORGANISATION = """mutation($i: CreateOrganisationInput!) {
  createOrganisation(input: $i) { organisation { id } errors { code field message } } }"""


@pytest.fixture(scope="session")
def fresh_organisations(racer: Racer, actors: Actors) -> list[str]:
    """Organisations of our own (ids without the `Organisation:` prefix), so the races touch
    no seeded organisation whose facts other tests check."""
    run = uuid.uuid4().hex[:6]
    ids = []
    for n in range(WRITERS + 4):
        created = racer.one(
            Call(
                CREATE_ORGANISATION,
                {
                    "i": {
                        "name": f"{PREFIX} Stichting {run} {n:02d}",
                        "kind": "CIVIL_SOCIETY",
                        "scope": "LOCAL",
                        "homeMunicipality": "GM0363",
                        "themes": ["participatie"],
                    }
                },
                actors.admin,
                "createOrganisation",
            )
        )
        ids.append(created["id"].split(":", 1)[1])
    return ids
