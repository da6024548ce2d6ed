"""The SQL side of search: a parsed query to statements, run against the indexes."""
