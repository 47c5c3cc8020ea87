"""GraphQL backend of the Eén tegen eenzaamheid partner network."""
