"""The web layer: what Flask needs beside the blueprints (extensions, languages, headers, search)."""
