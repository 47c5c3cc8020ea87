"""How each GraphQL type maps onto the graph: the vocabulary the Cypher compiler speaks.

Patterns and expressions are templates: `{n}` is the current node, `{m}` the node a link
leads to, `{r}` the relationship on the way (for fields of edges); literal Cypher braces are
doubled (`COUNT {{ ... }}`), as in `str.format`. Every value from a
request goes into a parameter; templates hold only the project's own Cypher.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Prop:
    """A scalar computed from the current node (or edge): e.g. `{n}.name`."""

    expr: str


@dataclass(frozen=True)
class Link:
    """An object or list of objects reached by a pattern from the current node."""

    pattern: str
    target: str
    many: bool = False
    order: str = ""
    where: str = ""


@dataclass(frozen=True)
class Same:
    """The current node seen as another type (the `coalition` of a membership edge)."""

    target: str


@dataclass(frozen=True)
class Sort:
    """A keyset sort: expressions over `{m}`/`{r}` ending in a unique key; descending flags."""

    keys: tuple[str, ...]
    descending: tuple[bool, ...]


@dataclass(frozen=True)
class Conn:
    """A paginated Relay connection reached by a pattern; edges may carry `{r}` fields."""

    pattern: str
    node_type: str
    sorts: dict[str, Sort]
    default_sort: str
    edge_props: dict[str, str] = field(default_factory=dict)
    where: str = ""
    # Arguments that narrow the list: argument name -> condition with a `{value}` parameter.
    arg_filters: dict[str, str] = field(default_factory=dict)
    type_prefix: str = ""  # names `<prefix>Connection` / `<prefix>Edge`; the node type if empty

    @property
    def connection_type(self) -> str:
        return f"{self.type_prefix or self.node_type}Connection"

    @property
    def edge_type(self) -> str:
        return f"{self.type_prefix or self.node_type}Edge"


FieldSpec = Prop | Link | Same | Conn

# Filled by the domain modules at import time: GraphQL type name -> field name -> spec.
REGISTRY: dict[str, dict[str, FieldSpec]] = {}


def register(type_name: str, fields: dict[str, FieldSpec]) -> None:
    REGISTRY[type_name] = fields


def by_name(key: str = "id") -> Sort:
    """Alphabetical, ties broken by the unique key."""
    return Sort(("{m}.name", "{m}." + key), (False, False))
