"""Validation of mutation input shared by the domains: lengths, counts, clean text,
well-formed URLs, and slugs. Problems are collected, so the caller learns them all at once."""

from __future__ import annotations

import ipaddress
import re
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
    "comment": (1, 5_000),
    "address": (0, 300),
    "function": (0, 100),
    "street": (2, 200),
    "place": (2, 100),
}
# Texts that may run over several lines (newline and tab allowed); the rest are one line.
MULTILINE = {"summary", "body", "results", "costs", "description", "comment"}
# C0 and C1 control characters and DEL; newline and tab are allowed back in multi-line texts.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Bidirectional embeddings, overrides and isolates: they make text read other than it is
# (the "Trojan Source" trick), so no one types them by accident.
_BIDI = "\u202a-\u202e\u2066-\u2069"
_BAD_MULTILINE = re.compile(f"[{_CONTROL}{_BIDI}]")
_BAD_LINE = re.compile(f"[{_CONTROL}\\n\\t{_BIDI}]")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
LIST_LIMITS = {
    "themes": 10,
    "focusThemes": 10,
    "targetGroups": 10,
    "municipalities": 50,
    "links": 10,
}
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
        # Browsers send line breaks as CRLF; one kind of line break is kept.
        value = value.replace("\r\n", "\n").strip()
        low, high = LIMITS[name]
        bad = (_BAD_MULTILINE if name in MULTILINE else _BAD_LINE).search(value)
        if bad:
            self.add(
                name,
                f"`{name}` contains a control or text-direction character "
                f"(U+{ord(bad.group()):04X}) that is not allowed here; remove it.",
            )
        elif required and not value:
            self.add(name, f"`{name}` must not be empty.")
        elif not low <= len(value) <= high:
            self.add(name, f"`{name}` must have {low} to {high} characters, not {len(value)}.")
        return value

    def not_null(self, name: str, value: object) -> None:
        """An update may leave a field out, but not null one that cannot be empty."""
        if value is None:
            self.add(name, f"`{name}` may not be null; leave it out to keep it as it is.")

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
        if not well_formed_url(url):
            self.add(name, f"{url[:80]!r} is not a well-formed http(s) URL.")
        return url

    def action_lines(self, values: list[int] | None) -> None:
        if values is not None and any(v not in (1, 2, 3) for v in values):
            self.add("actionLines", "Action lines are numbered 1, 2 and 3.")

    def raise_if_any(self) -> None:
        if self.problems:
            raise MutationRefused(*self.problems)


def well_formed_url(url: str) -> bool:
    """An absolute http(s) URL with a real host name or IP address: no spaces or control
    characters anywhere, no user name or password, a valid port."""
    if len(url) > MAX_URL or _BAD_LINE.search(url) or " " in url:
        return False
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a port that is not a number from 0 to 65535
    except ValueError:
        return False
    host = parts.hostname
    if parts.scheme not in ("http", "https") or not host or parts.username is not None:
        return False
    if port == 0:
        return False
    return _valid_host(host)


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")  # bücher.nl -> xn--bcher-kva.nl
    except UnicodeError:
        return False
    labels = ascii_host.rstrip(".").split(".")
    return (
        len(ascii_host) <= 253
        and len(labels) >= 2
        and all(_HOST_LABEL.match(label) for label in labels)
        and not labels[-1].isdigit()
    )
