"""The rate limit with its default budgets, over HTTP against a real uvicorn server: a frontend
session is never limited, a flood is; budgets per token and per address; what is left is
reported in `extensions.rateLimit` and the `RateLimit-*` headers.

Loopback has a whole /8: clients bind 127.0.0.x so that each test's anonymous caller has an
address (and so a budget) of its own."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import httpx2 as httpx
import pytest

from bench.documents import COVERAGE
from graph_api.app import create_app
from graph_api.auth.tokens import mint
from graph_api.auth.viewer import Role
from graph_api.http.ratelimit import RateLimiter
from graph_api.settings import Settings
from tests.conftest import serving

DEFAULT_TOKEN_BUDGET = Settings.model_fields["rate_limit_per_minute"].default
DEFAULT_ANONYMOUS_BUDGET = Settings.model_fields["rate_limit_anonymous_per_minute"].default

# What a practices page of a frontend asks for, 100 at a time.
PRACTICES_PAGE = """
query PracticesPage($after: String) {
  practices(first: 100, after: $after) {
    totalCount
    edges {
      node { id slug title summary publishedAt organisation { id name } themes { slug name } }
    }
    pageInfo { hasNextPage endCursor }
  }
}
"""

# A costly but legitimate document (about 10,000 points, little work for Neo4j): what a
# flood sends over and over.
COSTLY = """
{ organisations(first: 100) { edges { node {
    name partners(first: 100) { edges { node { name } } }
} } } }
"""


@pytest.fixture(scope="module")
def url(settings: Settings) -> Iterator[str]:
    # The budgets a deployment gets when it sets nothing; a long transaction timeout, as
    # the test is about budgets, not speed, on a machine that may be busy.
    config = settings.model_copy(
        update={
            "rate_limit_per_minute": DEFAULT_TOKEN_BUDGET,
            "rate_limit_anonymous_per_minute": DEFAULT_ANONYMOUS_BUDGET,
            "neo4j_tx_timeout_s": 60.0,
        }
    )
    with serving(create_app(config, run_indexer=False)) as base:
        yield base


def client(url: str, address: str, token: str | None = None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    transport = httpx.HTTPTransport(local_address=address)
    return httpx.Client(base_url=url, transport=transport, headers=headers, timeout=120)


def post(http: httpx.Client, query: str, variables: dict[str, Any] | None = None) -> Any:
    return http.post("/graphql", json={"query": query, "variables": variables})


def quota(response: Any) -> dict[str, int]:
    """The RateLimit headers, checked against `extensions.rateLimit`."""
    headers = {
        name: int(response.headers[f"ratelimit-{name}"]) for name in ("limit", "remaining", "reset")
    }
    assert response.json()["extensions"]["rateLimit"] == headers
    assert response.headers["ratelimit-policy"] == f"{headers['limit']};w=60"
    return headers


def test_a_frontend_session_is_never_limited(url: str) -> None:
    """Every published practice in pages of 100, then the national map, anonymously."""
    seen: list[str] = []
    remaining: list[int] = []
    after = None
    with client(url, "127.0.0.11") as http:
        while True:
            response = post(http, PRACTICES_PAGE, {"after": after})
            assert response.status_code == 200, response.text
            body = response.json()
            assert "errors" not in body, body["errors"]
            page = body["data"]["practices"]
            seen += [edge["node"]["id"] for edge in page["edges"]]
            remaining.append(quota(response)["remaining"])
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert len(seen) == len(set(seen)) == page["totalCount"] > 400
        assert len(remaining) == math.ceil(len(seen) / 100)
        response = post(http, COVERAGE, {"province": None})
        assert response.status_code == 200 and "errors" not in response.json()
        assert len(response.json()["data"]["coverage"]["perMunicipality"]) > 300
        last = quota(response)
    remaining.append(last["remaining"])
    assert last["limit"] == DEFAULT_ANONYMOUS_BUDGET
    # With room to spare: at no point had the session used a quarter of a minute's budget.
    assert min(remaining) > DEFAULT_ANONYMOUS_BUDGET * 3 / 4
    assert 0 <= last["reset"] <= 60


def test_headers_and_extensions_report_what_is_left(url: str) -> None:
    quotas = []
    with client(url, "127.0.0.16") as http:
        for _ in range(3):
            response = post(http, COSTLY)
            assert response.status_code == 200 and "errors" not in response.json()
            quotas.append(quota(response))
    # Each request costs about 10,000 points: more than the budget refills while it runs.
    assert [q["limit"] for q in quotas] == [DEFAULT_ANONYMOUS_BUDGET] * 3
    remaining = [q["remaining"] for q in quotas]
    assert remaining == sorted(remaining, reverse=True) and len(set(remaining)) == 3
    assert remaining[0] < DEFAULT_ANONYMOUS_BUDGET - 10_000
    resets = [q["reset"] for q in quotas]
    assert resets == sorted(resets) and len(set(resets)) == 3


def test_a_flood_from_one_caller_is_limited(url: str) -> None:
    statuses: list[int] = []
    with client(url, "127.0.0.12") as http:
        for _ in range(100):
            response = post(http, COSTLY)
            statuses.append(response.status_code)
            if response.status_code == 429:
                break
        assert statuses[-1] == 429, statuses
        assert set(statuses[:-1]) == {200}
        # About a minute's budget went through, then no more (a request may overdraw it).
        assert 3 <= len(statuses) <= 12
        body = response.json()
        assert body["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        assert "data" not in body
        retry = int(response.headers["retry-after"])
        assert 1 <= retry <= 60
        assert quota(response)["remaining"] == 0
        # Still refused: the flood does not get through by insisting.
        assert post(http, "{ __typename }").status_code == 429


def test_token_and_anonymous_budgets_are_separate(url: str, settings: Settings) -> None:
    first = mint(settings, Role.STAFF, subject="budget-first")
    second = mint(settings, Role.STAFF, subject="budget-second")
    # Spend the anonymous budget of one address.
    with client(url, "127.0.0.13") as anonymous:
        while post(anonymous, COSTLY).status_code != 429:
            pass
        # A token from the same address has a budget of its own, larger than an address's.
        with client(url, "127.0.0.13", first) as token:
            response = post(token, "{ __typename }")
            assert response.status_code == 200
            assert quota(response)["limit"] == DEFAULT_TOKEN_BUDGET > DEFAULT_ANONYMOUS_BUDGET
            # Spend the first token's budget, from this address...
            while post(token, COSTLY).status_code != 429:
                pass
        # ...and it is spent from any other address too.
        with client(url, "127.0.0.14", first) as elsewhere:
            assert post(elsewhere, "{ __typename }").status_code == 429
        # Another token, and another anonymous address, are not touched.
        with client(url, "127.0.0.13", second) as other_token:
            assert post(other_token, "{ __typename }").status_code == 200
        with client(url, "127.0.0.15") as other_address:
            fresh = post(other_address, "{ __typename }")
            assert fresh.status_code == 200
        # The spent address refills while the token's budget is spent (slowly, on a busy
        # machine), so it is compared with a fresh one rather than expected to be at zero.
        assert quota(post(anonymous, "{ __typename }"))["remaining"] < quota(fresh)["remaining"]


def test_quota_arithmetic() -> None:
    limiter = RateLimiter(per_token=600, per_address=60)
    assert limiter.caller(None, "a") != limiter.caller(None, "b")
    caller = limiter.caller(None, "a")
    assert caller is not None and caller.limit == 60
    assert limiter.quota(caller).remaining == 60 and limiter.quota(caller).retry_after is None
    limiter.charge(caller, 90)  # overdrawn by 30 points at 1 point a second
    quota = limiter.quota(caller)
    assert (quota.remaining, quota.retry_after) == (0, 30)
    assert 89 <= quota.reset <= 90
    token = limiter.caller("someone", "a")
    assert token is not None and token.limit == 600 and limiter.quota(token).retry_after is None
    assert RateLimiter(0, 60).caller("someone", "a") is None  # 0: no rate limit at all
    assert RateLimiter(600, 0).caller(None, "a") is None  # anonymous callers unlimited
