"""Activities: the Week tegen Eenzaamheid and the rest of the year's events."""
