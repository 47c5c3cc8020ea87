"""Text for the seeder: the shared text keys, unique slugs in a fixed order, and varied prose."""

from __future__ import annotations

import random
from functools import lru_cache
from typing import NamedTuple

from graph_api.text import name_key, slugify

__all__ = ["SlugRegistry", "name_key", "slugify", "vary"]


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


def vary(rng: random.Random, template: str) -> str:
    """Resolve the choice groups of a template: "{a|b|c}" becomes one of a, b and c, drawn
    from rng; groups nest, and fields without a "|" ("{p}") are left for str.format."""
    return _render(rng, _parse(template))


# A parsed template: literal text, a field (kept in braces) or a choice among templates.
class _Field(NamedTuple):
    inner: tuple[_Piece, ...]


class _Choice(NamedTuple):
    options: tuple[tuple[_Piece, ...], ...]


_Piece = str | _Field | _Choice


def _render(rng: random.Random, pieces: tuple[_Piece, ...]) -> str:
    out: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif isinstance(piece, _Field):
            out.append("{" + _render(rng, piece.inner) + "}")
        else:
            out.append(_render(rng, piece.options[rng.randrange(len(piece.options))]))
    return "".join(out)


# The templates are a fixed set, each drawn many times: parsing each once took a fifth of
# generating the seed's rows. The draws stay the same, in the same order.
@lru_cache(maxsize=4096)
def _parse(template: str) -> tuple[_Piece, ...]:
    pieces: list[_Piece] = []
    i = 0
    while i < len(template):
        start = template.find("{", i)
        if start < 0:
            pieces.append(template[i:])
            break
        pieces.append(template[i:start])
        end, options = _group(template, start)
        if len(options) == 1:
            pieces.append(_Field(_parse(options[0])))
        else:
            pieces.append(_Choice(tuple(_parse(option) for option in options)))
        i = end + 1
    return tuple(pieces)


def _group(template: str, start: int) -> tuple[int, list[str]]:
    """The end of the brace group opened at start, and its top-level options."""
    depth, options, begin = 0, [], start + 1
    for i in range(start, len(template)):
        char = template[i]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                options.append(template[begin:i])
                return i, options
        elif char == "|" and depth == 1:
            options.append(template[begin:i])
            begin = i + 1
    raise ValueError(f"unbalanced braces in {template!r}")
