"""Reading a YAML data file into a strict pydantic model; errors name file, path and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from openimr.errors import DataFileError

M = TypeVar("M", bound=BaseModel)


def loc_path(loc: tuple[int | str, ...]) -> str:
    """``('reviewers', 2, 'hours_per_week')`` -> ``reviewers[2].hours_per_week``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def read_yaml(path: Path) -> Any:
    """Parse a YAML file; any failure becomes a one-line :class:`DataFileError`."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(f"{path}: file not found") from None
    except (UnicodeDecodeError, IsADirectoryError) as exc:
        raise DataFileError(f"{path}: cannot read ({exc.__class__.__name__})") from None
    try:
        return yaml.safe_load(raw)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        raise DataFileError(f"{path}: invalid YAML{where}: {exc.problem}") from None
    except (yaml.YAMLError, ValueError) as exc:
        raise DataFileError(f"{path}: invalid YAML: {exc}") from None


def validate(model: type[M], data: Any, path: Path | str) -> M:
    """Validate ``data`` against ``model``; the first error names file, field path and problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function")))
        field = loc_path(loc)
        if err["type"] == "extra_forbidden":
            allowed = _allowed_keys(model, loc[:-1])
            hint = f" (allowed: {', '.join(allowed)})" if allowed else ""
            problem = f"unknown field{hint}"
        elif err["type"] == "missing":
            problem = "is required"
        else:
            msg = str(err["msg"])
            problem = msg.removeprefix("Value error, ")
        raise DataFileError(f"{path}: {field or '<top>'}: {problem}") from None


def _allowed_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """Field names of the model found at ``loc`` (best effort, for the error hint)."""
    cur: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(cur, "model_fields", None)
        if not fields or part not in fields:
            # dict values: the key is user data, keep the model
            continue
        ann = fields[part].annotation
        cur = _inner_model(ann)
        if cur is None:
            return []
    fields = getattr(cur, "model_fields", None)
    return sorted(fields) if fields else []


def _inner_model(ann: Any) -> type[BaseModel] | None:
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return ann
    for arg in getattr(ann, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def load_model(model: type[M], path: Path) -> M:
    """Read and validate one YAML data file."""
    return validate(model, read_yaml(path), path)
