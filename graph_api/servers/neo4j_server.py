"""Neo4j Community 5.26 LTS, rebuilt from Maven Central jars and run on Java 17 on loopback."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from graph_api.servers.process import (
    ServerError,
    ensure_port_free,
    read_pid,
    spawn,
    stop_pid,
    wait_until,
)
from graph_api.settings import PROJECT_ROOT, Settings

NEO4J_VERSION = "5.26.30"
MAIN_CLASS = "org.neo4j.server.CommunityEntryPoint"
POM = PROJECT_ROOT / "infra" / "neo4j" / "pom.xml"
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "-Dfile.encoding=UTF-8",
]


def home(settings: Settings) -> Path:
    return settings.cache_dir / f"neo4j-{NEO4J_VERSION}"


def state(settings: Settings) -> Path:
    return settings.state_dir / "neo4j"


def pid_file(settings: Settings) -> Path:
    return state(settings) / "neo4j.pid"


def find_java(settings: Settings) -> str:
    candidates = []
    if settings.java_home:
        candidates.append(Path(settings.java_home) / "bin" / "java")
    candidates.append(Path("/usr/lib/jvm/java-17-openjdk-amd64/bin/java"))
    on_path = shutil.which("java")
    if on_path:
        candidates.append(Path(on_path))
    for java in candidates:
        if not java.exists():
            continue
        out = subprocess.run([str(java), "-version"], capture_output=True, text=True).stderr
        match = re.search(r'version "(\d+)', out)
        if match and match.group(1) == "17":
            return str(java)
    raise ServerError(
        "Java 17 was not found; Neo4j 5.26 needs it. Install it (Debian: "
        "`apt-get install openjdk-17-jdk-headless`) or set JAVA_HOME to a Java 17 JDK."
    )


def fetch(settings: Settings) -> Path:
    """Rebuild the tarball's lib/ from Maven Central once; later calls reuse the cache."""
    lib = home(settings) / "lib"
    if (lib / ".complete").exists():
        return lib
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ServerError(
            "Maven (`mvn`) is needed once to fetch Neo4j's jars from Maven Central. "
            "Install it (Debian: `apt-get install maven`) or set NEO4J_URI to an existing Neo4j."
        )
    partial = lib.with_name("lib.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    print(f"Fetching Neo4j {NEO4J_VERSION} jars from Maven Central (once) ...", flush=True)
    result = subprocess.run(
        [
            mvn,
            "-B",
            "-q",
            "-f",
            str(POM),
            f"-Dneo4j.version={NEO4J_VERSION}",
            "dependency:copy-dependencies",
            "-DincludeScope=runtime",
            "-DexcludeTypes=pom",
            f"-DoutputDirectory={partial}",
        ],
        capture_output=True,
        text=True,
    )
    jars = list(partial.glob("*.jar"))
    if result.returncode != 0 or not any(j.name.startswith("neo4j-server") for j in jars):
        shutil.rmtree(partial, ignore_errors=True)
        raise ServerError(
            "Downloading Neo4j from Maven Central failed. Check the network or proxy "
            "settings for Maven (~/.m2/settings.xml) and run `make run` again.\n"
            + (result.stdout + result.stderr)[-3000:]
        )
    shutil.rmtree(lib, ignore_errors=True)
    partial.rename(lib)
    (lib / ".complete").write_text(NEO4J_VERSION)
    return lib


def write_config(settings: Settings) -> Path:
    root = state(settings)
    conf = root / "conf"
    for sub in ("data", "logs", "run", "plugins", "import", "conf"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    lines = {
        "server.default_listen_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{settings.neo4j_bolt_port}",
        "server.http.enabled": "false",
        "server.https.enabled": "false",
        "dbms.security.auth_enabled": "true",
        "server.directories.data": str(root / "data"),
        "server.directories.logs": str(root / "logs"),
        "server.directories.run": str(root / "run"),
        "server.directories.plugins": str(root / "plugins"),
        "server.directories.import": str(root / "import"),
        "server.memory.pagecache.size": settings.neo4j_pagecache,
        # A server-side ceiling behind the driver's per-transaction timeouts.
        "db.transaction.timeout": "60s",
        "dbms.usage_report.enabled": "false",
    }
    (conf / "neo4j.conf").write_text("".join(f"{k}={v}\n" for k, v in lines.items()))
    return conf


def _ensure_password(settings: Settings) -> bool:
    """Connect; on a fresh store, replace the initial neo4j/neo4j password. True when ready."""
    uri = settings.effective_neo4j_uri
    try:
        with GraphDatabase.driver(uri, auth=(settings.neo4j_user, settings.neo4j_password)) as d:
            d.verify_connectivity()
            d.execute_query("RETURN 1", database_=settings.neo4j_database)
            return True
    except AuthError:
        pass
    except (ServiceUnavailable, OSError):
        return False
    with GraphDatabase.driver(uri, auth=("neo4j", "neo4j")) as d:
        d.execute_query(
            "ALTER CURRENT USER SET PASSWORD FROM 'neo4j' TO $password",
            password=settings.neo4j_password,
            database_="system",
        )
    return False


def start(settings: Settings) -> None:
    if read_pid(pid_file(settings)) is not None:
        return
    java = find_java(settings)
    lib = fetch(settings)
    ensure_port_free(settings.neo4j_bolt_port, "Neo4j (Bolt)", "NEO4J_BOLT_PORT")
    conf = write_config(settings)
    root = state(settings)
    log = root / "logs" / "console.log"
    args = [
        java,
        "-cp",
        f"{root / 'plugins'}/*:{conf}/*:{lib}/*",
        f"-Xms{settings.neo4j_heap}",
        f"-Xmx{settings.neo4j_heap}",
        *JVM_FLAGS,
        MAIN_CLASS,
        f"--home-dir={home(settings)}",
        f"--config-dir={conf}",
    ]
    proc = spawn(args, log, pid_file(settings), cwd=root)
    print(f"Starting Neo4j {NEO4J_VERSION} on bolt://127.0.0.1:{settings.neo4j_bolt_port} ...")
    wait_until(lambda: _ensure_password(settings), proc.pid, 180, "Neo4j", log)


def stop(settings: Settings) -> bool:
    return stop_pid(pid_file(settings), timeout_s=60)
