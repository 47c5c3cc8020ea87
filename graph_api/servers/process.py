"""Plain process handling shared by the local servers: ports, pid files, waiting, stopping."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path


class ServerError(RuntimeError):
    """A local server could not be fetched or started; the message says what to do."""


def ensure_port_free(port: int, what: str, variable: str) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError as exc:
            raise ServerError(
                f"Port {port} for {what} is already in use. Stop whatever listens there "
                f"(`make stop` if it is ours) or choose another port with {variable}=..."
            ) from exc


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def read_pid(pid_file: Path) -> int | None:
    try:
        pid = int(pid_file.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        pid_file.unlink(missing_ok=True)
        return None
    except PermissionError:
        return pid
    return pid


def spawn(args: list[str], log_file: Path, pid_file: Path, cwd: Path) -> subprocess.Popen[bytes]:
    """Start a server in its own session, so Ctrl-C reaches us first and we stop it cleanly."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("ab") as log:
        proc = subprocess.Popen(
            args, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    pid_file.write_text(str(proc.pid))
    return proc


def wait_until(
    ready: Callable[[], bool], pid: int, timeout_s: float, what: str, log_file: Path
) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if ready():
            return
        try:
            finished, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            finished = 0
        if finished:
            tail = log_file.read_text(errors="replace")[-2000:] if log_file.exists() else ""
            raise ServerError(f"{what} exited while starting. Last lines of {log_file}:\n{tail}")
        time.sleep(0.5)
    raise ServerError(f"{what} did not become ready within {timeout_s:.0f}s; see {log_file}")


def stop_pid(pid_file: Path, timeout_s: float = 30.0) -> bool:
    """SIGTERM, wait, then SIGKILL. Returns True when a process was stopped."""
    pid = read_pid(pid_file)
    if pid is None:
        return False
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        pid_file.unlink(missing_ok=True)
        return False
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
        except ChildProcessError:
            # Not our child (started by another command): poll for its end.
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
        time.sleep(0.2)
    else:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
    pid_file.unlink(missing_ok=True)
    return True
