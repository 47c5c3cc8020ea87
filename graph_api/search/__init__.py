"""Search: Meilisearch indexes of published practices and organisations, kept in step with
the graph through the outbox.

index_settings + dutch   the indexes' settings (synonyms, stop words), `ensure_indexes`
documents                documents built from the graph
outbox, indexer, lease   one outbox entry per dirty document, applied oldest first by one
                         indexer at a time (`run_indexer`, woken by commits)
reindex, check           rebuild-and-swap (`reindex_all`), and graph/index differences
types, filters, queries  the GraphQL fields `searchPractices` and `searchOrganisations`
engine, hits, highlight  searching off the event loop, shaping hits as escaped HTML
commands                 `graph-api indexer` and `graph-api search-check`
"""
