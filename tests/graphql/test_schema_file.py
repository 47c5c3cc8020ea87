from graph_api.cli import SCHEMA_FILE
from graph_api.graphql.schema import build_schema
from graph_api.settings import Settings


def test_schema_file_matches_the_code(settings: Settings) -> None:
    generated = build_schema(settings).as_str() + "\n"
    assert SCHEMA_FILE.read_text() == generated, "schema/schema.graphql is stale: run `make schema`"


def test_every_compiled_field_has_cypher(settings: Settings) -> None:
    """A field added to a type but not to its spec would fail at request time; catch it here."""
    from graph_api.graphql.compiler import PYTHON_NAMES
    from graph_api.graphql.specs import REGISTRY

    build_schema(settings)
    for type_name, spec in REGISTRY.items():
        missing = set(PYTHON_NAMES[type_name]) - set(spec)
        assert not missing, f"{type_name} lacks Cypher for {missing}"
