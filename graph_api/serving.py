"""Several uvicorn workers behind one port, with connections dealt out in turn.

uvicorn's own supervisor lets every worker accept from one shared socket. Clients that
keep their connections open (browsers, frontends, load balancers) then land unevenly:
whichever worker wakes first accepts every connection waiting, so 16 connections opened
together were measured at 16/0, 15/1 and 10/6 over two workers. One core then does the
work of two while the other idles, for as long as the connections live. Node's cluster
module avoids this the same way as here: the supervisor accepts, and hands each
connection to the next worker in turn (its file descriptor passed over a Unix socket).

The supervisor does nothing else per request. Workers are plain uvicorn servers that get
their connections from it instead of a listening socket; one that dies is started again,
and one whose supervisor is gone stops.
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import os
import selectors
import signal
import socket
import tempfile
import threading
import time
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import FrameType
from typing import Any

import structlog
import uvicorn
from uvicorn.config import STARTUP_FAILURE

log = structlog.get_logger("graph_api.serving")

_SPAWN = multiprocessing.get_context("spawn")
# A worker that does not take a connection within this long is passed over for the next.
_HANDOVER_TIMEOUT_S = 1.0
_STOP_GRACE_EXTRA_S = 10.0  # on top of uvicorn's graceful shutdown before a worker is killed
# How long dealing waits for every worker to register before it starts with those that have.
_REGISTER_PATIENCE_S = 60.0


class ConnectionDealer:
    """Accepts on the public socket and deals each connection to the next registered
    worker. Workers register by connecting to `path` (a SOCK_SEQPACKET Unix socket, so
    each message carries exactly one descriptor). Runs in a thread of the supervisor."""

    def __init__(self, listener: socket.socket, path: str, expected: int) -> None:
        self.listener = listener
        # Dealing starts once every worker has registered (or after a while with those that
        # have): connections opened early would otherwise all go to the first one up.
        self.expected = expected
        self._patience_until = time.monotonic() + _REGISTER_PATIENCE_S
        self.registry = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.registry.bind(path)
        self.registry.listen(64)
        self.workers: list[socket.socket] = []
        self._next = 0
        self._stop = threading.Event()
        self._selector = selectors.DefaultSelector()
        self._listening = False

    def run(self) -> None:
        self.listener.setblocking(False)
        self.registry.setblocking(False)
        self._selector.register(self.registry, selectors.EVENT_READ)
        while not self._stop.is_set():
            if not self._listening and self.workers and time.monotonic() > self._patience_until:
                self._listen()
            for key, _ in self._selector.select(timeout=0.5):
                if key.fileobj is self.registry:
                    self._register()
                elif key.fileobj is self.listener:
                    self._deal()
                else:  # workers never write: their channel is readable once they are gone
                    self._drop(key.fileobj)  # type: ignore[arg-type]

    def stop(self) -> None:
        self._stop.set()

    def _register(self) -> None:
        try:
            channel, _ = self.registry.accept()
        except BlockingIOError:
            return
        channel.setblocking(True)
        channel.settimeout(_HANDOVER_TIMEOUT_S)
        self.workers.append(channel)
        self._selector.register(channel, selectors.EVENT_READ)
        # Connections wait in the listen queue until the workers can take them.
        if not self._listening and len(self.workers) >= self.expected:
            self._listen()

    def _listen(self) -> None:
        self._selector.register(self.listener, selectors.EVENT_READ)
        self._listening = True

    def _deal(self) -> None:
        try:
            connection, _ = self.listener.accept()
        except BlockingIOError:
            return
        with connection:
            while self.workers:
                channel = self.workers[self._next % len(self.workers)]
                self._next += 1
                try:
                    socket.send_fds(channel, [b"c"], [connection.fileno()])
                    return
                except OSError:  # gone (or stuck): drop it; a restarted one registers anew
                    self._drop(channel)
            # No worker left: the client sees the connection closed and may retry.

    def _drop(self, channel: socket.socket) -> None:
        self.workers.remove(channel)
        self._selector.unregister(channel)
        channel.close()  # a stuck worker sees its channel closed and stops; it is restarted
        if not self.workers and self._listening:
            self._selector.unregister(self.listener)
            self._listening = False


class Server(uvicorn.Server):
    """A uvicorn server that, once the app has started, moves what startup loaded (schema,
    driver, the lemmatizer's data: it lives as long as the process) out of the cyclic
    garbage collector's sight with `gc.freeze()`. Before, each full collection walked it all,
    100-150 ms here, and the collector took a quarter of a worker's CPU under load (measured
    with `gc.callbacks`, 16 concurrent organisation pages; 12-20 % after)."""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            gc.collect()
            gc.freeze()


class DealtServer(Server):
    """A uvicorn server that serves the connections its supervisor hands it."""

    def __init__(self, config: uvicorn.Config, path: str) -> None:
        super().__init__(config)
        self.path = path
        self._channel: socket.socket | None = None
        self._handovers: set[asyncio.Task[Any]] = set()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=[])  # the lifespan, and no listening socket
        if self.should_exit or not self.started:
            return
        loop = asyncio.get_running_loop()
        channel = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        channel.connect(self.path)
        channel.setblocking(False)
        self._channel = channel
        loop.add_reader(channel.fileno(), self._receive)

    def _protocol(self) -> asyncio.Protocol:
        return self.config.http_protocol_class(  # type: ignore[call-arg]
            config=self.config,
            server_state=self.server_state,
            app_state=self.lifespan.state,
        )

    def _receive(self) -> None:
        assert self._channel is not None
        loop = asyncio.get_running_loop()
        while True:
            try:
                _, fds, _, _ = socket.recv_fds(self._channel, 1, 1)
            except BlockingIOError:
                return
            if not fds:  # the supervisor is gone: stop, as a worker of a killed server
                loop.remove_reader(self._channel.fileno())
                self.should_exit = True
                return
            connection = socket.socket(fileno=fds[0])
            connection.setblocking(False)
            connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            # Held until the transport exists (the loop keeps only weak references to tasks).
            task = loop.create_task(loop.connect_accepted_socket(self._protocol, connection))
            self._handovers.add(task)
            task.add_done_callback(self._handovers.discard)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        if self._channel is not None:
            asyncio.get_running_loop().remove_reader(self._channel.fileno())
            self._channel.close()  # the supervisor deals to the other workers from now on
            self._channel = None
        await super().shutdown(sockets=sockets)


def _worker(config: uvicorn.Config, path: str) -> None:
    # The config arrives pickled, so what its constructor did to the logging of the parent
    # did not happen here; as uvicorn's own worker processes do, configure it again (with
    # `access_log=False` that silences uvicorn's access lines, which would otherwise reach
    # the root's handler and double every request's line).
    config.configure_logging()
    DealtServer(config, path).run()


def serve_dealt(config: uvicorn.Config, workers: int) -> None:
    """Run `workers` uvicorn workers behind `config`'s host and port until SIGINT/SIGTERM."""
    listener = config.bind_socket()
    listener.listen(config.backlog)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, on_signal)

    with tempfile.TemporaryDirectory(prefix="graph-api-workers-") as folder:
        path = str(Path(folder) / "workers.sock")
        dealer = ConnectionDealer(listener, path, workers)
        thread = threading.Thread(target=dealer.run, name="connection-dealer", daemon=True)
        thread.start()

        def start() -> BaseProcess:
            process = _SPAWN.Process(target=_worker, args=(config, path))
            process.start()
            return process

        processes = [start() for _ in range(workers)]
        log.info("workers_started", pids=[p.pid for p in processes])
        failed = False
        while not stop.wait(0.5):
            for i, process in enumerate(processes):
                if process.is_alive() or stop.is_set():
                    continue
                if process.exitcode == STARTUP_FAILURE:  # e.g. no database: as one worker would
                    log.error("worker_startup_failed", pid=process.pid)
                    failed = True
                    stop.set()
                    break
                log.warning("worker_died", pid=process.pid, exitcode=process.exitcode)
                processes[i] = start()
        dealer.stop()
        thread.join(2)
        listener.close()
        for process in processes:
            if process.is_alive() and process.pid is not None:
                os.kill(process.pid, signal.SIGTERM)
        grace = (config.timeout_graceful_shutdown or 0) + _STOP_GRACE_EXTRA_S
        for process in processes:
            process.join(grace)
            if process.is_alive():
                log.warning("worker_killed", pid=process.pid)
                process.kill()
                process.join()
    if failed:
        raise SystemExit(STARTUP_FAILURE)
