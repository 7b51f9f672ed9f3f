"""Importers: read agency listings in their many shapes into the one directory database."""
