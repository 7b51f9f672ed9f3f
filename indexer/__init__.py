"""Search indexing: one document per service at a location, fed to the embedded engine or Meilisearch."""
