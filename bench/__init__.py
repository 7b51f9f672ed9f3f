"""Carrefour's benchmark: a synthetic Greater Montréal directory of 10,000 to 100,000 services, and the
measurements of import, indexing, search, matching and the public pages over it (`carrefour bench`)."""
