"""GraphiQL from the project's own files: the page at GET /graphql (HTML, development only)
refers to nothing but this server, and every file it refers to is served."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import httpx2 as httpx
from starlette.testclient import TestClient

from graph_api.app import create_app
from graph_api.http import graphiql
from graph_api.settings import Mode, Settings

HTML = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
REFERENCE = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
EXTERNAL = re.compile(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", re.IGNORECASE)
MEDIA = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml"}
# What the page cannot work without; a smaller file than this is an error page or a stub.
REQUIRED = {
    "react.production.min.js": 10_000,
    "react-dom.production.min.js": 100_000,
    "graphiql.min.js": 500_000,
    "graphiql.min.css": 100_000,
    "plugin-explorer.umd.js": 20_000,
    "start.js": 500,
}


def test_the_page_and_every_file_it_refers_to(live_url: str) -> None:
    with httpx.Client(base_url=live_url, timeout=30) as http:
        page = http.get("/graphql", headers=HTML)
        assert page.status_code == 200, (
            f"GraphiQL's files are missing: run `{graphiql.FETCH_COMMAND}`.\n{page.text}"
        )
        assert page.headers["content-type"].startswith("text/html")
        assert not EXTERNAL.search(page.text), EXTERNAL.search(page.text)
        policy = page.headers["content-security-policy"]
        assert "script-src 'self';" in policy and not EXTERNAL.search(policy)
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        assert "<script>" not in page.text and "<style" not in page.text  # no inline code

        references = REFERENCE.findall(page.text)
        names = {ref.rsplit("/", 1)[-1] for ref in references}
        assert set(REQUIRED) <= names, names
        for ref in references:
            assert ref.startswith(f"{graphiql.PREFIX}/"), ref
            asset = http.get(ref)
            assert asset.status_code == 200, ref
            media = MEDIA[Path(ref).suffix]
            assert asset.headers["content-type"].split(";")[0] == media, ref
            assert len(asset.content) >= REQUIRED.get(Path(ref).name, 100), ref
            assert "immutable" in asset.headers["cache-control"], ref
            assert asset.headers["x-content-type-options"] == "nosniff"
            if media == "text/css":  # no web fonts or images from elsewhere, no @import
                assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import", asset.text), ref

        # The page's own script talks to the endpoint that served the page, relatively.
        start = http.get(next(r for r in references if r.endswith("/start.js"))).text
        assert not EXTERNAL.search(start)
        assert "window.location.pathname" in start


def test_an_asset_url_with_another_content_hash_is_not_found(live_url: str) -> None:
    with httpx.Client(base_url=live_url, timeout=30) as http:
        page = http.get("/graphql", headers=HTML).text
        real = next(r for r in REFERENCE.findall(page) if r.endswith("/graphiql.min.js"))
        stale = re.sub(r"/[0-9a-f]{16}/", "/0000000000000000/", real)
        assert http.get(stale).status_code == 404
        assert http.get(f"{graphiql.PREFIX}/{real.split('/')[2]}/package.json").status_code == 404


def test_without_the_files_the_page_says_how_to_fetch_them(
    settings: Settings, tmp_path: Path
) -> None:
    fetched = graphiql.asset_dir(settings)
    assert fetched is not None and fetched.is_dir(), f"run `{graphiql.FETCH_COMMAND}`"
    empty = settings.model_copy(update={"cache_dir": tmp_path})
    client = TestClient(create_app(empty, run_indexer=False))  # no lifespan: no database
    page = client.get("/graphql", headers=HTML)
    assert page.status_code == 503
    assert page.headers["content-type"].startswith("text/html")
    assert graphiql.FETCH_COMMAND in page.text and "<script" not in page.text
    # Fetched while the server runs: the next reload has GraphiQL, no restart needed.
    directory = graphiql.asset_dir(empty)
    assert directory is not None
    shutil.copytree(fetched, directory)
    page = client.get("/graphql", headers=HTML)
    assert page.status_code == 200 and "graphiql.min.js" in page.text


def test_no_graphiql_in_production(settings: Settings) -> None:
    dev = TestClient(create_app(settings, run_indexer=False))
    asset = next(r for r in REFERENCE.findall(dev.get("/graphql", headers=HTML).text))
    assert dev.get(asset).status_code == 200
    production = settings.model_copy(update={"mode": Mode.PRODUCTION})
    prod = TestClient(create_app(production, run_indexer=False))
    assert prod.get("/graphql", headers={"accept": "text/html"}).status_code == 406
    assert prod.get(asset).status_code == 404
