"""Fetching, starting and stopping the local Neo4j and Meilisearch servers."""
