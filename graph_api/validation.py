"""Validation of mutation input shared by the domains: lengths, counts, well-formed URLs,
and slugs. Problems are collected, so the caller learns them all at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from graph_api.graphql.mutation_errors import ErrorCode, MutationRefused, Problem

# Field -> (fewest, most) characters; list field -> most values.
LIMITS = {
    "title": (5, 200),
    "summary": (10, 1_000),
    "body": (1, 50_000),
    "results": (0, 10_000),
    "costs": (0, 500),
    "name": (2, 200),
    "description": (0, 5_000),
    "planPeriod": (0, 40),
}
LIST_LIMITS = {"themes": 10, "target_groups": 10, "municipalities": 50, "links": 10}
MAX_URL = 500


@dataclass
class Checker:
    """Collects every problem, so the caller learns them all at once."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(ErrorCode.VALIDATION, message, field_name))

    def text(self, name: str, value: str | None, required: bool) -> str | None:
        if value is None:
            if required:
                self.add(name, f"`{name}` is required.")
            return None
        value = value.strip()
        low, high = LIMITS[name]
        if required and not value:
            self.add(name, f"`{name}` must not be empty.")
        elif not low <= len(value) <= high:
            self.add(name, f"`{name}` must have {low} to {high} characters, not {len(value)}.")
        return value

    def count(self, name: str, values: list[Any] | None) -> None:
        if values is not None and len(values) > LIST_LIMITS[name]:
            self.add(name, f"At most {LIST_LIMITS[name]} {name}.")

    def urls(self, name: str, values: list[str] | None) -> list[str] | None:
        if values is None:
            return None
        self.count(name, values)
        for url in values:
            self.url(name, url)
        return values

    def url(self, name: str, url: str | None) -> str | None:
        if url is None:
            return None
        parts = urlsplit(url) if len(url) <= MAX_URL else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            self.add(name, f"{url[:80]!r} is not a well-formed http(s) URL.")
        return url

    def action_lines(self, values: list[int] | None) -> None:
        if values is not None and any(v not in (1, 2, 3) for v in values):
            self.add("actionLines", "Action lines are numbered 1, 2 and 3.")

    def raise_if_any(self) -> None:
        if self.problems:
            raise MutationRefused(*self.problems)
