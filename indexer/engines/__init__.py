"""Search engines behind one interface: the embedded SQLite FTS5 index and Meilisearch."""
