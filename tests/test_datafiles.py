"""The one YAML reader: duplicate keys, nesting and errors that name file and place."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel, ConfigDict

from openimr.datafiles import MAX_DEPTH, load_model, parse_yaml, read_yaml
from openimr.errors import DataFileError


def test_duplicate_key_is_refused_with_both_lines() -> None:
    with pytest.raises(DataFileError) as err:
        parse_yaml("case: A1\nname: x\ncase: B2\n", "b.yaml")
    msg = str(err.value)
    assert msg.startswith("b.yaml: ")
    assert "'case' is written twice (first at line 1)" in msg
    assert "line 3" in msg
    assert "\n" not in msg


def test_same_key_in_sibling_mappings_is_fine() -> None:
    assert parse_yaml("- {id: 1}\n- {id: 2}\n", "x") == [{"id": 1}, {"id": 2}]


def test_deep_nesting_is_refused_not_a_crash() -> None:
    text = "[" * 20000 + "]" * 20000
    with pytest.raises(DataFileError, match=f"nesting deeper than {MAX_DEPTH}"):
        parse_yaml(text, "deep.yaml")


def test_impossible_unquoted_date_stays_text_for_the_schema() -> None:
    # the schema then names the field: "dates.ur_denial: '2013-02-30' is not a date"
    assert parse_yaml("date: 2013-02-30\n", "d.yaml") == {"date": "2013-02-30"}


def test_block_nesting_is_bounded_too() -> None:
    with pytest.raises(DataFileError, match="nesting deeper than"):
        parse_yaml("- " * 20000 + "x\n", "deep.yaml")


def test_syntax_error_names_line_and_column() -> None:
    with pytest.raises(DataFileError, match=r"f.yaml: invalid YAML at line 2 column \d+"):
        parse_yaml("a: [1, 2\nb: 3\n", "f.yaml")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="file not found"):
        read_yaml(tmp_path / "none.yaml")
    with pytest.raises(DataFileError, match="is a directory"):
        read_yaml(tmp_path)


class _M(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str


def test_unknown_field_lists_allowed(tmp_path: Path) -> None:
    p = tmp_path / "m.yaml"
    p.write_text("name: a\nnmae: b\n")
    with pytest.raises(DataFileError, match=r"m.yaml: nmae: unknown field \(allowed: name\)"):
        load_model(_M, p)


def test_uses_the_c_parser_when_present() -> None:
    from openimr import datafiles

    if hasattr(yaml, "CSafeLoader"):
        assert issubclass(datafiles._StrictLoader, yaml.CSafeLoader)
