"""Text keys shared by the API and the seeder: accent-free search keys and URL-safe slugs."""

from __future__ import annotations

import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")
# CBS tells apart municipalities of one name by a province abbreviation ("Bergen (L.)",
# "Bergen (NH.)", "Middelburg (Z.)"): a statistical device, not how people name them.
_CBS_SUFFIX = re.compile(r"\s+\([A-Za-z]{1,4}\.\)$")


def display_name(official: str) -> str:
    """A municipality's name as people write it: its CBS name without the suffix."""
    return _CBS_SUFFIX.sub("", official)


def name_key(s: str) -> str:
    """Lower-case and strip accents, so "Fryslân" and "fryslan" compare equal."""
    if s.isascii():
        return s.lower()  # the common case, and the seeder calls this for every name
    decomposed = unicodedata.normalize("NFKD", s)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower()


def slugify(s: str, max_length: int = 80) -> str:
    """URL-safe slug: accent-free ASCII words joined by hyphens, cut at a word boundary."""
    slug = _NON_SLUG.sub("-", name_key(s)).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    # Prefer not to end mid-word; fall back to a hard cut for one very long word.
    return cut.rsplit("-", 1)[0] if "-" in cut else cut
