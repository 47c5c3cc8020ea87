"""Partner finding: suggestions, connection paths, nearness, coverage and network figures."""
