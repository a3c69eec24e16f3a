"""The JSON determination of every example bundle, compared exactly with a golden file.

A refactor of the engine must leave these unchanged; a change of behaviour regenerates them
on purpose (``OPENIMR_UPDATE_GOLDEN=1 pytest tests/review/test_examples_golden.py``) and the
diff of tests/golden/determinations/ is reviewed with the commit that names the change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import openimr
from openimr.letters import render

ROOT = Path(__file__).resolve().parents[2]
BUNDLES = sorted((ROOT / "examples").rglob("bundle.yaml"))
GOLDEN = ROOT / "tests" / "golden" / "determinations"
UPDATE = os.environ.get("OPENIMR_UPDATE_GOLDEN") == "1"


def _name(path: Path) -> str:
    return "_".join(path.relative_to(ROOT / "examples").parent.parts) + ".json"


@pytest.mark.parametrize("bundle_path", BUNDLES, ids=_name)
def test_example_determination_is_unchanged(bundle_path: Path) -> None:
    out = render(openimr.decide(openimr.load_bundle(bundle_path)), "json")
    assert isinstance(out, str)
    path = GOLDEN / _name(bundle_path)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path}; run with OPENIMR_UPDATE_GOLDEN=1"
    assert out == path.read_text(encoding="utf-8"), f"{path.name} differs from its golden file"
