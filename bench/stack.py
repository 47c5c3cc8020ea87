"""The servers a run needs: Neo4j and Meilisearch per scale (the project's own code), the
data steps (`graph-api migrate|seed|reindex`, timed), and the API under uvicorn.

Everything started here is registered with a `contextlib.ExitStack` by the runner, so it is
stopped on success, on failure and on Ctrl-C or SIGTERM alike.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from bench.config import STATE_ROOT, Config
from graph_api.servers import meilisearch_server, neo4j_server
from graph_api.servers.process import ServerError, free_port, read_pid
from graph_api.settings import Mode, Settings

# Tokens for the publish round are minted with this; the API under test gets the same.
JWT_SECRET = "graph-api-bench-secret-not-for-production"
# Variables that would point the child processes at someone else's servers.
SERVER_VARIABLES = (
    "NEO4J_URI",
    "MEILI_URL",
    "GRAPH_API_STATE_DIR",
    "NEO4J_BOLT_PORT",
    "MEILI_PORT",
)
API_READY_TIMEOUT_S = 90.0


class BenchError(RuntimeError):
    """A step of the benchmark failed; the message says which and where its log is."""


class Stopped(BaseException):
    """SIGTERM or SIGHUP: unwind like Ctrl-C so that every server is stopped."""


@contextmanager
def stop_on_signals() -> Iterator[None]:
    def handler(signum: int, _: FrameType | None) -> None:
        raise Stopped(signal.Signals(signum).name)

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


@dataclass
class Servers:
    """Neo4j and Meilisearch for one scale, managed (started and stopped) by the bench."""

    scale: int
    settings: Settings
    env: dict[str, str]  # for `graph-api` child processes

    @classmethod
    def for_scale(cls, scale: int, cfg: Config) -> Servers:
        state = STATE_ROOT / f"scale-{scale}"
        env = {k: v for k, v in os.environ.items() if k not in SERVER_VARIABLES}
        env.update(
            GRAPH_API_STATE_DIR=str(state),
            NEO4J_BOLT_PORT=str(free_port()),
            MEILI_PORT=str(free_port()),
            NEO4J_HEAP=cfg.neo4j_heap,
            NEO4J_PAGECACHE=cfg.neo4j_pagecache,
        )
        settings = Settings(
            NEO4J_URI=None,
            MEILI_URL=None,
            GRAPH_API_STATE_DIR=state,
            NEO4J_BOLT_PORT=int(env["NEO4J_BOLT_PORT"]),
            MEILI_PORT=int(env["MEILI_PORT"]),
            NEO4J_HEAP=cfg.neo4j_heap,
            NEO4J_PAGECACHE=cfg.neo4j_pagecache,
        )
        return cls(scale, settings, env)

    @property
    def state(self) -> Path:
        return self.settings.state_dir

    @property
    def marker(self) -> Path:
        """Written once seeding and indexing finished, so `--reuse` can trust the store."""
        return self.state / "seeded-scale"

    def seeded(self) -> bool:
        return self.marker.exists() and self.marker.read_text().strip() == str(self.scale)

    def stop_leftovers(self) -> None:
        """Servers of an interrupted earlier run on this state folder (by their pid files)."""
        neo4j_server.stop(self.settings)
        meilisearch_server.stop(self.settings)

    def wipe(self) -> None:
        shutil.rmtree(self.state, ignore_errors=True)

    def start(self) -> None:
        try:
            neo4j_server.start(self.settings)
            meilisearch_server.start(self.settings)
        except ServerError as exc:
            raise BenchError(str(exc)) from exc

    def stop(self) -> None:
        # Each on its own: a failure to stop one must not leave the other running.
        try:
            meilisearch_server.stop(self.settings)
        finally:
            neo4j_server.stop(self.settings)

    def restart_neo4j(self) -> float:
        """Stop Neo4j (its shutdown checkpoint writes out what is in memory) and start it
        again; returns the seconds it took."""
        started = time.perf_counter()
        try:
            neo4j_server.stop(self.settings)
            neo4j_server.start(self.settings)
        except ServerError as exc:
            raise BenchError(str(exc)) from exc
        return time.perf_counter() - started

    def running(self) -> bool:
        return read_pid(neo4j_server.pid_file(self.settings)) is not None


def graph_api(args: list[str], env: dict[str, str], log: Path) -> float:
    """Run `graph-api <args>` to completion; returns its wall time in seconds."""
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with log.open("ab") as out:
        out.write(f"\n$ graph-api {' '.join(args)}\n".encode())
        out.flush()
        code = subprocess.call(
            [sys.executable, "-m", "graph_api.cli", *args], env=env, stdout=out, stderr=out
        )
    seconds = time.perf_counter() - started
    if code != 0:
        tail = log.read_text(errors="replace")[-3000:]
        raise BenchError(f"`graph-api {' '.join(args)}` failed ({code}); {log}:\n{tail}")
    return seconds


def api_settings(settings: Settings, cfg: Config) -> Settings:
    """The API's configuration: production, as measured, with the rate limit off.

    All load comes from one client address, which the per-client cost rate limit would
    throttle within seconds; the cost budget and size limits stay at their defaults, which
    the reference documents are far below.
    """
    return settings.model_copy(
        update={
            "mode": Mode.PRODUCTION,
            "jwt_secret": JWT_SECRET,
            "rate_limit_per_minute": 0,
            "neo4j_uri": settings.effective_neo4j_uri,
            "meili_url": settings.effective_meili_url,
            "workers": cfg.workers,
        }
    )


def api_env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SERVER_VARIABLES}
    env.update(
        GRAPH_API_MODE=settings.mode.value,
        GRAPH_API_RATE_LIMIT=str(settings.rate_limit_per_minute),
        GRAPH_API_WORKERS=str(settings.workers),
        GRAPH_API_LOG_FORMAT="json",
        JWT_SECRET=settings.jwt_secret or JWT_SECRET,
        NEO4J_URI=settings.effective_neo4j_uri,
        NEO4J_USER=settings.neo4j_user,
        NEO4J_PASSWORD=settings.neo4j_password,
        NEO4J_DATABASE=settings.neo4j_database,
        MEILI_URL=settings.effective_meili_url,
        MEILI_MASTER_KEY=settings.meili_master_key,
        MEILI_INDEX_PREFIX=settings.meili_index_prefix,
    )
    return env


class ServedProcess:
    """A server run as a child process in its own session, so the whole group (workers
    too) is stopped together; started once its `/readyz` answers 200."""

    name = "the server"

    def __init__(self, log: Path) -> None:
        self.log = log
        self.host = "127.0.0.1"
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def spawn(
        self, args: list[str], env: dict[str, str], timeout_s: float, cwd: Path | None = None
    ) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                args,
                cwd=cwd,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                tail = self.log.read_text(errors="replace")[-3000:]
                raise BenchError(f"{self.name} exited while starting; {self.log}:\n{tail}")
            if self._ready():
                return
            time.sleep(0.25)
        raise BenchError(f"{self.name} was not ready within {timeout_s:.0f} s; {self.log}")

    def _ready(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/readyz", timeout=3) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


class Api(ServedProcess):
    """`graph-api serve` (uvicorn, uvloop, httptools) as a child process on a free port."""

    name = "The API"

    def __init__(self, settings: Settings, log: Path) -> None:
        super().__init__(log)
        self.settings = settings

    def start(self) -> None:
        args = [sys.executable, "-m", "graph_api.cli", "serve", "--host", self.host]
        args += ["--port", str(self.port), "--workers", str(self.settings.workers)]
        self.spawn(args, api_env(self.settings), API_READY_TIMEOUT_S)
