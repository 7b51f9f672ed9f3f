"""Agency spreadsheets (CSV or XLSX) read through a small YAML mapping that says which column holds which
field; they come out as HSDS 3.0 tables for the one loader."""

# The mapping `--format auto` looks for beside the spreadsheet (or inside the folder given).
MAPPING_NAMES = ("carrefour-mapping.yaml", "carrefour-mapping.yml")
