"""The GraphQL layer: schema assembly, Relay IDs and cursors, the selection-to-Cypher compiler."""
