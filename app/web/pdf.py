"""HTML pages printed to PDF with WeasyPrint, from what is on this machine only.

Nothing is fetched over the network while a PDF is drawn: a page that names an outside stylesheet, image or
font would otherwise make the server call out (slow, and a way to probe the network from the inside). The
fetcher (app/web/pdf_fetcher.py) serves the application's own static files from `app/static` and `data:` URLs;
anything else is refused, and WeasyPrint draws the page without it. Fonts come from the system (fontconfig).
WeasyPrint is imported on the first PDF, not with the application.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weasyprint.document import Document

    from app.web.pdf_fetcher import LocalOnlyFetcher


def __getattr__(name: str) -> type[LocalOnlyFetcher]:
    if name == "LocalOnlyFetcher":  # kept importable from here, loaded on demand
        from app.web.pdf_fetcher import LocalOnlyFetcher

        return LocalOnlyFetcher
    raise AttributeError(name)


def render_document(html: str, base_url: str) -> Document:
    """The page laid out for print (its pages can be counted before the PDF is written)."""
    from weasyprint import HTML

    from app.web.pdf_fetcher import LocalOnlyFetcher

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
