"""JWT bearer tokens (PyJWT): HS256 with a secret, or keys from a JWKS URL in production.

Claims: `sub` (who), `role` (public|partner|staff|admin), `org` (a partner's organisation
id), `exp`. A missing token means the public role.
"""

from __future__ import annotations

import time
from functools import lru_cache

import jwt
import jwt.types

from graph_api.auth.viewer import PUBLIC, Role, Viewer
from graph_api.settings import Settings

ASYMMETRIC = ["RS256", "ES256", "PS256", "EdDSA"]
MAX_NAME = 120


class TokenError(Exception):
    """The token cannot be trusted; the message is safe to show."""


@lru_cache(maxsize=4)
def _jwks(url: str) -> jwt.PyJWKClient:
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=300, timeout=5)


def viewer_from_header(authorization: str | None, settings: Settings) -> Viewer:
    if not authorization:
        return PUBLIC
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise TokenError("Use `Authorization: Bearer <token>`.")
    return decode(token.strip(), settings)


def decode(token: str, settings: Settings) -> Viewer:
    options: jwt.types.Options = {"require": ["exp", "role"]}
    try:
        if settings.jwt_jwks_url:
            key = _jwks(settings.jwt_jwks_url).get_signing_key_from_jwt(token).key
            claims = jwt.decode(
                token,
                key,
                algorithms=ASYMMETRIC,
                options=options,
                audience=settings.jwt_audience,
                issuer=settings.jwt_issuer,
            )
        else:
            secret = settings.effective_jwt_secret
            if secret is None:
                raise TokenError("This server accepts no tokens (no JWT_SECRET or JWT_JWKS_URL).")
            claims = jwt.decode(
                token,
                secret,
                algorithms=["HS256"],
                options=options,
                audience=settings.jwt_audience,
                issuer=settings.jwt_issuer,
            )
    except jwt.ExpiredSignatureError as exc:
        raise TokenError("The token has expired.") from exc
    except jwt.InvalidSignatureError as exc:
        raise TokenError("The token's signature is not valid.") from exc
    except jwt.PyJWKClientError as exc:
        raise TokenError("The token's signing key is unknown.") from exc
    except jwt.InvalidTokenError as exc:
        raise TokenError(f"The token is malformed or not valid: {exc}.") from exc
    try:
        role = Role(str(claims["role"]).upper())
    except ValueError as exc:
        raise TokenError(f"Unknown role {str(claims['role'])[:40]!r} in the token.") from exc
    organisation = claims.get("org")
    if role is Role.PARTNER and not isinstance(organisation, str):
        raise TokenError("A partner token must name its organisation (claim `org`).")
    subject = claims.get("sub")
    name = claims.get("name")
    return Viewer(
        role,
        organisation if isinstance(organisation, str) else None,
        subject if isinstance(subject, str) else None,
        # Shown as the author of practices and review comments; bounded, as it is public.
        name.strip()[:MAX_NAME] if isinstance(name, str) and name.strip() else None,
    )


def mint(
    settings: Settings,
    role: Role,
    organisation: str | None = None,
    subject: str | None = None,
    ttl_s: int = 3600,
    name: str | None = None,
) -> str:
    """A development token signed with the HS256 secret."""
    secret = settings.effective_jwt_secret
    if secret is None:
        raise TokenError("Set JWT_SECRET to mint tokens.")
    now = int(time.time())
    claims: dict[str, object] = {"role": role.value.lower(), "iat": now, "exp": now + ttl_s}
    if organisation:
        claims["org"] = organisation
    claims["sub"] = subject or f"dev-{role.value.lower()}"
    if name:
        claims["name"] = name
    if settings.jwt_audience:
        claims["aud"] = settings.jwt_audience
    if settings.jwt_issuer:
        claims["iss"] = settings.jwt_issuer
    return jwt.encode(claims, secret, algorithm="HS256")
