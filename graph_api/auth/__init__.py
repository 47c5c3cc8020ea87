"""Who is calling (tokens), what they may do (roles and permission checks)."""
