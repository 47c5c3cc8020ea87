"""What the numbers were measured on: hardware, software versions, the code's commit."""

from __future__ import annotations

import hashlib
import os
import platform
import subprocess
from dataclasses import asdict
from datetime import UTC, datetime
from importlib import metadata
from typing import Any

from bench.config import Config
from graph_api.servers.meilisearch_server import MEILI_VERSION
from graph_api.servers.neo4j_server import NEO4J_VERSION
from graph_api.settings import PROJECT_ROOT

PACKAGES = (
    "strawberry-graphql",
    "graphql-core",
    "starlette",
    "uvicorn",
    "uvloop",
    "httptools",
    "neo4j",
    "meilisearch",
    "orjson",
)


def _proc_line(path: str, prefix: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as fh:
            return next((line for line in fh if line.startswith(prefix)), None)
    except OSError:
        return None


def _cpu_model() -> str:
    line = _proc_line("/proc/cpuinfo", "model name")
    return line.split(":", 1)[1].strip() if line else platform.processor() or "unknown"


def _memory_gb() -> float | None:
    line = _proc_line("/proc/meminfo", "MemTotal:")
    return round(int(line.split()[1]) / 1024 / 1024, 1) if line else None


def _git(*args: str) -> str:
    try:
        out = subprocess.run(
            ["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=10
        )
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def code_fingerprint() -> str:
    """A hash of graph_api/ as it is now: the API is started per scale, and others may edit
    it meanwhile, so each scale records which code it measured."""
    digest = hashlib.sha256()
    for path in sorted((PROJECT_ROOT / "graph_api").rglob("*.py")):
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def describe(cfg: Config) -> dict[str, Any]:
    config = asdict(cfg)
    config["out_dir"] = str(cfg.out_dir) if cfg.out_dir else None
    config["publish_rounds"] = {str(k): v for k, v in cfg.publish_rounds.items()}
    config["concurrencies"] = cfg.concurrencies
    return {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "mode": "smoke" if cfg.smoke else "full",
        "machine": {
            "cpu": _cpu_model(),
            "cores": os.cpu_count(),
            "memory_gb": _memory_gb(),
            "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(),
            "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        },
        "software": {
            "neo4j_server": NEO4J_VERSION,
            "meilisearch_server": MEILI_VERSION,
            **{p: _version(p) for p in PACKAGES},
        },
        "code": {
            "commit": _git("rev-parse", "HEAD"),
            # Others edit the API while benchmarks run: say whether the tree was clean.
            "uncommitted_changes": bool(_git("status", "--porcelain", "--", "graph_api")),
        },
        "config": config,
    }
