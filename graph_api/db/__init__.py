"""Neo4j access: the driver, transactions with timeouts, migrations."""
