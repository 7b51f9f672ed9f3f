"""Data files the importers ship with (the taxonomy crosswalk)."""
