"""Per-request context: the database, the settings, the round-trip counter, and where the time
spent parsing and validating is reported (the rate limit charges it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph_api.auth.viewer import PUBLIC, Viewer
from graph_api.db.driver import Database, RoundTrips
from graph_api.settings import Settings


@dataclass
class Context:
    db: Database
    settings: Settings
    viewer: Viewer = PUBLIC
    trips: RoundTrips = field(default_factory=RoundTrips)
    request: Any = None
    response: Any = None
    on_work: Callable[[float], None] | None = None  # seconds of parse or validation
