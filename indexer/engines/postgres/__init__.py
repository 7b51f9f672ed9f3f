"""The PostgreSQL search engine: full-text, geography, filters and facets in the directory's own database
(`engine`), written in the transaction of each directory change (`follow`)."""

from indexer.engines.postgres.engine import PostgresEngine
from indexer.engines.postgres.follow import follow, unfollow, unfollow_database

__all__ = ["PostgresEngine", "follow", "unfollow", "unfollow_database"]
