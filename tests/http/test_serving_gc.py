"""The served process freezes what its startup loaded out of the cyclic collector's sight
(`graph_api.serving.Server`): full collections then no longer walk the schema and driver."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import uvicorn

from graph_api.serving import Server


async def _app(scope: Any, receive: Any, send: Any) -> None:
    raise AssertionError("no request is sent")


def test_startup_freezes_what_is_loaded() -> None:
    server = Server(uvicorn.Config(_app, lifespan="off", log_config=None))
    gc.unfreeze()
    try:

        async def frozen_while_serving() -> int:
            serving = asyncio.create_task(server.serve(sockets=[]))  # no listening socket
            while not server.started:
                await asyncio.sleep(0.01)
            frozen = gc.get_freeze_count()
            server.should_exit = True
            await serving
            return frozen

        frozen = asyncio.run(frozen_while_serving())
    finally:
        gc.unfreeze()  # this process goes on making and dropping apps
    assert frozen > 1000  # the interpreter, uvicorn and this module at least
