"""Stage 4, render: the table, the generated page, the markers splice, the Atom feed and the data file. Pure."""
