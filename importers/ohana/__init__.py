"""The Ohana API CSV export (Code for America's Ohana API, `data/sample-csv/` layout) read as HSDS 3.0."""
