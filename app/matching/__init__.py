"""The matcher: for an assessed need profile, the services the client can use, best first, with reasons."""
