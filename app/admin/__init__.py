"""The directory administrators' pages: accounts and the audit log."""
