"""Request IDs: every request gets an ID (the caller's `X-Request-ID` when it is sane),
bound to every log line logged while it runs (graph_api.logging_setup) and returned in the
response header."""

from __future__ import annotations

import os
import re
import time

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_api.logging_setup import log_request

HEADER = b"x-request-id"
SANE = re.compile(rb"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(HEADER, b"")
        # 128 random bits as 32 hex digits, like uuid4().hex without building the UUID.
        request_id = given.decode() if SANE.match(given) else os.urandom(16).hex()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (HEADER, request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            log_request(
                "graph_api.http",
                method=scope.get("method"),
                path=scope.get("path"),
                status=status,
                ms=round((time.perf_counter() - started) * 1000, 2),
            )
            structlog.contextvars.clear_contextvars()
