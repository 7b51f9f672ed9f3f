"""Message catalogues: compiled from `translations/*.po` when missing or older than their source.

Compiling at start means a checkout can never serve stale translations, whatever the install did.
"""

from __future__ import annotations

import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app.core.paths import TRANSLATIONS_DIR

SOURCE_DIR = TRANSLATIONS_DIR


def compile_catalogs(source: Path = SOURCE_DIR, fallback: Path | None = None) -> Path:
    """Compile every stale catalogue; return the folder Flask-Babel should read.

    The `.mo` files go beside the `.po` files; when that folder is read-only (an installed copy), they go
    under `fallback` (the instance folder) with the same layout.
    """
    target = source if os.access(source, os.W_OK) or fallback is None else fallback / "translations"
    for po_path in sorted(source.glob("*/LC_MESSAGES/*.po")):
        relative = po_path.relative_to(source)
        mo_path = (target / relative).with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        mo_path.parent.mkdir(parents=True, exist_ok=True)
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=relative.parts[0])
        tmp = mo_path.with_suffix(".mo.tmp")
        with tmp.open("wb") as mo_file:
            write_mo(mo_file, catalog)
        tmp.replace(mo_path)  # atomic: a running worker never reads half a file
    return target
