"""Every hostile input of our own table gets one clear line and exit 2, in bounded time,
writes nothing it should not, and never shows what lies outside the bundle's folder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .cases import Case, generate
from .runner import run_case

CASES = generate()


def test_the_table_is_large_and_covers_every_family() -> None:
    refusals = [c for c in CASES if c.expect == "refuse"]
    assert len(refusals) >= 100
    families = {c.family for c in CASES}
    assert {
        "impossible-values", "identifiers", "record-files", "bundle-file", "panel", "options",
        "database", "ingest", "control",
    } <= families


@pytest.mark.parametrize("case", CASES, ids=[f"{c.family}:{c.name}" for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path) -> None:
    # in this process, for speed (eval/hostile.py runs each as its own process)
    res = run_case(case, tmp_path / "case", timeout=60, in_process=True)
    assert not res.leaked, f"read outside the bundle: {res.stdout}{res.stderr}"
    assert not res.wrote, f"wrote {res.wrote}"
    want = "accepted" if case.expect == "accept" else "clear"
    assert res.verdict == want, (res.code, res.stderr, res.stdout[-2000:])


def test_one_of_each_family_as_its_own_process(tmp_path: Path) -> None:
    """What a user sees: a real process, its stderr and exit code (a sample per family)."""
    seen: set[str] = set()
    for i, case in enumerate(CASES):
        if case.family in seen:
            continue
        seen.add(case.family)
        res = run_case(case, tmp_path / f"c{i}", timeout=60)
        want = "accepted" if case.expect == "accept" else "clear"
        assert res.verdict == want, (case.name, res.code, res.stderr)
        assert not res.leaked


def test_runner_reports_counts() -> None:
    script = Path(__file__).resolve().parents[2] / "eval" / "hostile.py"
    proc = subprocess.run(
        [sys.executable, str(script), "--family", "panel"], capture_output=True, text=True,
        timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "clear 11, unclear 0, traceback 0, hang 0, wrongly accepted 0" in proc.stdout
