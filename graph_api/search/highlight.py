"""Highlights as safe HTML: the text is escaped, only our own `<mark>` tags remain.

Meilisearch wraps matches in tags of our choice but does not escape the text around them.
It is asked for two private-use characters instead, which documents never contain
(`strip_markers` removes them when documents are built); the text is escaped, and the
characters then become `<mark>` and `</mark>`.
"""

from __future__ import annotations

import html

PRE = "\ue000"
POST = "\ue001"
_MARKERS = str.maketrans("", "", PRE + POST)


def strip_markers(text: str) -> str:
    return text.translate(_MARKERS)


def has_match(formatted: str | None) -> bool:
    return formatted is not None and PRE in formatted


def to_html(formatted: str | None) -> str:
    """Escaped text with matches in `<mark>` (empty for a missing attribute)."""
    if not formatted:
        return ""
    return html.escape(formatted, quote=True).replace(PRE, "<mark>").replace(POST, "</mark>")
