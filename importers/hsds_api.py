"""Pulling a directory from any HSDS 3.0 API: every page of its full services, into one JSON file that the
HSDS 3.0 JSON importer reads (a list of services).

Only what the official API reference defines is asked (`full`, `page`, `per_page`, `modified_after`), plus
`lang`, which Carrefour reads and other servers ignore. Standard library only: no dependency for a few GETs.

`modified_after` is "on or after" in the reference, so asking again from the newest `last_modified` seen would
bring that service back every time (and after a whole import, where one time stamps every service, the
whole directory). `PullResult.next_since` is therefore that time plus the last unit it was written with
(1 ms for "…05.023Z"); a time written in whole seconds is kept as it is: the services of that second come
again (the import finds them unchanged) rather than risk missing one changed later in the same second.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from app.core.i18n import gettext as _

MAX_PER_PAGE = 500  # Carrefour's maximum; most servers accept it
TIMEOUT = 60.0  # seconds, for each request
MAX_RETRIES = 5  # 429 answers waited out, for one page
MAX_WAIT = 120.0  # seconds: a longer Retry-After is cut to this
MAX_PAGES = 100_000  # a server whose pages never end
USER_AGENT = "Carrefour-hsds-pull/1"
_FRACTION = re.compile(r"T\d{2}:\d{2}:\d{2}(?:\.(\d+))?")

Sleep = Callable[[float], None]


class PullError(Exception):
    """The server's answer cannot be used; the message names the address and what was wrong."""


@dataclass(frozen=True, slots=True)
class PullResult:
    path: Path  # the JSON list of services written
    pages: int
    services: int
    newest: str | None  # the newest `last_modified` seen, as the server wrote it
    newest_at: datetime | None  # the same, read (UTC, naive)
    language: str | None = None  # the pages' Content-Language when every page said the same one

    @property
    def next_since(self) -> str | None:
        """What to give as `since` next time to get only what changed after this pull (module docstring)."""
        if self.newest is None or self.newest_at is None:
            return None
        found = _FRACTION.search(self.newest)
        digits = len(found.group(1)) if found and found.group(1) else 0
        if not digits:
            return _written(self.newest_at, 0)
        digits = min(digits, 6)
        return _written(self.newest_at + timedelta(microseconds=10 ** (6 - digits)), digits)


def _written(moment: datetime, digits: int) -> str:
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if digits:
        text += "." + f"{moment.microsecond:06d}"[:digits]
    return text + "Z"


def _since(value: str) -> str:
    """`value` as the reference writes a date-time (UTC, with a Z), to the precision it was given in: any
    server reads that form, where an offset or a bare date may be refused."""
    moment = read_time(value)
    if moment is None:
        raise PullError(_("%(value)s is not a date and time (ISO 8601)", value=value))
    found = _FRACTION.search(value)
    return _written(moment, min(len(found.group(1)), 6) if found and found.group(1) else 0)


def read_time(value: Any) -> datetime | None:
    """An ISO 8601 date-time as naive UTC (a time without zone is taken as UTC); None when not one."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def source_name(base_url: str) -> str:
    """A stable name for what a server publishes ("example.org-api-hsds"): every pull of the same address
    is the same source, so the import updates what the previous one wrote instead of adding it again."""
    parts = urllib.parse.urlsplit(base_url)
    words = re.split(r"[^A-Za-z0-9.]+", f"{parts.netloc}/{parts.path}")
    return "-".join(w for w in words if w).lower()[:120] or "hsds-api"


def services_url(base_url: str, page: int, per_page: int, since: str | None, lang: str | None) -> str:
    query: dict[str, str] = {"full": "true", "per_page": str(per_page), "page": str(page)}
    if since:
        query["modified_after"] = since
    if lang:
        query["lang"] = lang
    return f"{base_url.rstrip('/')}/services?{urllib.parse.urlencode(query)}"


def pull(
    base_url: str,
    out_dir: Path,
    since: str | None = None,
    lang: str | None = "fr",
    per_page: int = MAX_PER_PAGE,
    api_key: str | None = None,
    session: urllib.request.OpenerDirector | None = None,
    sleep: Sleep = time.sleep,
) -> PullResult:
    """Every page of `{base_url}/services?full=true` (changed on or after `since` when given) written to
    `out_dir/<source name>.json`. Raises PullError on the first answer that is not an HSDS page."""
    if not base_url.lower().startswith(("http://", "https://")):
        raise PullError(_("%(url)s is not an http:// or https:// address", url=base_url))
    if since is not None:
        since = _since(since)
    opener = session or urllib.request.build_opener()
    headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
    if api_key:
        headers["X-API-Key"] = api_key
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{source_name(base_url)}.json"
    partial = path.with_suffix(".part")  # the previous pull's file stays until this one is whole
    walk = _Walk()
    try:
        with partial.open("wb") as out:
            out.write(b"[")
            for page in range(1, MAX_PAGES + 1):
                url = services_url(base_url, page, per_page, since, lang)
                document, language = _get(opener, url, headers, sleep)
                if walk.read(out, _page(url, document), language, page):
                    break
            else:
                raise PullError(_("%(url)s: more than %(num)d pages, stopped", url=base_url, num=MAX_PAGES))
            out.write(b"]")
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return PullResult(
        path=path,
        pages=walk.pages,
        services=len(walk.seen),
        newest=walk.newest[1] if walk.newest else None,
        newest_at=walk.newest[0] if walk.newest else None,
        language=next(iter(walk.languages)) if len(walk.languages) == 1 else None,
    )


@dataclass(slots=True)
class _Walk:
    """What the pages read so far held."""

    seen: set[str] = field(default_factory=set)
    newest: tuple[datetime, str] | None = None  # (read, as written)
    languages: set[str | None] = field(default_factory=set)
    pages: int = 0

    def read(self, out: BinaryIO, answer: dict[str, Any], language: str | None, page: int) -> bool:
        """Write the page's services not seen yet; True when it was the last page."""
        self.pages += 1
        self.languages.add(language)
        for service in answer["contents"]:
            if service["id"] in self.seen:  # a record moved across a page boundary while we read
                continue
            out.write((b"," if self.seen else b"") + orjson.dumps(service))
            self.seen.add(service["id"])
            stated = service.get("last_modified")
            moment = read_time(stated)
            if moment is not None and (self.newest is None or moment > self.newest[0]):
                self.newest = (moment, stated)
        return _is_last(answer, page)


def _get(
    opener: urllib.request.OpenerDirector, url: str, headers: dict[str, str], sleep: Sleep
) -> tuple[Any, str | None]:
    """The JSON document at `url` and the language it says it is in; 429 answers are waited out as
    Retry-After says, a few times."""
    for attempt in range(MAX_RETRIES + 1):
        request = urllib.request.Request(url, headers=headers)
        try:
            with opener.open(request, timeout=TIMEOUT) as response:
                kind = response.headers.get_content_type()
                language = (response.headers.get("Content-Language") or "").strip().lower()[:2] or None
                body = response.read()
        except urllib.error.HTTPError as error:
            if error.code == 429 and attempt < MAX_RETRIES:
                sleep(_retry_after(error.headers.get("Retry-After")))
                continue
            raise PullError(
                _(
                    "%(url)s answered HTTP %(status)d%(detail)s",
                    url=url,
                    status=error.code,
                    detail=_said(error),
                )
            ) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise PullError(_("%(url)s did not answer: %(reason)s", url=url, reason=str(reason))) from None
        if kind not in ("application/json", "application/problem+json") and not kind.endswith("+json"):
            raise PullError(_("%(url)s answered %(type)s, not JSON", url=url, type=kind))
        try:
            return orjson.loads(body), language
        except orjson.JSONDecodeError as error:
            raise PullError(
                _("%(url)s answered invalid JSON: %(reason)s", url=url, reason=str(error))
            ) from None
    raise AssertionError("unreachable")  # the loop returns or raises


def _retry_after(value: str | None) -> float:
    """Seconds to wait: Retry-After as seconds or an HTTP date, 1 when absent, at most MAX_WAIT."""
    if not value:
        return 1.0
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds()
        except (TypeError, ValueError):
            seconds = 1.0
    return min(max(seconds, 0.0), MAX_WAIT)


def _said(error: urllib.error.HTTPError) -> str:
    """The first error a JSON error body gives (` (per_page: must be ...)`), or nothing."""
    try:
        document = orjson.loads(error.read())
    except (orjson.JSONDecodeError, OSError, ValueError):
        return ""
    errors = document.get("errors") if isinstance(document, dict) else None
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        first = errors[0]
        field = f"{first['field']}: " if first.get("field") else ""
        return f" ({field}{first.get('message', '')})"
    return ""


def _page(url: str, document: Any) -> dict[str, Any]:
    """`document` when it is an HSDS Page of objects with ids; PullError saying what is wrong otherwise."""
    if not isinstance(document, dict) or not isinstance(document.get("contents"), list):
        raise PullError(_("%(url)s: not an HSDS page (no contents list)", url=url))
    if not isinstance(document.get("last_page"), bool) and not isinstance(document.get("total_pages"), int):
        raise PullError(_("%(url)s: not an HSDS page (neither last_page nor total_pages)", url=url))
    for position, item in enumerate(document["contents"]):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise PullError(
                _("%(url)s: item %(num)d of contents is not a service with an id", url=url, num=position + 1)
            )
    return document


def _is_last(document: dict[str, Any], page: int) -> bool:
    if isinstance(document.get("last_page"), bool):
        return bool(document["last_page"]) or not document["contents"]
    return page >= int(document["total_pages"]) or not document["contents"]
