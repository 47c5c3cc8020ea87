"""Markdown bodies as sanitized HTML: CommonMark without raw HTML, then cleaned by nh3."""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False})


@lru_cache(maxsize=2048)
def to_html(markdown: str) -> str:
    return nh3.clean(_md.render(markdown), link_rel="noopener noreferrer nofollow")
