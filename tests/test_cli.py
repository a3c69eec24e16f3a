"""The CLI edge: usage errors and OpenIMR errors are one clean message and exit code 2."""

from __future__ import annotations

import subprocess
import sys


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "openimr", *args], capture_output=True, text=True, check=False
    )


def test_missing_argument_is_a_usage_error_without_traceback() -> None:
    proc = _run("decide")
    assert proc.returncode == 2
    assert "Missing argument" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_missing_bundle_file_is_one_line() -> None:
    proc = _run("decide", "no/such/bundle.yaml")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "error: no/such/bundle.yaml: file not found"


def test_guidelines_check_passes_on_the_packaged_knowledge_base() -> None:
    proc = _run("guidelines", "check")
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip().endswith("0 problems")
