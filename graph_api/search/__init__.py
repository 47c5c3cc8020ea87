"""Meilisearch: index settings, documents from the graph, reindexing."""
