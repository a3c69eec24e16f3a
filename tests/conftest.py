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


@pytest.fixture(scope="session", autouse=True)
def _private_audit_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The audit key and anchor files of the test databases go to a temporary folder, never
    to the user's ~/.openimr."""
    import os

    os.environ.setdefault("OPENIMR_AUDIT_DIR", str(tmp_path_factory.mktemp("audit")))
    os.environ.setdefault("OPENIMR_HOME", str(tmp_path_factory.mktemp("home")))
