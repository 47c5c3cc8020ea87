"""Authenticates each HTTP request before GraphQL sees it: a bad token is a 401."""

from __future__ import annotations

import time
from collections.abc import Callable

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from graph_api.auth.tokens import TokenError, viewer_from_header
from graph_api.auth.viewer import Role, Viewer
from graph_api.db.driver import Database
from graph_api.settings import Settings

ORGANISATION_CACHE_S = 60.0


class AuthGate:
    """Puts the caller's `Viewer` in `scope["state"]["viewer"]`, or answers 401."""

    def __init__(self, app: ASGIApp, settings: Settings, db: Callable[[], Database]) -> None:
        self.app = app
        self.settings = settings
        self.db = db
        self._known: dict[str, float] = {}  # organisation id -> when the check expires

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            viewer = viewer_from_header(Headers(scope=scope).get("authorization"), self.settings)
            if viewer.role is Role.PARTNER:
                await self._check_organisation(viewer)
        except TokenError as exc:
            response = JSONResponse(
                {"errors": [{"message": str(exc), "extensions": {"code": "UNAUTHENTICATED"}}]},
                status_code=401,
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
            await response(scope, receive, send)
            return
        scope.setdefault("state", {})["viewer"] = viewer
        await self.app(scope, receive, send)

    async def _check_organisation(self, viewer: Viewer) -> None:
        org = viewer.organisation_id or ""
        if self._known.get(org, 0.0) > time.monotonic():
            return
        rows = await self.db().read(
            "RETURN EXISTS { MATCH (o:Organisation) WHERE o.id = $id } AS known", {"id": org}
        )
        if not rows or not rows[0]["known"]:
            raise TokenError(f"The token names an unknown organisation ({org[:60]!r}).")
        self._known[org] = time.monotonic() + ORGANISATION_CACHE_S
