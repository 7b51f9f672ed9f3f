"""HTML pages printed to PDF with WeasyPrint, from what is on this machine only.

Nothing is fetched over the network while a PDF is drawn: a page that names an outside stylesheet, image or
font would otherwise make the server call out (slow, and a way to probe the network from the inside). The
fetcher serves the application's own static files from `app/static` and `data:` URLs; anything else is
refused, and WeasyPrint draws the page without it. Fonts come from the system (fontconfig).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import HTML
from weasyprint.document import Document
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


def render_document(html: str, base_url: str) -> Document:
    """The page laid out for print (its pages can be counted before the PDF is written)."""
    return HTML(string=html, base_url=base_url, url_fetcher=LocalOnlyFetcher(base_url)).render()


def render_pdf(html: str, base_url: str) -> bytes:
    """The PDF of an HTML page. `base_url` is the site's root as the page's links are written against
    (`request.url_root`): its `/static/` files are read from disk, nothing else is fetched."""
    return bytes(render_document(html, base_url).write_pdf())


def render_pdf_fitting(versions: Iterable[str], base_url: str, *, pages: int = 1) -> bytes:
    """The PDF of the first version of a page that fits on `pages` pages (versions from the fullest to the
    most compact); the last one when none does."""
    document = None
    for html in versions:
        document = render_document(html, base_url)
        if len(document.pages) <= pages:
            break
    if document is None:
        raise ValueError("no page to print")
    return bytes(document.write_pdf())
