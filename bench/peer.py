"""The peer: the Neo4j GraphQL Library (`@neo4j/graphql`) on Apollo Server, over the Neo4j
the bench started, as a team would otherwise build this API (bench/README.md, "The peer").

`bench/peer/` pins it in package-lock.json; `npm ci` installs it there once (again when the
lock file changes). `server.js` runs it in production mode as two Node processes under the
cluster module, sharing one port, with Nagle's algorithm off on every socket.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

from bench.httpclient import Connection, HTTPError
from bench.operations import Failed, Peer, ReadOp, first_difference, problem
from bench.stack import SERVER_VARIABLES, BenchError, ServedProcess
from graph_api.settings import PROJECT_ROOT, Settings

PEER_DIR = PROJECT_ROOT / "bench" / "peer"
NPM_CACHE = PROJECT_ROOT / ".local" / "npm-cache"
# Written after a successful `npm ci`: the hash of the lock file it installed.
INSTALLED = PEER_DIR / "node_modules" / ".bench-installed"
READY_TIMEOUT_S = 90.0
NODE_MAJOR = 20


def _lock_hash() -> str:
    return hashlib.sha256((PEER_DIR / "package-lock.json").read_bytes()).hexdigest()


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BenchError(f"the peer needs {name} (Node.js {NODE_MAJOR}); or run with --no-peer")
    return found


def install(log: Path) -> None:
    """`npm ci` the pinned packages unless the installed ones are those of the lock file."""
    if INSTALLED.exists() and INSTALLED.read_text().strip() == _lock_hash():
        return
    npm = _tool("npm")
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        code = subprocess.call(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--cache", str(NPM_CACHE)],
            cwd=PEER_DIR,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    if code != 0:
        raise BenchError(f"`npm ci` in {PEER_DIR} failed ({code}); {log}")
    INSTALLED.write_text(_lock_hash())


def node_version() -> str:
    return subprocess.check_output([_tool("node"), "--version"], text=True).strip()


class PeerServer(ServedProcess):
    """`node bench/peer/server.js` as a child process (its own session) on a free port."""

    name = "the peer"

    def __init__(self, settings: Settings, workers: int, log: Path) -> None:
        super().__init__(log)
        self.settings = settings
        self.workers = workers

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in SERVER_VARIABLES}
        env.update(
            NODE_ENV="production",
            PEER_HOST=self.host,
            PEER_PORT=str(self.port),
            PEER_WORKERS=str(self.workers),
            NEO4J_URI=self.settings.effective_neo4j_uri,
            NEO4J_USER=self.settings.neo4j_user,
            NEO4J_PASSWORD=self.settings.neo4j_password,
            NEO4J_DATABASE=self.settings.neo4j_database,
        )
        return env

    def start(self) -> None:
        install(self.log)
        version = node_version()
        if int(version.lstrip("v").split(".")[0]) < NODE_MAJOR:
            raise BenchError(f"the peer needs Node.js >= {NODE_MAJOR}, found {version}")
        args = [_tool("node"), str(PEER_DIR / "server.js")]
        self.spawn(args, self.env(), READY_TIMEOUT_S, cwd=PEER_DIR)


async def _data(conn: Connection, data: bytes, side: str, i: int) -> object:
    try:
        response = await conn.post(data)
    except HTTPError:
        # Idle while the other side answered, the connection may have outlived the server's
        # keep-alive timeout; `post` closed it, so this reconnects.
        try:
            response = await conn.post(data)
        except HTTPError as exc:
            raise Failed(f"variable set {i}: the {side} did not answer ({exc})") from exc
    why = problem(response)
    if why is not None:
        raise Failed(f"variable set {i}: the {side} answered {why}")
    payload = response.json()
    assert isinstance(payload, dict)
    return payload["data"]


async def same_data(op: ReadOp, api: Connection, peer: Connection) -> str | None:
    """Ask both sides every variable set of `op`; None when every answer holds the same
    data, else the first difference (which variable set, where, both values)."""
    assert isinstance(op.peer, Peer)
    for i, (mine, theirs) in enumerate(zip(op.bodies, op.peer_bodies, strict=True)):
        try:
            a = op.peer.api_data(await _data(api, mine, "API", i))
            b = op.peer.peer_data(await _data(peer, theirs, "peer", i))
        except Failed as exc:
            return str(exc)
        except (KeyError, TypeError, IndexError) as exc:
            return f"variable set {i}: unexpected answer shape ({exc!r})"
        found = first_difference(a, b)
        if found is not None:
            return f"variable set {i} {op.variants[i]}: {found}"
        if a is None:
            return f"variable set {i}: no data on either side (a variable set that finds nothing)"
    return None
