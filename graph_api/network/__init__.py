"""The partner network: provinces, municipalities, coalitions, organisations, themes."""
