"""The HTTP face of the API: GraphQL over HTTP, health, metrics, request IDs, rate limits."""
