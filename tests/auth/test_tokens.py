"""Who is calling: tokens, the public default, and clear 401s for bad tokens."""

from __future__ import annotations

import time

import jwt
import pytest
from starlette.testclient import TestClient

from graph_api.settings import Settings
from tests.conftest import GraphQL, Tokens


def test_no_token_is_public(gql: GraphQL) -> None:
    assert gql.ok("{ viewer { role subject organisation { id } } }") == {
        "viewer": {"role": "PUBLIC", "subject": None, "organisation": None}
    }


def test_partner_token_names_its_organisation(gql: GraphQL, tokens: Tokens) -> None:
    data = gql.ok("{ viewer { role subject organisation { id } } }", token=tokens.partner)
    assert data["viewer"] == {
        "role": "PARTNER",
        "subject": "test-partner",
        "organisation": {"id": f"Organisation:{tokens.own_organisation}"},
    }
    assert gql.ok("{ viewer { role } }", token=tokens.admin)["viewer"]["role"] == "ADMIN"


def _bad_tokens(settings: Settings) -> dict[str, str]:
    secret = settings.effective_jwt_secret or ""
    now = int(time.time())
    return {
        "expired": jwt.encode({"role": "staff", "exp": now - 10}, secret, algorithm="HS256"),
        "badly signed": jwt.encode(
            {"role": "staff", "exp": now + 60},
            "a-wrong-secret-of-sufficient-length-32",
            algorithm="HS256",
        ),
        "malformed": "not.a.token",
        "no role": jwt.encode({"exp": now + 60}, secret, algorithm="HS256"),
        "unknown role": jwt.encode({"role": "king", "exp": now + 60}, secret, algorithm="HS256"),
        "partner without org": jwt.encode(
            {"role": "partner", "exp": now + 60}, secret, algorithm="HS256"
        ),
        "unknown organisation": jwt.encode(
            {"role": "partner", "org": "no-such-org", "exp": now + 60}, secret, algorithm="HS256"
        ),
        "none algorithm": jwt.encode({"role": "admin", "exp": now + 60}, None, algorithm="none"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "expired",
        "badly signed",
        "malformed",
        "no role",
        "unknown role",
        "partner without org",
        "unknown organisation",
        "none algorithm",
    ],
)
def test_bad_tokens_get_401(client: TestClient, settings: Settings, case: str) -> None:
    token = _bad_tokens(settings)[case]
    response = client.post(
        "/graphql",
        json={"query": "{ viewer { role } }"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 401
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert "Traceback" not in response.text
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_wrong_scheme_is_401(client: TestClient) -> None:
    response = client.post(
        "/graphql", json={"query": "{ viewer { role } }"}, headers={"Authorization": "Basic eDp5"}
    )
    assert response.status_code == 401
