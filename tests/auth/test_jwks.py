"""Production identity providers: tokens signed with a key published at a JWKS URL."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from graph_api.auth.tokens import TokenError, decode
from graph_api.auth.viewer import Role
from graph_api.settings import Settings

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def jwks_url() -> Iterator[str]:
    jwk = json.loads(RSAAlgorithm.to_jwk(KEY.public_key()))
    body = json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/.well-known/jwks.json"
    server.shutdown()


def _token(key: rsa.RSAPrivateKey, **claims: object) -> str:
    payload = {
        "role": "staff",
        "sub": "idp-user",
        "exp": int(time.time()) + 60,
        "aud": "graph-api",
        "iss": "https://idp.example",
        **claims,
    }
    return jwt.encode(payload, key, algorithm="RS256", headers={"kid": "k1"})


def test_jwks_tokens(settings: Settings, jwks_url: str) -> None:
    production = settings.model_copy(
        update={
            "jwt_jwks_url": jwks_url,
            "jwt_audience": "graph-api",
            "jwt_issuer": "https://idp.example",
        }
    )
    viewer = decode(_token(KEY), production)
    assert viewer.role is Role.STAFF and viewer.subject == "idp-user"
    for bad in (
        _token(OTHER_KEY),
        _token(KEY, aud="someone-else"),
        _token(KEY, iss="https://x"),
        jwt.encode({"role": "admin", "exp": int(time.time()) + 60}, "s" * 32),
    ):
        with pytest.raises(TokenError):
            decode(bad, production)
