"""Signing in and out, password links (invitations and resets), and the signed-in person's own page."""
