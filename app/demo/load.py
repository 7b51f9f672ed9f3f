"""Loading the Montréal demo directory through the real importer, once."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.models import ImportRun
from importers.hsds3.reader import open_dataset
from importers.report import ImportReport
from importers.run import run_import

DEMO_DIR = Path(__file__).resolve().parent / "data"
DEMO_SOURCE = "demo"


def demo_is_loaded(session: Session) -> bool:
    """True when the last demo import read exactly the files shipped now."""
    last = session.scalars(
        select(ImportRun).where(ImportRun.data_source == DEMO_SOURCE).order_by(ImportRun.id.desc()).limit(1)
    ).first()
    if last is None:
        return False
    dataset = open_dataset(DEMO_DIR)
    try:
        return last.files == dataset.files
    finally:
        dataset.close()


def load_demo(session: Session) -> ImportReport | None:
    """Import the demo (French text with English translations beside it); None when already loaded."""
    if demo_is_loaded(session):
        return None
    return run_import(session, DEMO_DIR, fmt="hsds3", lang="fr", source=DEMO_SOURCE)
