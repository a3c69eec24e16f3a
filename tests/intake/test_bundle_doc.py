"""docs/case-bundle.md stays true: every example on it loads, every field of the model is
described on it, and every bundle under examples/ loads."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from openimr import load_bundle
from openimr.domain.bundle import CaseBundle
from openimr.intake import parse_bundle

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "case-bundle.md"
BLOCKS = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_doc_has_examples() -> None:
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("n", range(len(BLOCKS)))
def test_every_example_is_valid(n: int, tmp_path: Path) -> None:
    data = yaml.safe_load(BLOCKS[n])
    if data.get("format") == "openimr-case/1":
        parse_bundle(data, f"docs/case-bundle.md example {n}", tmp_path)
        return
    # a fragment: put it into the smallest bundle and load that
    bundle: dict[str, Any] = yaml.safe_load(BLOCKS[1])
    if "records" in data:
        for rec in data["records"]:
            if "file" in rec:
                target = tmp_path / rec["file"]
                target.parent.mkdir(parents=True, exist_ok=True)
                src = REPO / "tests" / "data" / "bundles" / "valid" / "records" / "pr-2.pdf"
                target.write_bytes(src.read_bytes())
    bundle.update(data)
    if "application" in data:
        for prior in data["application"].get("prior_imr", []):
            prior["requests"] = [r for r in prior.get("requests", []) if r == "1"]
    parse_bundle(bundle, f"docs/case-bundle.md example {n}", tmp_path)


def _fields(model: type[BaseModel], seen: set[str]) -> set[str]:
    out: set[str] = set()
    for name, info in model.model_fields.items():
        if info.exclude:
            continue
        out.add(name)
        for sub in _models(info.annotation):
            if sub.__name__ not in seen:
                seen.add(sub.__name__)
                out |= _fields(sub, seen)
    return out


def _models(ann: Any) -> list[type[BaseModel]]:
    if isinstance(ann, type) and issubclass(ann, BaseModel):
        return [ann]
    found: list[type[BaseModel]] = []
    for arg in getattr(ann, "__args__", ()) or ():
        found += _models(arg)
    return found


def test_every_field_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = sorted(f for f in _fields(CaseBundle, set()) if f"{f}:" not in text)
    assert not missing, f"fields not on docs/case-bundle.md: {missing}"


@pytest.mark.parametrize(
    "path", sorted((REPO / "examples").rglob("*.yaml")), ids=lambda p: p.parent.name
)
def test_every_example_bundle_loads(path: Path) -> None:
    if path.name == "bundle.yaml":
        assert load_bundle(path).requests
