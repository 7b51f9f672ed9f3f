"""Response headers that keep pages safe: a strict Content-Security-Policy (no inline scripts), no
sniffing, no framing, a modest referrer policy, and HSTS when the site is served over https."""

from __future__ import annotations

from flask import current_app, request
from werkzeug.wrappers import Response

HSTS = "max-age=31536000; includeSubDomains"


def served_over_https() -> bool:
    """This request came over https, or the site is reached over https (CARREFOUR_BASE_URL), its TLS ended
    by the reverse proxy in front. Plain http never gets HSTS: a site without TLS would lock itself out."""
    base = current_app.config.get("CARREFOUR_BASE_URL") or ""
    return request.is_secure or base.startswith("https://")


def content_security_policy() -> str:
    tiles = current_app.config.get("CARREFOUR_MAP_TILES") or ""
    tile_origin = ""
    if tiles.startswith(("https://", "http://")):
        scheme, rest = tiles.split("://", 1)
        host = rest.split("/", 1)[0].replace("{s}", "*")
        tile_origin = f" {scheme}://{host}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src 'self' data:{tile_origin}; connect-src 'self'; font-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


def security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", content_security_policy())
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if served_over_https():
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    return response
