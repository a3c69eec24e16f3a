"""Load a case bundle (YAML or JSON) and validate it against the ``openimr-case/1`` contract.

Every violation becomes a :class:`BundleError` whose message names the file, the line and
column where the input has them, the field path (``records[2].date``) and the problem, so
the CLI can print one line and exit 2. What cannot be true (a date in the future, an injury
after the UR denial, a boolean where a number belongs) is refused by the domain model
(:mod:`openimr.domain.sanity`); record files are read only from inside the bundle's folder.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from openimr.datafiles import loc_path, parse_json, parse_yaml, read_text, yaml_position
from openimr.domain.bundle import CaseBundle
from openimr.errors import BundleError, RecordReadError
from openimr.intake.records import read_record_file, resolve_record_file

FORMAT = "openimr-case/1"
_FIELD_PREFIX = re.compile(r"((?:[a-z_]+|\[\d+\])(?:\.[a-z_]+|\[\d+\])*): (.*)", re.S)


def _value_at(data: Any, loc: tuple[int | str, ...]) -> Any:
    cur = data
    for part in loc:
        try:
            cur = cur[part]
        except (KeyError, IndexError, TypeError):
            return None
    return cur


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:50] + f"...' ({len(str(value))} characters)"


def _problem(err: Any, data: Any) -> str:
    kind = err["type"]
    loc = tuple(err["loc"])
    value = _value_at(data, loc)
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a field of the contract"
    if kind.startswith("date"):
        return f"{_short(value)} is not a date (use YYYY-MM-DD)"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"{_short(value)} is not one of {expected}"
    if kind == "too_short" and isinstance(value, list):
        return "must not be empty"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a mapping of fields, not {type(value).__name__}"
    if kind in ("list_type",):
        return f"must be a list, not {type(value).__name__}"
    if kind in ("string_type",):
        return f"must be text, not {type(value).__name__}"
    if kind in ("bool_type", "bool_parsing"):
        return f"{_short(value)} is not true or false"
    msg = str(err["msg"])
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    return f"{msg[0].lower()}{msg[1:]}" if msg else kind


class _Source:
    """Where a bundle came from: its name, and its text for pointing at lines."""

    def __init__(self, path: str, text: str | None = None) -> None:
        self.path = path
        self.text = text

    def error(self, field: str, problem: str, loc: tuple[int | str, ...] = ()) -> BundleError:
        pos = yaml_position(self.text, loc) if self.text is not None and loc else None
        return BundleError(self.path, field, problem, pos)


def _read_data(path: Path) -> tuple[Any, str]:
    source = str(path)

    def err(src: str, problem: str) -> BundleError:
        return BundleError(src, "", problem)

    raw = read_text(path, source, err)
    if path.suffix.lower() == ".json":
        return parse_json(raw, source, err), raw
    return parse_yaml(raw, source, err), raw


def _check_unique_ids(src: _Source, data: dict[str, Any], key: str) -> None:
    seen: dict[str, int] = {}
    for i, entry in enumerate(data.get(key) or []):
        if isinstance(entry, dict) and "id" in entry:
            ident = str(entry["id"])
            if ident in seen:
                raise src.error(
                    f"{key}[{i}].id", f"'{ident}' repeats {key}[{seen[ident]}].id", (key, i, "id")
                )
            seen[ident] = i


def _loc_of(field: str) -> tuple[int | str, ...]:
    return tuple(
        int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"\[\d+\]|[a-z_]+", field)
    )


def _ids_as_text(data: dict[str, Any]) -> None:
    """Numbers written bare in YAML (id: 1) are still identifiers."""
    for key in ("records", "requests"):
        entries = data.get(key)
        for entry in entries if isinstance(entries, list) else []:
            if (
                isinstance(entry, dict)
                and isinstance(entry.get("id"), int)
                and not isinstance(entry.get("id"), bool)
            ):
                entry["id"] = str(entry["id"])


def parse_bundle(
    data: Any, path: str = "<bundle>", base_dir: Path | None = None, text: str | None = None
) -> CaseBundle:
    """Validate already-parsed bundle data; read record files from inside ``base_dir``.

    A bundle given as data without ``base_dir`` has no folder: its records must carry text.
    """
    src = _Source(path, text)
    if not isinstance(data, dict):
        raise BundleError(path, "", "a bundle must be a mapping of fields")
    fmt = data.get("format")
    if fmt is None:
        raise src.error("format", f"is required (expected '{FORMAT}')")
    if fmt != FORMAT:
        raise src.error(
            "format", f"{_short(fmt)} is not a supported format (expected '{FORMAT}')", ("format",)
        )
    _ids_as_text(data)
    try:
        bundle = CaseBundle.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function")))
        problem = _problem(err, data)
        if not loc:  # a whole-bundle check: "field: problem"
            m = _FIELD_PREFIX.fullmatch(problem)
            if m:
                raise src.error(m.group(1), m.group(2), _loc_of(m.group(1))) from None
        raise src.error(loc_path(loc), problem, loc) from None
    _check_unique_ids(src, data, "records")
    _check_unique_ids(src, data, "requests")
    for i, rec in enumerate(bundle.records):
        if rec.file is None:
            continue
        where = f"records[{i}].file"
        if base_dir is None:
            raise src.error(
                where, "a bundle given without its folder cannot name record files; give the text",
                ("records", i, "file"),
            )
        try:
            content = read_record_file(resolve_record_file(base_dir, rec.file))
        except RecordReadError as exc:
            reason = str(exc).split(": ", 1)[-1]
            if not reason.startswith(repr(rec.file)):
                reason = f"{rec.file!r}: {reason}"
            raise src.error(where, reason, ("records", i, "file")) from None
        if not content.text.strip():
            raise src.error(
                where, f"{rec.file!r} has no text layer (needs OCR)", ("records", i, "file")
            )
        rec.text = content.text
    bundle.source_path = path
    return bundle


def load_bundle(path: str | Path) -> CaseBundle:
    """Read a bundle file (``.yaml``, ``.yml`` or ``.json``) and return it validated."""
    p = Path(path)
    data, text = _read_data(p)
    return parse_bundle(data, str(p), p.parent, text)
