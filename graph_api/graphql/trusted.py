"""Trusted documents (a persisted-query allowlist), on when GRAPH_API_TRUSTED_DOCUMENTS names a
JSON file mapping sha256 hex -> document text (`build_manifest` writes one).

A request then names its document by hash: Apollo's `extensions.persistedQuery.sha256Hash`,
or `documentId: "sha256:<hex>"` (read from `extensions.documentId`, where the HTTP layer
should put a top-level `documentId`, or from the `documentId` query parameter of a GET). A
raw `query` is accepted only if its own sha256 is in the list.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from graphql import GraphQLError, parse
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext

from graph_api.graphql.errors import PersistedQueryNotAllowedError, PersistedQueryNotFoundError

_HEX = re.compile(r"[0-9a-fA-F]{64}")
# Stands in for a refused request's document so that Strawberry neither parses nor validates.
_REFUSED = parse("{ __typename }", no_location=True)


def document_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def build_manifest(paths: list[Path]) -> dict[str, str]:
    """sha256 hex -> text of each `.graphql` file given, or found under a folder given.

    Each file is one document (operations and their fragments), hashed exactly as it is;
    a file that does not parse stops the build with graphql-core's error."""
    manifest: dict[str, str] = {}
    for path in paths:
        files = sorted(path.rglob("*.graphql")) if path.is_dir() else [path]
        for file in files:
            text = file.read_text(encoding="utf-8")
            parse(text, no_location=True)
            manifest[document_hash(text)] = text
    return manifest


def load_manifest(path: Path) -> dict[str, str]:
    """Reads and checks a manifest; a wrong one stops the server at start, not per request."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a JSON object of sha256 hex -> document text.")
    documents: dict[str, str] = {}
    for key, text in data.items():
        if not isinstance(text, str) or document_hash(text) != key.lower():
            raise ValueError(f"{path}: the entry {key[:16]!r}... is not the sha256 of its text.")
        documents[key.lower()] = text
    return documents


class TrustedDocuments(SchemaExtension):
    """Lets through only documents in the list; must come first among the extensions."""

    def __init__(self, documents: Mapping[str, str]) -> None:
        super().__init__()
        self.documents = documents

    def on_operation(self) -> Iterator[None]:
        ec = self.execution_context
        refusal = self._admit(ec)
        if refusal is not None:
            ec.graphql_document = _REFUSED
            ec.pre_execution_errors = [refusal]
        yield

    def _admit(self, ec: ExecutionContext) -> GraphQLError | None:
        """Puts the trusted text in `ec.query`, or says why not."""
        requested = _requested_hash(ec.operation_extensions, ec.context)
        if requested is None:
            if ec.query is None or document_hash(ec.query) in self.documents:
                return None  # no query at all is Strawberry's to answer
            return PersistedQueryNotAllowedError(
                "This server runs trusted documents only: send the document's hash "
                "(`extensions.persistedQuery.sha256Hash` or `documentId`), not its text."
            )
        document = self.documents.get(requested)
        if document is None:
            return PersistedQueryNotFoundError("No trusted document has this hash.")
        if ec.query is not None and document_hash(ec.query) != requested:
            return PersistedQueryNotAllowedError("The query is not the document its hash names.")
        ec.query = document
        return None


def _requested_hash(extensions: Mapping[str, Any] | None, context: Any) -> str | None:
    """The lower-case hex the request names, "" for a malformed one, None if it names none."""
    extensions = extensions or {}
    persisted = extensions.get("persistedQuery")
    if isinstance(persisted, Mapping) and "sha256Hash" in persisted:
        return _hex(persisted["sha256Hash"])
    document_id = extensions.get("documentId")
    if document_id is None:
        params = getattr(getattr(context, "request", None), "query_params", None)
        document_id = params.get("documentId") if params is not None else None
    if document_id is None:
        return None
    if isinstance(document_id, str) and document_id.startswith("sha256:"):
        return _hex(document_id.removeprefix("sha256:"))
    return ""


def _hex(value: Any) -> str:
    return value.lower() if isinstance(value, str) and _HEX.fullmatch(value) else ""
