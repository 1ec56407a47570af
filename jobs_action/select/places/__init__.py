"""Places: the lookup tables, reading a location text, and the `location` input filter."""
