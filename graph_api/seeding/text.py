"""Slugs for the seeder: the shared text keys, and unique slugs in a fixed order."""

from __future__ import annotations

from graph_api.text import name_key, slugify

__all__ = ["SlugRegistry", "name_key", "slugify"]


class SlugRegistry:
    """Hands out unique slugs in call order, adding "-2", "-3", ... to repeats.

    Callers go through items in a fixed order, so the same input always gets the same slug
    and a larger run's slugs extend a smaller run's.
    """

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def take(self, base: str) -> str:
        count = self._seen.get(base, 0) + 1
        self._seen[base] = count
        if count == 1:
            return base
        candidate = f"{base}-{count}"
        # A numbered slug can itself collide with a base that happens to end in a number.
        while candidate in self._seen:
            count += 1
            candidate = f"{base}-{count}"
        self._seen[base] = count
        self._seen[candidate] = 1
        return candidate
