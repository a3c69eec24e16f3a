"""What anchors the audit chain outside the database.

Two things live in a directory the database cannot reach (``$OPENIMR_AUDIT_DIR``, else
``$OPENIMR_HOME/audit``, mode 0700):

- ``audit.key``: a random key (mode 0600). Every audit row carries ``mac`` =
  HMAC-SHA256(key, row hash), so someone who edits rows and recomputes the whole SHA-256
  chain (with the triggers disabled) still cannot produce valid MACs.
- ``anchors/<database id>.log``: an append-only file; after each commit the service appends
  one line ``<row id> <row hash>`` per audit row it wrote. Deleting the newest rows, or
  rewriting any anchored row, no longer matches the file.

``openimr audit verify`` checks the chain, the MACs and the anchor file.
Several service instances on several machines each keep their own anchor file (each anchors
the rows it wrote); they share the key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url


def audit_dir() -> Path:
    env = os.environ.get("OPENIMR_AUDIT_DIR")
    if env:
        d = Path(env)
    else:
        from openimr.store.db import home_dir

        d = home_dir() / "audit"
    if not d.exists():
        d.mkdir(parents=True, mode=0o700)
    return d


def database_id(url: str | URL) -> str:
    """A stable name for a database (its URL without password), used for its anchor file."""
    u = make_url(str(url)) if not isinstance(url, URL) else url
    plain = u.set(password=None).render_as_string(hide_password=False)
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class Seal:
    """The key and the anchor file of one database."""

    key: bytes
    anchor_file: Path

    @classmethod
    def for_url(cls, url: str | URL, directory: Path | None = None) -> Seal:
        d = directory or audit_dir()
        d.mkdir(parents=True, mode=0o700, exist_ok=True)
        key_path = d / "audit.key"
        if not key_path.exists():
            try:
                fd = os.open(key_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                pass  # another process made it first
            else:
                with os.fdopen(fd, "w") as fh:
                    fh.write(secrets.token_hex(32))
        key = bytes.fromhex(key_path.read_text().strip())
        anchors = d / "anchors"
        anchors.mkdir(mode=0o700, exist_ok=True)
        return cls(key, anchors / f"{database_id(url)}.log")

    def mac(self, row_hash: str) -> str:
        return hmac.new(self.key, row_hash.encode("ascii"), hashlib.sha256).hexdigest()

    def anchor(self, rows: list[tuple[int, str]]) -> None:
        """Append ``id hash`` lines (O_APPEND: concurrent writers do not overwrite)."""
        if not rows:
            return
        data = "".join(f"{i} {h}\n" for i, h in rows).encode("ascii")
        fd = os.open(self.anchor_file, os.O_CREAT | os.O_WRONLY | os.O_APPEND, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)

    def anchored(self) -> dict[int, str]:
        if not self.anchor_file.exists():
            return {}
        out: dict[int, str] = {}
        for line in self.anchor_file.read_text(encoding="ascii").splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0].isdigit():
                out[int(parts[0])] = parts[1]
        return out
