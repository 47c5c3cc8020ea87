"""The language of text the API writes (labels, suggestion reasons, path steps).

One mechanism for the whole API: Dutch unless the request's `Accept-Language` prefers
English, and a `locale` argument on the fields that write text overrides the header. The
header is read once per request (`Context.locale`). A header that names only languages the
API does not speak is an INVALID_ARGUMENT error, raised by the fields that write text (a
request that reads no text is not refused for it).
"""

from __future__ import annotations

import re
from enum import Enum

import strawberry

from graph_api.graphql.errors import InvalidArgumentError


@strawberry.enum(
    description="A language for the text the API writes: Dutch (the default) or English."
)
class Locale(Enum):
    NL = "nl"
    EN = "en"


DEFAULT = Locale.NL
# Longer than any real browser sends (Chrome's is about 60 characters); bounds the parse.
MAX_HEADER = 256
_RANGE = re.compile(r"^(\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$")
_QUALITY = re.compile(r"^[qQ]=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")


def negotiate(header: str | None) -> Locale:
    """The locale an `Accept-Language` header (RFC 9110, 12.5.4) asks for.

    The supported language with the highest weight wins, ties by order; `*` stands for the
    default; `en-GB` counts as `en`. No header, or an empty one, gives the default.
    """
    if header is None or not header.strip():
        return DEFAULT
    if len(header) > MAX_HEADER:
        raise _unsupported(header[:40] + "...", "is too long")
    best: tuple[float, int, Locale] | None = None
    for position, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        tag, params = pieces[0], pieces[1:]
        if not tag and not params:
            continue  # "nl, , en": empty list elements are allowed
        if not _RANGE.match(tag) or len(params) > 1:
            raise _unsupported(header, "is not a valid Accept-Language header")
        weight = 1.0
        if params:
            quality = _QUALITY.match(params[0])
            if quality is None:
                raise _unsupported(header, "is not a valid Accept-Language header")
            weight = float(quality.group(1))
        locale = DEFAULT if tag == "*" else _SUPPORTED.get(tag.split("-")[0].lower())
        if locale is None or weight == 0:
            continue
        if best is None or weight > best[0]:
            best = (weight, position, locale)
    if best is None:
        raise _unsupported(header, "names no language this API speaks")
    return best[2]


_SUPPORTED = {locale.value: locale for locale in Locale}


def _unsupported(header: str, why: str) -> InvalidArgumentError:
    return InvalidArgumentError(
        f"Accept-Language {header!r} {why}: send nl or en, or pass the `locale` argument.",
        argument="Accept-Language",
    )
