"""The domain core: what every other package stands on, and which imports none of them, nor Flask."""
