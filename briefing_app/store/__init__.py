"""SQLite persistence: the schema, the engine, and the one door to it (``Store``)."""
