"""A minimal HTTP/1.1 keep-alive client on asyncio streams, for the load generator.

The client shares the two cores with the API, Neo4j and Meilisearch, so it does as little
as possible per request: a prebuilt request head, one write, a header parse of the few
fields it needs. It times what a frontend would wait for: from writing the request to
having read the whole body.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

import orjson


class HTTPError(Exception):
    """The connection failed or the response was not HTTP/1.1 as expected."""


@dataclass
class Response:
    status: int
    body: bytes

    def json(self) -> object:
        return orjson.loads(self.body)


class Connection:
    """One keep-alive connection to the API; reconnects after a failure or a close."""

    def __init__(
        self,
        host: str,
        port: int,
        timeout_s: float,
        accept: str = "application/graphql-response+json",
    ) -> None:
        self.host, self.port, self.timeout_s, self.accept = host, port, timeout_s, accept
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    def head(self, path: str, length: int, token: str | None = None) -> bytes:
        auth = f"Authorization: Bearer {token}\r\n" if token else ""
        return (
            f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            "Content-Type: application/json\r\n"
            f"Accept: {self.accept}\r\n"
            f"{auth}Content-Length: {length}\r\n\r\n"
        ).encode()

    async def post(self, body: bytes, token: str | None = None, path: str = "/graphql") -> Response:
        try:
            return await asyncio.wait_for(
                self._exchange(self.head(path, len(body), token) + body), self.timeout_s
            )
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError) as exc:
            await self.close()
            raise HTTPError(f"{type(exc).__name__}: {exc}") from exc
        except TimeoutError as exc:
            await self.close()
            raise HTTPError(f"no response within {self.timeout_s:g} s") from exc

    async def _exchange(self, request: bytes) -> Response:
        if self._writer is None or self._writer.is_closing():
            self._reader, self._writer = await asyncio.open_connection(
                self.host, self.port, limit=1 << 20
            )
        reader, writer = self._reader, self._writer
        assert reader is not None
        writer.write(request)
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        parts = lines[0].split(b" ", 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/1."):
            raise HTTPError(f"not an HTTP response: {lines[0][:80]!r}")
        status = int(parts[1])
        length, chunked, close = -1, False, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"connection":
                close = value.strip().lower() == b"close"
        if chunked:
            body = await _read_chunked(reader)
        elif length >= 0:
            body = await reader.readexactly(length)
        else:
            body = await reader.read()
            close = True
        if close:
            await self.close()
        return Response(status, body)

    async def close(self) -> None:
        writer, self._writer, self._reader = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    body = bytearray()
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")
            return bytes(body)
        body += await reader.readexactly(size)
        await reader.readexactly(2)
