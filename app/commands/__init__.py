"""The commands (`carrefour ...`): thin modules over the domain functions."""
