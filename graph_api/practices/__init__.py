"""Good practices: their types, reads and (later) the editorial workflow."""
