"""Open Referral HSDS 1.x and 2.0 CSV datapackages, read as HSDS 3.0 tables (`--format hsds2`)."""
