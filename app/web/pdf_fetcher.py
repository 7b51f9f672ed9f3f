"""The URL fetcher WeasyPrint uses while printing: this site's static files from disk and `data:` URLs, and
nothing else (see app/web/pdf.py). Imported only when a PDF is drawn: WeasyPrint weighs about 25 MB in each
process, which the public pages' workers need not carry."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
STATIC_PREFIX = "/static/"


class LocalOnlyFetcher(URLFetcher):
    """Serves `<base_url>/static/...` from `app/static` and `data:` URLs; refuses every other URL."""

    def __init__(self, base_url: str, static_dir: Path = STATIC_DIR) -> None:
        super().__init__(timeout=1, allowed_protocols=("http", "https", "file", "data"))
        base = urlsplit(base_url)
        self._origin = (base.scheme, base.netloc)
        # The site may live under a prefix (`SCRIPT_NAME`): its static files are under that prefix too.
        self._prefix = base.path.rstrip("/") + STATIC_PREFIX
        self._static = static_dir.resolve()

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)  # decoded in memory by urllib's data handler
        path = self.static_file(url)
        if path is None:
            raise ValueError(f"not fetched while printing: {url[:200]}")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    def static_file(self, url: str) -> Path | None:
        """The file of `app/static` a URL of this site names, None for any other URL (another host, outside
        the folder, missing)."""
        parts = urlsplit(url)
        path = unquote(parts.path)
        if parts.scheme in ("http", "https") and (parts.scheme, parts.netloc) == self._origin:
            prefix = self._prefix
        elif parts.scheme == "file" and not parts.netloc:
            prefix = self._static.as_posix().rstrip("/") + "/"
        else:
            return None
        if not path.startswith(prefix):
            return None
        candidate = (self._static / path[len(prefix) :]).resolve()
        if self._static not in candidate.parents or not candidate.is_file():
            return None
        return candidate
