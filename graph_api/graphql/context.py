"""Per-request context: the database, the settings, the round-trip counter, where the time
spent parsing and validating is reported (the rate limit charges it), and the language of
the text the API writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph_api.auth.viewer import PUBLIC, Viewer
from graph_api.db.driver import Database, RoundTrips
from graph_api.locale import Locale, negotiate
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
    accept_language: str | None = None  # the request's header, read by `locale`
    _locale: Locale | None = field(default=None, repr=False)

    def locale(self, explicit: Locale | None = None) -> Locale:
        """The language of text written for this request: a field's `locale` argument, else
        the Accept-Language header (negotiated once), else Dutch. An unsupported header
        raises INVALID_ARGUMENT (each time it is asked, so every text field reports it)."""
        if explicit is not None:
            return explicit
        if self._locale is None:
            self._locale = negotiate(self.accept_language)
        return self._locale
