"""The bundle contract: valid bundles load; each kind of violation gives one precise line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from openimr import load_bundle
from openimr.errors import BundleError

DATA = Path(__file__).resolve().parents[1] / "data" / "bundles"

# invalid bundle file -> (field path, words the problem must contain)
INVALID = {
    "missing-format.yaml": ("format", "is required"),
    "wrong-format.yaml": ("format", "not a supported format"),
    "missing-case-number.yaml": ("case_number", "is required"),
    "missing-ur-denial.yaml": ("dates.ur_denial", "is required"),
    "missing-injury-date.yaml": ("claim.date_of_injury", "is required"),
    "bad-record-date.yaml": ("records[2].date", "'Oct 40 2013' is not a date"),
    "bad-priority.yaml": ("priority", "'urgent' is not one of"),
    "bad-sex.yaml": ("patient.sex", "'m' is not one of"),
    "negative-age.yaml": ("patient.age", "greater than or equal to 0"),
    "unknown-field.yaml": ("claim.insurer_phone", "not a field of the contract"),
    "record-text-and-file.yaml": ("records[0]", "exactly one of 'text' or 'file'"),
    "record-neither-text-nor-file.yaml": ("records[0]", "exactly one of 'text' or 'file'"),
    "record-file-missing.yaml": ("records[0].file", "file not found"),
    "record-file-wrong-type.yaml": ("records[0].file", "unsupported record file type"),
    "record-pdf-no-text.yaml": ("records[0].file", "no text layer (needs OCR)"),
    "record-pdf-broken.yaml": ("records[0].file", "not a readable PDF"),
    "duplicate-record-id.yaml": ("records[1].id", "repeats records[0].id"),
    "duplicate-request-id.yaml": ("requests[1].id", "repeats requests[0].id"),
    "no-requests.yaml": ("requests", "must not be empty"),
    "empty-item.yaml": ("requests[0].item", "at least 1 character"),
    "bad-ur-decision.yaml": ("requests[0].ur_decision", "'approved' is not one of"),
    "bad-expected-decision.yaml": ("requests[0].expected.decision", "'partially' is not one of"),
    "future-record-date.yaml": ("records[0].date", "is in the future"),
    "not-a-mapping.yaml": ("", "must be a mapping"),
    "broken-syntax.yaml": ("", "invalid YAML at line"),
    "broken-syntax.json": ("", "invalid JSON at line 1"),
    "empty.yaml": ("", "must be a mapping"),
}


def test_every_invalid_bundle_is_covered() -> None:
    files = {p.name for p in (DATA / "invalid").iterdir() if p.suffix in (".yaml", ".json")}
    assert files == set(INVALID), "each invalid bundle needs an expected error in INVALID"


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_bundle_names_file_field_and_problem(name: str) -> None:
    field, words = INVALID[name]
    path = DATA / "invalid" / name
    with pytest.raises(BundleError) as info:
        load_bundle(path)
    err = info.value
    assert err.file == str(path)
    assert err.field == field
    assert words in err.problem
    message = str(err)
    assert "\n" not in message and message.startswith(str(path))


@pytest.mark.parametrize("name", ["minimal.yaml", "minimal.json", "with-files.yaml"])
def test_valid_bundles_load(name: str) -> None:
    bundle = load_bundle(DATA / "valid" / name)
    assert bundle.requests
    for rec in bundle.records:
        assert rec.text


def test_record_files_are_read_as_text() -> None:
    bundle = load_bundle(DATA / "valid" / "with-files.yaml")
    assert "Straight leg raise positive" in bundle.record_text("pr-1")
    assert "left L5 dermatome" in bundle.record_text("pr-2")
    assert bundle.requests[0].ur_decision == "modified"
    assert bundle.patient.age_on(bundle.dates.ur_denial) == 46


def test_cli_reports_one_line_and_exit_2() -> None:
    path = DATA / "invalid" / "bad-record-date.yaml"
    proc = subprocess.run(
        [sys.executable, "-m", "openimr", "decide", str(path)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "records[2].date: 'Oct 40 2013' is not a date" in lines[0]
    assert "Traceback" not in proc.stderr
