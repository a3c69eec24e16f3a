"""Load a case bundle (YAML or JSON) and validate it against the ``openimr-case/1`` contract.

Every violation becomes a :class:`BundleError` whose message names the file, the field path
(``records[2].date``) and the problem, so the CLI can print one line and exit 2.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from openimr.datafiles import parse_yaml
from openimr.domain.bundle import CaseBundle
from openimr.errors import BundleError, RecordReadError
from openimr.intake.records import read_record_file

FORMAT = "openimr-case/1"


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _value_at(data: Any, loc: tuple[int | str, ...]) -> Any:
    cur = data
    for part in loc:
        try:
            cur = cur[part]
        except (KeyError, IndexError, TypeError):
            return None
    return cur


def _problem(err: Any, data: Any) -> str:
    kind = err["type"]
    loc = tuple(err["loc"])
    value = _value_at(data, loc)
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a field of the contract"
    if kind.startswith("date"):
        return f"{value!r} is not a date (use YYYY-MM-DD)"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"{value!r} is not one of {expected}"
    if kind == "too_short" and isinstance(value, list):
        return "must not be empty"
    msg = str(err["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    return f"{msg[0].lower()}{msg[1:]}" if msg else kind


def _read_data(path: Path) -> Any:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BundleError(str(path), "", "file not found") from None
    except UnicodeDecodeError as exc:
        raise BundleError(str(path), "", f"not UTF-8 text (byte {exc.start})") from None
    except IsADirectoryError:
        raise BundleError(str(path), "", "is a directory, not a bundle file") from None
    if path.suffix.lower() == ".json":
        try:
            return json.loads(raw)
        except json.JSONDecodeError as exc:
            raise BundleError(
                str(path), "", f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
            ) from None
    # dates come back as dates; an unquoted impossible one ("2013-02-30") is reported
    return parse_yaml(raw, str(path), lambda src, problem: BundleError(src, "", problem))


def _check_unique_ids(path: str, data: dict[str, Any], key: str) -> None:
    seen: dict[str, int] = {}
    for i, entry in enumerate(data.get(key) or []):
        if isinstance(entry, dict) and "id" in entry:
            ident = str(entry["id"])
            if ident in seen:
                raise BundleError(
                    path, f"{key}[{i}].id", f"'{ident}' repeats {key}[{seen[ident]}].id"
                )
            seen[ident] = i


def parse_bundle(data: Any, path: str = "<bundle>", base_dir: Path | None = None) -> CaseBundle:
    """Validate already-parsed bundle data; resolve record files against ``base_dir``."""
    if not isinstance(data, dict):
        raise BundleError(path, "", "a bundle must be a mapping of fields")
    fmt = data.get("format")
    if fmt is None:
        raise BundleError(path, "format", f"is required (expected '{FORMAT}')")
    if fmt != FORMAT:
        raise BundleError(
            path, "format", f"{fmt!r} is not a supported format (expected '{FORMAT}')"
        )
    # Numbers written bare in YAML (id: 1) are still identifiers.
    for key in ("records", "requests"):
        for entry in data.get(key) or []:
            if isinstance(entry, dict) and isinstance(entry.get("id"), int):
                entry["id"] = str(entry["id"])
    try:
        bundle = CaseBundle.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function")))
        raise BundleError(path, _path(loc), _problem(err, data)) from None
    _check_unique_ids(path, data, "records")
    _check_unique_ids(path, data, "requests")
    if bundle.patient.age is None and bundle.patient.date_of_birth is None:
        pass  # age is optional; the summary then leaves it out
    base = base_dir or Path(".")
    for i, rec in enumerate(bundle.records):
        if rec.file is not None:
            target = (base / rec.file).resolve()
            try:
                content = read_record_file(target)
            except RecordReadError as exc:
                reason = str(exc).split(": ", 1)[-1]
                raise BundleError(path, f"records[{i}].file", f"{rec.file!r}: {reason}") from None
            if not content.text.strip():
                raise BundleError(
                    path, f"records[{i}].file", f"{rec.file!r} has no text layer (needs OCR)"
                )
            rec.text = content.text
        if rec.date and rec.date > dt.date.today():
            raise BundleError(path, f"records[{i}].date", f"{rec.date} is in the future")
    bundle.source_path = path
    return bundle


def load_bundle(path: str | Path) -> CaseBundle:
    """Read a bundle file (``.yaml``, ``.yml`` or ``.json``) and return it validated."""
    p = Path(path)
    data = _read_data(p)
    return parse_bundle(data, str(p), p.parent)
