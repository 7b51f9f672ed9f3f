"""People who sign in: passwords, signed links, sign-in lockout, roles and the audit log."""
