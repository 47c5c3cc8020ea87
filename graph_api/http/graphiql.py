"""GraphiQL in development, from the project's own files.

GraphiQL, its explorer plugin and React are UMD builds from npm, pinned with their integrity
hashes in `infra/graphiql/package-lock.json`. `fetch` runs `npm ci` there once and copies
the few files the page needs into the cache, in a folder named after the lock file's hash
(a changed lock fetches anew). The page (`graphiql_page/`, ours) refers only to this
server: the assets under `/graphiql/<content hash>/<name>`, cached for good because a
changed file gets a new URL, and the GraphQL endpoint by the page's own path.

Without the files (no npm, no network) the server still starts; the page then says how to
fetch them and picks them up on the next reload.
"""

from __future__ import annotations

import hashlib
import html
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from string import Template

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response

from graph_api.servers.process import ServerError
from graph_api.settings import PROJECT_ROOT, Settings

NPM_DIR = PROJECT_ROOT / "infra" / "graphiql"
LOCK_FILE = NPM_DIR / "package-lock.json"
PAGE_DIR = Path(__file__).parent / "graphiql_page"
PREFIX = "/graphiql"
JS = "text/javascript; charset=utf-8"
CSS = "text/css; charset=utf-8"
SVG = "image/svg+xml"
FETCH_COMMAND = "graph-api fetch-graphiql"

# Only this server: scripts and styles from files (no inline code), fonts and icons are data
# URIs inside GraphiQL's CSS, requests go to the page's own endpoint. The one inline style,
# which GraphiQL's dialogs add to the page while open, carries the page's nonce (start.js).
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'nonce-{nonce}'; font-src data:; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
PAGE_HEADERS = {
    "Cache-Control": "no-store",  # a nonce per response
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
ASSET_HEADERS = {
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
}


@dataclass(frozen=True)
class Asset:
    key: str  # the template's placeholder
    name: str  # the file's name in the cache and in its URL
    media_type: str
    package_path: str | None = None  # under node_modules; None for our own files


VENDOR = (
    Asset("react_js", "react.production.min.js", JS, "react/umd/react.production.min.js"),
    Asset(
        "react_dom_js",
        "react-dom.production.min.js",
        JS,
        "react-dom/umd/react-dom.production.min.js",
    ),
    Asset("graphiql_js", "graphiql.min.js", JS, "graphiql/graphiql.min.js"),
    Asset("graphiql_css", "graphiql.min.css", CSS, "graphiql/graphiql.min.css"),
    Asset(
        "explorer_js",
        "plugin-explorer.umd.js",
        JS,
        "@graphiql/plugin-explorer/dist/index.umd.js",
    ),
    Asset("explorer_css", "plugin-explorer.css", CSS, "@graphiql/plugin-explorer/dist/style.css"),
)
OWN = (
    Asset("page_css", "page.css", CSS),
    Asset("start_js", "start.js", JS),
    Asset("icon_svg", "icon.svg", SVG),
)


def lock_digest() -> str | None:
    """Names the cache folder, so another lock file means other files; None without the
    lock file (an image that ships only the Python package)."""
    if not LOCK_FILE.exists():
        return None
    return hashlib.sha256(LOCK_FILE.read_bytes()).hexdigest()[:16]


def asset_dir(settings: Settings) -> Path | None:
    digest = lock_digest()
    return settings.cache_dir / f"graphiql-{digest}" if digest else None


def fetch(settings: Settings) -> Path:
    """`npm ci` the pinned packages (npm checks each tarball against the lock's integrity
    hash) and copy the files the page needs into the cache, once per lock file."""
    target = asset_dir(settings)
    if target is None:
        raise ServerError(f"{LOCK_FILE} is missing; GraphiQL's files cannot be fetched.")
    if all((target / a.name).is_file() for a in VENDOR):
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise ServerError(
            "npm is needed once to fetch GraphiQL's files. Install Node.js and npm, then run "
            f"`{FETCH_COMMAND}`."
        )
    print("Fetching GraphiQL from the npm registry (once) ...", flush=True)
    # `npm ci` even when node_modules exists: it may hold what an older lock file pinned.
    result = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=NPM_DIR,
        capture_output=True,
        text=True,
    )
    sources = [NPM_DIR / "node_modules" / str(a.package_path) for a in VENDOR]
    if result.returncode != 0 or not all(s.is_file() for s in sources):
        raise ServerError(
            "Downloading GraphiQL from the npm registry failed. Check the network or npm's "
            f"registry settings and run `{FETCH_COMMAND}`.\n"
            + (result.stdout + result.stderr)[-3000:]
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    # Fill a folder beside the target and rename it: a reader never sees half the files.
    partial = Path(tempfile.mkdtemp(prefix=".graphiql-", dir=target.parent))
    partial.chmod(0o755)  # mkdtemp makes it private; the cache folders are readable by all
    for asset, source in zip(VENDOR, sources, strict=True):
        shutil.copyfile(source, partial / asset.name)
    if target.exists():  # incomplete: a file was added to VENDOR since it was filled
        shutil.rmtree(target, ignore_errors=True)
    try:
        partial.rename(target)
    except OSError:  # another process filled it first
        shutil.rmtree(partial, ignore_errors=True)
        if not all((target / a.name).is_file() for a in VENDOR):
            raise
    return target


@dataclass(frozen=True)
class Loaded:
    page: str  # with the asset URLs in place; `$nonce` still to fill
    files: dict[str, tuple[str, bytes, str]]  # name -> (content hash, body, media type)


class GraphiQL:
    """The page at GET /graphql (HTML) and its assets under /graphiql/; development only."""

    def __init__(self, settings: Settings) -> None:
        self.directory = asset_dir(settings)
        self._loaded: Loaded | None = None

    def _load(self) -> Loaded | None:
        # Until the files are there, every page request looks again: fetching them while the
        # server runs and reloading the page is enough.
        if self._loaded is None and self.directory is not None:
            vendor = [self.directory / a.name for a in VENDOR]
            if all(p.is_file() for p in vendor):
                own = [PAGE_DIR / a.name for a in OWN]
                files: dict[str, tuple[str, bytes, str]] = {}
                urls: dict[str, str] = {}
                for asset, path in zip((*VENDOR, *OWN), (*vendor, *own), strict=True):
                    body = path.read_bytes()
                    digest = hashlib.sha256(body).hexdigest()[:16]
                    files[asset.name] = (digest, body, asset.media_type)
                    urls[asset.key] = f"{PREFIX}/{digest}/{asset.name}"
                page = Template((PAGE_DIR / "index.html").read_text(encoding="utf-8"))
                # The nonce differs per response: filled in by `page`.
                self._loaded = Loaded(page.substitute(urls, nonce="$nonce"), files)
        return self._loaded

    def page(self) -> Response:
        loaded = self._load()
        nonce = secrets.token_urlsafe(18)
        headers = {**PAGE_HEADERS, "Content-Security-Policy": CSP.format(nonce=nonce)}
        if loaded is None:
            return HTMLResponse(_missing_page(self.directory), 503, headers)
        return HTMLResponse(Template(loaded.page).substitute(nonce=nonce), headers=headers)

    async def asset(self, request: Request) -> Response:
        loaded = self._load()
        found = loaded.files.get(request.path_params["name"]) if loaded else None
        if found is None or found[0] != request.path_params["digest"]:
            return PlainTextResponse("Not found.", 404)
        _, body, media_type = found
        return Response(body, media_type=media_type, headers=ASSET_HEADERS)


def _missing_page(directory: Path | None) -> str:
    where = f" in <code>{html.escape(str(directory))}</code>" if directory else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>GraphiQL is not installed</title></head><body>"
        f"<h1>GraphiQL's files are not here</h1><p>They are not in the cache{where}. "
        f"Fetch them once with <code>{FETCH_COMMAND}</code> (needs npm; <code>make run</code> "
        "and <code>make test</code> do it too), then reload this page.</p>"
        "<p>The GraphQL endpoint works without them: POST to this URL.</p></body></html>"
    )
