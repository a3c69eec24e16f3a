"""Golden files: each fictional Determination rendered as text, HTML and JSON, compared exactly.

Regenerate after an intended change with ``OPENIMR_UPDATE_GOLDEN=1 pytest tests/letters`` and
review the diff of tests/golden/letters/ before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from openimr.letters import render

from .cases import CASES

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "letters"
SUFFIX = {"text": "txt", "html": "html", "json": "json"}
UPDATE = os.environ.get("OPENIMR_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case: str, fmt: str) -> None:
    out = render(CASES[case](), fmt)
    assert isinstance(out, str)
    path = GOLDEN / f"{case}.{SUFFIX[fmt]}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path}; run with OPENIMR_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert out == expected, f"{path.name} differs; if intended, regenerate (see module doc)"
