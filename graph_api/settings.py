"""Configuration, read from the environment only (and an optional `.env` file)."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


DEVELOPMENT_JWT_SECRET = "graph-api-development-secret-not-for-production"


class Mode(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    mode: Mode = Field(Mode.DEVELOPMENT, alias="GRAPH_API_MODE")
    host: str = Field("127.0.0.1", alias="GRAPH_API_HOST")
    port: int = Field(8000, alias="GRAPH_API_PORT")
    workers: int = Field(1, alias="GRAPH_API_WORKERS")

    # Neo4j: when NEO4J_URI is set, the project uses that server and starts none.
    neo4j_uri: str | None = Field(None, alias="NEO4J_URI")
    neo4j_user: str = Field("neo4j", alias="NEO4J_USER")
    neo4j_password: str = Field("graph-api-local", alias="NEO4J_PASSWORD")
    neo4j_database: str = Field("neo4j", alias="NEO4J_DATABASE")
    neo4j_bolt_port: int = Field(7687, alias="NEO4J_BOLT_PORT")
    neo4j_heap: str = Field("1g", alias="NEO4J_HEAP")
    neo4j_pagecache: str = Field("512m", alias="NEO4J_PAGECACHE")
    neo4j_tx_timeout_s: float = Field(10.0, alias="NEO4J_TX_TIMEOUT")
    java_home: str | None = Field(None, alias="JAVA_HOME")

    # Meilisearch: when MEILI_URL is set, the project uses that server and starts none.
    meili_url: str | None = Field(None, alias="MEILI_URL")
    meili_master_key: str = Field("graph-api-local-master-key", alias="MEILI_MASTER_KEY")
    meili_port: int = Field(7700, alias="MEILI_PORT")
    meili_index_prefix: str = Field("", alias="MEILI_INDEX_PREFIX")

    # Where local servers keep their data; `make test` uses its own folder.
    state_dir: Path = Field(PROJECT_ROOT / ".local" / "dev", alias="GRAPH_API_STATE_DIR")
    cache_dir: Path = Field(PROJECT_ROOT / ".local" / "cache", alias="GRAPH_API_CACHE_DIR")
    seed_dir: Path = Field(PROJECT_ROOT / "seed", alias="GRAPH_API_SEED_DIR")

    # Tokens: HS256 with a shared secret (development), or RS256/ES256 from a JWKS URL.
    jwt_secret: str | None = Field(None, alias="JWT_SECRET")
    jwt_jwks_url: str | None = Field(None, alias="JWT_JWKS_URL")
    jwt_issuer: str | None = Field(None, alias="JWT_ISSUER")
    jwt_audience: str | None = Field(None, alias="JWT_AUDIENCE")

    # Limits checked before execution (see README "Security settings").
    max_depth: int = Field(12, alias="GRAPH_API_MAX_DEPTH")
    max_aliases: int = Field(30, alias="GRAPH_API_MAX_ALIASES")
    # The largest documents the project's own tests, bench and GraphiQL send are about 1,700
    # bytes and 190 tokens (GraphiQL's introspection; the largest of the app's own 600 bytes
    # and 110 tokens); the limits leave about three times that. Validating costs about half a
    # millisecond per field on the 2-core machine, so each token allowed costs time to refuse.
    max_document_bytes: int = Field(5_000, alias="GRAPH_API_MAX_DOCUMENT_BYTES")
    max_tokens: int = Field(500, alias="GRAPH_API_MAX_TOKENS")
    max_operations: int = Field(1, alias="GRAPH_API_MAX_OPERATIONS")  # >1 turns batching on
    max_body_bytes: int = Field(100_000, alias="GRAPH_API_MAX_BODY_BYTES")
    cost_budget: int = Field(50_000, alias="GRAPH_API_COST_BUDGET")
    trusted_documents: Path | None = Field(None, alias="GRAPH_API_TRUSTED_DOCUMENTS")
    cors_origins: str = Field("", alias="GRAPH_API_CORS_ORIGINS")  # comma-separated allowlist
    # Rate limit, in points a minute (see README): per token subject, and per client address
    # for callers without a token (0 there: anonymous callers unlimited). 0 = no rate limit.
    rate_limit_per_minute: int = Field(120_000, alias="GRAPH_API_RATE_LIMIT")
    rate_limit_anonymous_per_minute: int = Field(60_000, alias="GRAPH_API_RATE_LIMIT_ANONYMOUS")
    log_format: str = Field("json", alias="GRAPH_API_LOG_FORMAT")  # json or console
    log_level: str = Field("info", alias="GRAPH_API_LOG_LEVEL")  # debug, info, warning, ...

    max_page_size: int = 100
    default_page_size: int = 20

    @property
    def development(self) -> bool:
        return self.mode is Mode.DEVELOPMENT

    @property
    def effective_jwt_secret(self) -> str | None:
        """Development has a fixed secret so `graph-api token` works out of the box."""
        if self.jwt_secret:
            return self.jwt_secret
        return DEVELOPMENT_JWT_SECRET if self.development and not self.jwt_jwks_url else None

    @property
    def effective_neo4j_uri(self) -> str:
        return self.neo4j_uri or f"bolt://127.0.0.1:{self.neo4j_bolt_port}"

    @property
    def effective_meili_url(self) -> str:
        return self.meili_url or f"http://127.0.0.1:{self.meili_port}"

    @property
    def manages_neo4j(self) -> bool:
        """True when this project starts its own Neo4j (no NEO4J_URI given)."""
        return self.neo4j_uri is None

    @property
    def manages_meilisearch(self) -> bool:
        return self.meili_url is None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
