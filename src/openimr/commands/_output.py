"""Output files named by ``-o``/``--chart``: checked before any work, written whole or not at all.

A folder, a missing folder, a FIFO or an unwritable place is refused with one line before the
command does anything (so ``case issue -o`` never issues a letter it then cannot write); the
file itself is written to a temporary name beside it and renamed, so a failure leaves nothing
half-written.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from openimr.errors import OpenIMRError


class OutputPathError(OpenIMRError):
    """An output path that cannot be written; the message names the option and the path."""


def check_output_path(path: Path, option: str, create_default: bool = False) -> None:
    """Refuse an output path that cannot be written (``create_default``: a missing folder of
    the documented default path is created when the file is written)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputPathError(f"{option}: {path}: {exc.strerror}") from None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise OutputPathError(f"{option}: {path} is a folder; give a file name")
        if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
            raise OutputPathError(f"{option}: {path} is a FIFO or socket, not a file")
        if stat.S_ISCHR(mode):
            return  # /dev/null, /dev/stdout
        if not os.access(path, os.W_OK):
            raise OutputPathError(f"{option}: {path} is not writable (permission denied)")
        return
    parent = path.parent
    if not parent.exists():
        if create_default:
            return
        raise OutputPathError(
            f"{option}: the folder {parent} does not exist (create it first, or give another path)"
        )
    if not parent.is_dir():
        raise OutputPathError(f"{option}: {parent} is not a folder")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputPathError(f"{option}: cannot write in {parent} (permission denied)")


def write_output(path: Path, data: bytes | str, option: str = "-o") -> None:
    """Write ``data`` to ``path`` whole: a temporary file beside it, then a rename."""
    check_output_path(path, option)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.exists() and stat.S_ISCHR(path.stat().st_mode):
            with path.open("wb") as fh:
                fh.write(raw)
            return
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(raw)
            os.chmod(tmp, _mode_for(path))  # mkstemp makes 0600; a letter is an ordinary file
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise OutputPathError(f"{option}: {path}: {exc.strerror or exc}") from None


def _mode_for(path: Path) -> int:
    """The mode the file would have had: its present one, else 0666 less the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
