"""The one YAML reader of the package, and strict validation of what it reads.

Every data file (guideline topics, vocabularies, panels, letter-reading rules) and every
user file in YAML (case bundles) goes through :func:`parse_yaml`, so each gets the same
treatment: libyaml's C parser where it is installed, a duplicated key refused (YAML lets the
last one silently win, which once changed a case number), absurd nesting refused instead of
crashing, and one error format that names the file, the place and the problem.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from openimr.errors import DataFileError

M = TypeVar("M", bound=BaseModel)

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 200  # no data file or bundle nests anywhere near this


class _StrictLoader(_Base):
    """Safe loading that refuses a key written twice in one mapping."""

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, Any] = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.setdefault(key, key_node)
                except TypeError:
                    continue  # an unhashable key: the base constructor reports it
                if first is not key_node:
                    raise yaml.constructor.ConstructorError(
                        None,
                        None,
                        f"key {key!r} is written twice (first at line {first.start_mark.line + 1})",
                        key_node.start_mark,
                    )
        return super().construct_mapping(node, deep=deep)


def _depth_ok(text: str) -> bool:
    """A cheap bound on nesting before parsing: flow brackets and indentation."""
    depth = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return False
        elif ch in "]}":
            depth = max(0, depth - 1)
    return True


ErrorFactory = Callable[[str, str], Exception]


def _data_error(source: str, problem: str) -> Exception:
    return DataFileError(f"{source}: {problem}")


def parse_yaml(text: str, source: str, error: ErrorFactory = _data_error) -> Any:
    """Parse YAML ``text`` read from ``source``; every failure becomes ``error(source, problem)``.

    ``problem`` is one line: "invalid YAML at line 3 column 5: ...", "key 'id' is written
    twice ...", "nesting deeper than 200 levels".
    """
    if not _depth_ok(text):
        raise error(source, f"nesting deeper than {MAX_DEPTH} levels")
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        problem = " ".join(str(exc.problem or exc).split())
        raise error(source, f"invalid YAML{where}: {problem}") from None
    except RecursionError:
        raise error(source, f"nesting deeper than {MAX_DEPTH} levels") from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        # an impossible unquoted date ("2013-02-30") surfaces as ValueError
        raise error(source, f"invalid YAML: {' '.join(str(exc).split())}") from None


def read_yaml(path: Path, label: str | None = None, error: ErrorFactory = _data_error) -> Any:
    """Read and parse one YAML file; a missing or unreadable file is an ``error`` too."""
    source = label or str(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(source, "file not found") from None
    except IsADirectoryError:
        raise error(source, "is a directory, not a file") from None
    except UnicodeDecodeError as exc:
        raise error(source, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise error(source, f"cannot read ({exc.strerror or exc.__class__.__name__})") from None
    return parse_yaml(raw, source, error)


def loc_path(loc: tuple[int | str, ...]) -> str:
    """``('reviewers', 2, 'hours_per_week')`` -> ``reviewers[2].hours_per_week``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def validate(model: type[M], data: Any, source: Path | str, where: str = "") -> M:
    """Validate ``data`` against ``model``; the first error names file, field path and problem.

    ``where`` prefixes the field path when ``data`` is one entry of a larger file
    (``services[4].``).
    """
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function")))
        field = where + loc_path(loc)
        if err["type"] == "extra_forbidden":
            allowed = _allowed_keys(model, loc[:-1])
            hint = f" (allowed: {', '.join(allowed)})" if allowed else ""
            problem = f"unknown field{hint}"
        elif err["type"] == "missing":
            problem = "is required"
        else:
            problem = str(err["msg"]).removeprefix("Value error, ")
        raise DataFileError(f"{source}: {field.rstrip('.') or '<top>'}: {problem}") from None


def _allowed_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """Field names of the model found at ``loc`` (best effort, for the error hint)."""
    cur: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(cur, "model_fields", None)
        if not fields or part not in fields:
            continue  # dict values: the key is user data, keep the model
        cur = _inner_model(fields[part].annotation)
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


def load_model(model: type[M], path: Path, label: str | None = None) -> M:
    """Read and validate one YAML data file."""
    return validate(model, read_yaml(path, label), label or path)
