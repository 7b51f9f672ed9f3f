"""Public directory pages, in French and English."""
