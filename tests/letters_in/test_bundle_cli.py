"""Letters as case bundles, and the ``openimr letters`` commands end to end."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from openimr import load_bundle
from openimr.cli import app
from openimr.errors import LetterParseError
from openimr.letters_in import ParsedLetter, parse_file, parse_letter
from openimr.letters_in.bundle import bundle_yaml, to_bundle, tracked_by_git, write_bundle

from .fictional import write_letters

runner = CliRunner()


def test_bundle_from_a_fictional_letter(samples_dir: Path, tmp_path: Path) -> None:
    letter = parse_file(samples_dir / "fdl2016_wrapped.txt")
    path = write_bundle(letter, tmp_path / "bundles")
    assert path.name == "CM99-0000101.yaml"
    b = load_bundle(path)
    assert b.case_number == "CM99-0000101"
    assert str(b.dates.ur_denial) == "2009-02-10"
    assert str(b.dates.decision) == "2009-03-30"
    assert str(b.claim.date_of_injury) == "2009-01-15"
    assert (b.patient.age, b.patient.sex) == (52, "female")
    (record,) = b.records
    assert record.id == "clinical-case-summary" and str(record.date) == "2009-03-30"
    assert record.text and record.text.startswith("The injured worker is a 52 year old")
    assert [(r.item, r.ur_decision, r.expected.decision) for r in b.requests] == [  # type: ignore[union-attr]
        (letter.items[0].heading, "denied", "upheld"),
        ("Physical therapy for the lumbar spine, six sessions", "modified", "overturned"),
        (letter.items[2].heading, "denied", "upheld"),
        (letter.items[3].heading, "denied", "upheld"),
    ]
    assert b.requests[0].expected.guideline == (  # type: ignore[union-attr]
        "MTUS Low Back Complaints 2004, Section(s): Special Studies, Diagnostic Criteria"
    )
    assert b.requests[2].expected.guideline is None  # type: ignore[union-attr]
    assert b.requests[1].ur_basis == (
        "The Claims Administrator did not cite any medical evidence for its decision."
    )
    assert to_bundle(letter).case_number == b.case_number
    assert "&id" not in path.read_text()  # no YAML anchors


def test_bundle_needs_the_dates_the_contract_requires(samples_dir: Path) -> None:
    text = (
        (samples_dir / "maximus_notice.txt").read_text().replace("UR Denial Date: 04/12/2009", "")
    )
    with pytest.raises(LetterParseError, match="UR Denial Date"):
        bundle_yaml(parse_letter(text, source="x.txt"))


def test_git_guard(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    assert tracked_by_git(repo / "tests" / "letters_in" / "would_be_committed")
    assert not tracked_by_git(repo / "out" / "bundles")
    assert not tracked_by_git(tmp_path / "bundles")


@pytest.mark.shared
def test_every_2016_letter_makes_a_loadable_bundle(
    corpus: dict[str, ParsedLetter], tmp_path: Path
) -> None:
    decisions: Counter[str] = Counter()
    modified = 0
    for letter in corpus.values():
        b = load_bundle(write_bundle(letter, tmp_path))
        assert b.records and b.records[0].text
        for r in b.requests:
            assert r.expected is not None
            decisions[r.expected.decision] += 1
            modified += r.ur_decision == "modified"
    assert (decisions["upheld"], decisions["overturned"]) == (162, 18)
    assert modified == 22


def test_cli_parse_and_to_bundle(samples_dir: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["letters", "parse", str(samples_dir / "maximus_notice.txt")])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["case_number"] == "CM99-0000303"
    assert [(i["heading"], i["decision"]) for i in data["items"]] == [
        ("Electromyography of the right upper extremity", "overturned"),
        ("Tramadol 50mg #120", "upheld"),
    ]

    res = runner.invoke(app, ["letters", "to-bundle", str(samples_dir / "fdl2013.txt"), "-o", "-"])
    assert res.exit_code == 0, res.output
    assert yaml.safe_load(res.stdout)["case_number"] == "CM99-0000202"

    out = tmp_path / "bundles"
    res = runner.invoke(app, ["letters", "to-bundle", str(samples_dir), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "5 bundles written" in res.stdout and "2 letters skipped" in res.stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "CM99-0000101.yaml",  # wrapped and compact text: the same case
        "CM99-0000202.yaml",
        "CM99-0000303.yaml",
        "CM99-0000404.yaml",
    ]


def test_cli_errors_are_openimr_errors(tmp_path: Path) -> None:
    res = runner.invoke(app, ["letters", "parse", str(tmp_path / "missing.pdf")])
    assert isinstance(res.exception, LetterParseError)
    res = runner.invoke(app, ["letters", "search", "x", "--db", f"sqlite:///{tmp_path}/d.sqlite",
                              "--decision", "maybe"])  # fmt: skip
    assert "--decision" in str(res.exception)


def test_cli_ingest_search_stats_precedents(tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    write_letters(letters, 8)
    db = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    res = runner.invoke(app, ["letters", "ingest", str(letters), "--db", db, "-q", "-j", "1"])
    assert res.exit_code == 0, res.output
    assert "inserted: 8" in res.stdout
    res = runner.invoke(app, ["letters", "ingest", str(letters), "--db", db, "-q"])
    assert "inserted: 0" in res.stdout and "unchanged: 8" in res.stdout

    res = runner.invoke(app, ["letters", "search", "zq2x1", "--db", db])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("1 item(s) [fts5]") and "CM99-0000002" in res.stdout
    res = runner.invoke(
        app, ["letters", "search", "", "--db", db, "--decision", "overturned", "--json"]
    )
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert rows and {r["decision"] for r in rows} == {"overturned"}

    chart = tmp_path / "out" / "stats.svg"
    res = runner.invoke(app, ["letters", "stats", "--db", db, "--chart", str(chart)])
    assert res.exit_code != 0 and "does not exist" in str(res.exception)  # not created silently
    chart.parent.mkdir()
    res = runner.invoke(app, ["letters", "stats", "--db", db, "--chart", str(chart)])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("8 letters, ")
    assert "By category" in res.stdout and "By month" in res.stdout
    assert chart.read_text().lstrip().startswith("<?xml")

    res = runner.invoke(
        app, ["letters", "precedents", "MRI of the lumbar spine", "--db", db, "-k", "2"]
    )
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("2 precedent(s)") and "MRI of the lumbar spine" in res.stdout

