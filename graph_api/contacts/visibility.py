"""Who sees people: partners and staff; the public never does (AVG/GDPR).

A `Person` carries personal data (a name, a function, an e-mail address, a phone number),
so the rule is declared on the type (`@node(visibility=...)`) and the compiler applies it
wherever a person can be reached: contact persons, practice authors, review comments,
`node(id:)`, `nodes(ids:)`, mutation payloads and the nodes of search results. For the
public, a single person is `null` and a list of people is empty.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph_api.auth.viewer import Role, Viewer


def people(viewer: Viewer, param: Callable[[Any], str]) -> str | None:
    """A condition over `{m}`: nothing for the public, everything for partners and staff."""
    if viewer.role is Role.PUBLIC:
        return "false"
    return None
