"""Where the data key comes from and how every stored value moves to a new one (`carrefour keys rotate`).

The key ring is `CARREFOUR_DATA_KEY` when it is set, else the file `data_key` of the instance, generated on
first use (like the secret key) so a demo encrypts without any setting. Rotation re-encrypts every value of
every encrypted column with the first key, in one transaction: it is all done or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Table, select, type_coerce, update
from sqlalchemy.orm import Session
from sqlalchemy.types import Text

from app.core import crypto
from app.core.orm import Base

DATA_KEY_FILE = "data_key"


def instance_data_key(folder: Path) -> str:
    """The key ring kept in the instance, generated on first use."""
    path = folder / DATA_KEY_FILE
    if path.exists():
        value = path.read_text(encoding="utf-8").strip()
        if value:
            return value
    write_instance_data_key(folder, crypto.new_key())
    return path.read_text(encoding="utf-8").strip()


def write_instance_data_key(folder: Path, value: str) -> None:
    path = folder / DATA_KEY_FILE
    crypto.parse_keys(value)  # never write a ring that cannot be read back
    temporary = path.with_suffix(".new")
    temporary.write_text(value + "\n", encoding="utf-8")
    temporary.chmod(0o600)
    temporary.replace(path)


@dataclass(frozen=True, slots=True)
class RotatedColumn:
    table: str
    column: str
    values: int


def encrypted_columns() -> list[tuple[Table, str]]:
    """Every (table, column) whose type encrypts, found from the models (a new one is never forgotten)."""
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, (crypto.EncryptedText, crypto.EncryptedJSON)):
                found.append((table, column.name))
    return found


def rotate_stored_values(session: Session) -> list[RotatedColumn]:
    """Re-encrypt every stored value with the ring's first key. Raises DataKeyError, naming nothing
    personal, when a value cannot be read with the ring (then nothing is changed: the caller rolls back)."""
    done = []
    for table, name in encrypted_columns():
        keys = list(table.primary_key.columns)
        raw = type_coerce(table.c[name], Text)  # the token as stored, not decrypted
        rows = session.execute(select(*keys, raw.label("token")).where(table.c[name].is_not(None))).all()
        for row in rows:
            token = crypto.rotate(row.token)
            condition = [key == row._mapping[key.name] for key in keys]
            session.execute(update(table).where(*condition).values({name: type_coerce(token, Text)}))
        done.append(RotatedColumn(table.name, name, len(rows)))
    return done
