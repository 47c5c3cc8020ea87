from graph_api.cli import SCHEMA_FILE
from graph_api.graphql.scalars import Date
from graph_api.schema import build_schema
from graph_api.settings import Settings


def test_schema_file_matches_the_code(settings: Settings) -> None:
    generated = build_schema(settings).as_str() + "\n"
    assert SCHEMA_FILE.read_text() == generated, "schema/schema.graphql is stale: run `make schema`"


def test_every_compiled_field_has_cypher(settings: Settings) -> None:
    """Every field of a compiled type is read somehow: derived, declared, or a connection."""
    model = build_schema(settings).graph_model
    compiled = [t for t in model.types.values() if t.fields]
    assert {"Organisation", "Practice", "ProvinceCoverage", "CoalitionMembership"} <= {
        t.name for t in compiled
    }
    for t in compiled:
        missing = set(t.python_names) - set(t.fields)
        assert not missing, f"{t.name} lacks Cypher for {missing}"


def test_a_new_scalar_field_is_one_declaration(settings: Settings) -> None:
    """A plain field added to a node type reads the property of its name, with no other edit:
    the declaration is the type."""
    import strawberry

    from graph_api.graphql.assembly import build
    from graph_api.graphql.mapping import node
    from graph_api.graphql.model import ConnSpec
    from graph_api.graphql.node import Node

    @node("Widget", key="code")
    @strawberry.type
    class Widget(Node):
        code: str
        opened_on: Date | None

    @strawberry.type
    class Query:
        @strawberry.field
        def widget(self) -> Widget | None:
            return None

    model = build(Query, None, settings).graph_model  # type: ignore[arg-type]
    fields = model.types["Widget"].fields
    assert str(fields["id"]) == "Prop(expr=\"'Widget:' + {n}.code\")"
    assert str(fields["openedOn"]) == "Prop(expr='toString({n}.openedOn)')"
    assert model.node_types["Widget"].label == "Widget"
    assert not any(isinstance(s, ConnSpec) for s in fields.values())
