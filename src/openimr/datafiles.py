"""The one YAML reader of the package, and strict validation of what it reads.

Every data file (guideline topics, vocabularies, panels, letter-reading rules) and every
user file in YAML (case bundles) goes through :func:`parse_yaml`, so each gets the same
treatment: libyaml's C parser where it is installed, a duplicated key refused (YAML lets the
last one silently win, which once changed a case number), absurd nesting refused instead of
crashing, and one error format that names the file, the place and the problem.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from openimr.errors import DataFileError

M = TypeVar("M", bound=BaseModel)

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 200  # no data file or bundle nests anywhere near this
MAX_BYTES = 20_000_000  # 20 MB: a bundle or data file larger than this is refused unread


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

    def construct_yaml_timestamp(self, node: Any) -> Any:
        # An unquoted impossible date (2013-02-30) stays a string, so the schema reports it
        # at its field ("dates.ur_denial: '2013-02-30' is not a date: no such day").
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_StrictLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp
)


_BRACKETS = re.compile(r"[\[\]{}]")


def _depth_ok(text: str) -> bool:
    """A cheap bound on nesting before parsing: flow brackets and indentation. (Only the
    brackets are visited: a loop over every character cost more than the parse of a long
    record's YAML.)"""
    depth = 0
    for m in _BRACKETS.finditer(text):
        ch = m.group()
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
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark else ""
        problem = " ".join(str(exc.problem or exc).split())
        raise error(source, f"invalid YAML{where}: {problem}") from None
    except RecursionError:
        raise error(source, f"nesting deeper than {MAX_DEPTH} levels") from None
    except (yaml.YAMLError, ValueError, TypeError) as exc:
        # an impossible unquoted date ("2013-02-30") surfaces as ValueError
        raise error(source, f"invalid YAML: {' '.join(str(exc).split())[:200]}") from None
    _check_shape(data, source, error)
    return data


MAX_VALUES = 2_000_000  # values after YAML aliases are expanded ("billion laughs")


def _check_shape(data: Any, source: str, error: ErrorFactory) -> None:
    """Refuse block-style nesting past :data:`MAX_DEPTH` and alias bombs, without recursion
    deeper than the limit itself."""
    memo: dict[int, tuple[int, int]] = {}

    def measure(obj: Any, depth: int) -> tuple[int, int]:  # (values, height)
        if not isinstance(obj, dict | list):
            return 1, 0
        if depth > MAX_DEPTH:
            raise error(source, f"nesting deeper than {MAX_DEPTH} levels")
        known = memo.get(id(obj))
        if known is None:
            size, height = 1, 0
            for child in obj.values() if isinstance(obj, dict) else obj:
                n, h = measure(child, depth + 1)
                size, height = size + n, max(height, h + 1)
                if size > MAX_VALUES:
                    raise error(
                        source, f"expands to more than {MAX_VALUES:,} values (YAML aliases)"
                    )
            known = memo[id(obj)] = (size, height)
        if depth + known[1] > MAX_DEPTH:
            raise error(source, f"nesting deeper than {MAX_DEPTH} levels")
        return known

    measure(data, 0)


def parse_json(text: str, source: str, error: ErrorFactory = _data_error) -> Any:
    """Parse JSON ``text`` with the same rules: bounded nesting, no key written twice."""
    if not _depth_ok(text):
        raise error(source, f"nesting deeper than {MAX_DEPTH} levels")

    def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise _DuplicateKey(key)
            out[key] = value
        return out

    try:
        return json.loads(text, object_pairs_hook=_pairs)
    except _DuplicateKey as exc:
        raise error(source, f"key {exc.args[0]!r} is written twice") from None
    except json.JSONDecodeError as exc:
        raise error(
            source, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise error(source, f"nesting deeper than {MAX_DEPTH} levels") from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise error(source, f"invalid JSON: {' '.join(str(exc).split())[:200]}") from None


class _DuplicateKey(Exception):
    pass


def read_text(path: Path, source: str, error: ErrorFactory = _data_error) -> str:
    """The UTF-8 text of a data or bundle file, at most :data:`MAX_BYTES`; refusals are one
    line (missing, a directory, a FIFO or device, too large, not UTF-8)."""
    import stat

    try:
        st = path.stat()
    except FileNotFoundError:
        raise error(source, "file not found") from None
    except OSError as exc:
        raise error(source, f"cannot read ({exc.strerror or exc.__class__.__name__})") from None
    if stat.S_ISDIR(st.st_mode):
        raise error(source, "is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise error(source, f"is {special_file_kind(st.st_mode)}, not a regular file")
    if st.st_size > MAX_BYTES:
        raise error(
            source, f"is {st.st_size:,} bytes; the limit is {MAX_BYTES:,} bytes"
        )
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise error(source, f"cannot read ({exc.strerror or exc.__class__.__name__})") from None
    if len(data) > MAX_BYTES:
        raise error(source, f"is larger than the limit of {MAX_BYTES:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(source, f"not UTF-8 text (byte {exc.start})") from None


def special_file_kind(mode: int) -> str:
    """'a FIFO (named pipe)', 'a device', 'a socket' ... for a file that is not regular."""
    import stat

    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def yaml_position(text: str, loc: tuple[int | str, ...]) -> tuple[int, int] | None:
    """(line, column), 1-based, of the value at ``loc`` in YAML or JSON ``text``; None when it
    cannot be found. Used on the error path only, to point at the offending field."""
    try:
        node = yaml.compose(text, Loader=_Base)
    except Exception:
        return None
    best = node
    for part in loc:
        if node is None:
            break
        nxt = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if getattr(k, "value", None) == str(part):
                    nxt = v
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            nxt = node.value[part]
        if nxt is None:
            break
        node = best = nxt
    if best is None:
        return None
    return best.start_mark.line + 1, best.start_mark.column + 1


def read_yaml(path: Path, label: str | None = None, error: ErrorFactory = _data_error) -> Any:
    """Read and parse one YAML file; a missing or unreadable file is an ``error`` too."""
    source = label or str(path)
    return parse_yaml(read_text(path, source, error), source, error)


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
        elif err["type"] in ("model_type", "dict_type", "model_attributes_type"):
            found = type(err.get("input")).__name__
            problem = f"must be a mapping of fields, not {_KINDS.get(found, 'a ' + found)}"
        else:
            problem = str(err["msg"]).removeprefix("Value error, ")
        where = field.rstrip(".")
        message = f"{source}: {where}: {problem}" if where else f"{source}: {problem}"
        raise DataFileError(message) from None


_KINDS = {"list": "a list", "str": "a string", "NoneType": "empty", "int": "a number",
          "float": "a number", "bool": "a boolean"}


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
