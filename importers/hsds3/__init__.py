"""Open Referral HSDS 3.0: CSV datapackage and JSON service list, in and out."""
