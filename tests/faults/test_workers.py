"""`graph-api serve` with two workers: connections are dealt to them in turn (so keep-alive
clients load both cores), a worker that dies is replaced, and workers stop with their
supervisor. Checked on the real process tree through /proc."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from graph_api.settings import Settings
from tests.served import serving

pytestmark = pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")

REQUEST = (
    b"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    b'Content-Length: 26\r\n\r\n{"query":"{ __typename }"}'
)


def children(pid: int) -> set[int]:
    """The worker processes of the server `pid` (not multiprocessing's resource tracker)."""
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            with contextlib.suppress(FileNotFoundError):
                if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.add(int(child))
    return found


def established_inodes(port: int) -> set[str]:
    """Socket inodes of established connections whose local port is `port`."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(FileNotFoundError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                local_port = int(fields[1].rsplit(":", 1)[1], 16)
                if local_port == port and fields[3] == "01":
                    inodes.add(fields[9])
    return inodes


def connections_per_process(pids: set[int], port: int) -> Counter[int]:
    inodes = established_inodes(port)
    counts: Counter[int] = Counter()
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):
                target = os.readlink(fd)
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    counts[pid] += 1
    return counts


def open_connections(port: int, n: int) -> list[socket.socket]:
    """`n` connections opened together, each answered once (so a worker holds each)."""
    sockets = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(n)]
    for sock in sockets:
        sock.sendall(REQUEST)
    for sock in sockets:
        assert sock.recv(65536).startswith(b"HTTP/1.1 200"), "no answer"
    return sockets


@contextlib.contextmanager
def two_workers(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    with serving(tmp_path, GRAPH_API_WORKERS="2") as served:
        # /healthz answers once dealing started, which waits for both workers.
        wait_until(lambda: len(children(served.process.pid)) == 2, served.output)
        yield served.process, served.port


def log_of(tmp_path: Path) -> Path:
    return next(tmp_path.glob("serve-*.log"))


def wait_until(condition: object, log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, log.read_text()[-3000:]
        time.sleep(0.2)


def close_all(sockets: list[socket.socket]) -> None:
    for sock in sockets:
        sock.close()


def test_keep_alive_connections_are_shared_evenly(settings: Settings, tmp_path: Path) -> None:
    with two_workers(tmp_path) as (server, port):
        workers = children(server.pid)
        # Three bursts: a shared listening socket gave 16/0, 15/1, 10/6 here.
        for burst in (16, 16, 64):
            sockets = open_connections(port, burst)
            try:
                counts = connections_per_process(workers, port)
                assert sorted(counts.values()) == [burst // 2, burst // 2], counts
            finally:
                close_all(sockets)
            wait_until(lambda: not connections_per_process(workers, port), log_of(tmp_path))


def test_a_killed_worker_is_replaced(settings: Settings, tmp_path: Path) -> None:
    with two_workers(tmp_path) as (server, port):
        first, second = sorted(children(server.pid))
        os.kill(first, signal.SIGKILL)
        wait_until(
            lambda: first not in children(server.pid) and len(children(server.pid)) == 2,
            log_of(tmp_path),
        )
        workers = children(server.pid)
        assert second in workers
        # Once the new worker has started its app and registered, both share again.
        deadline = time.monotonic() + 60
        while True:
            sockets = open_connections(port, 16)
            try:
                counts = connections_per_process(workers, port)
            finally:
                close_all(sockets)
            if sorted(counts.values()) == [8, 8]:
                break
            assert time.monotonic() < deadline, counts
            time.sleep(0.5)


def test_workers_stop_with_their_supervisor(settings: Settings, tmp_path: Path) -> None:
    with two_workers(tmp_path) as (server, _):
        workers = children(server.pid)
        server.kill()
        server.wait()
        deadline = time.monotonic() + 30
        while any(Path(f"/proc/{pid}").exists() and not zombie(pid) for pid in workers):
            assert time.monotonic() < deadline, "workers outlived their supervisor"
            time.sleep(0.2)


def zombie(pid: int) -> bool:
    with contextlib.suppress(FileNotFoundError):
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    return True
