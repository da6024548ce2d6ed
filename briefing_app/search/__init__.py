"""Search: the query grammar, its translation to SQL, ranking and highlighting."""
