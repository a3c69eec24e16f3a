"""Shared fixtures: where the read-only ../shared material is, and the example bundles."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO.parent / "shared").resolve()
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout; real letters live there and are never copied in."""
    if not SHARED.is_dir():
        pytest.skip("../shared not present (real letters are not shipped with OpenIMR)")
    return SHARED


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
