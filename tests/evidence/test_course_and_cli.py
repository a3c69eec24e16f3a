"""Time course across dated records, quoted findings, data-file errors and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from openimr.cli import app
from openimr.domain import CaseBundle
from openimr.errors import DataFileError
from openimr.evidence import extract
from openimr.evidence.schema import Vocabulary, expand_phrase, load_data


def _bundle(*notes: tuple[str, str, str]) -> CaseBundle:
    return CaseBundle.model_validate(
        {
            "format": "openimr-case/1",
            "case_number": "CM00-0000002",
            "dates": {"ur_denial": "2016-12-01"},
            "claim": {"date_of_injury": "2015-03-02"},
            "records": [
                {"id": rid, "date": date, "kind": "progress report", "text": text}
                for rid, date, text in notes
            ],
            "requests": [{"id": "1", "item": "Lumbar MRI"}],
        }
    )


def test_new_finding_on_the_latest_record() -> None:
    ev = extract(
        _bundle(
            ("a", "2016-01-05", "Exam: Motor strength is 5/5."),
            ("b", "2016-03-05", "Exam: Motor strength is 4/5 in the right EHL."),
        )
    )
    course = ev.course("neuro.motor_weakness")
    assert course.status == "new"
    assert course.latest is not None and course.latest.record_id == "b"
    assert [f.record_id for f in course.history] == ["a", "b"]


def test_persistent_and_resolved() -> None:
    ev = extract(
        _bundle(
            ("a", "2016-01-05", "He reports numbness in the left foot."),
            ("b", "2016-02-05", "Numbness in the left foot continues."),
            ("c", "2016-03-05", "He denies numbness today."),
        )
    )
    assert ev.course("symptom.numbness").status == "resolved"
    two = extract(
        _bundle(
            ("a", "2016-01-05", "He reports numbness in the left foot."),
            ("b", "2016-02-05", "Numbness in the left foot continues."),
        )
    )
    assert two.course("symptom.numbness").status == "persistent"


def test_latest_examination_counts_most_even_if_listed_first() -> None:
    ev = extract(
        _bundle(
            ("late", "2016-06-01", "Exam: Sensation is intact in both feet."),
            ("early", "2016-01-01", "Exam: Decreased sensation in the left L5 dermatome."),
        )
    )
    course = ev.course("neuro.sensory_deficit", region="lumbar spine")
    assert course.status == "resolved"
    assert course.latest is not None and course.latest.record_id == "late"


def test_quoted_old_report_keeps_its_own_date() -> None:
    ev = extract(
        _bundle(("pr", "2016-10-19", "A prior MRI dated 3/4/2012 showed an L4-5 disc herniation."))
    )
    (f,) = ev.of("imaging.disc_herniation")
    assert f.quoted and f.observation == "test"
    assert str(f.when) == "2012-03-04" and str(f.record_date) == "2016-10-19"


def test_undated_records_sort_first() -> None:
    b = _bundle(("x", "2016-05-01", "Pain 6/10."))
    undated = b.records[0].model_copy(update={"id": "y", "date": None, "text": "Pain 8/10."})
    b.records.append(undated)
    ev = extract(b)
    assert ev.latest("pain.score") is not None
    assert ev.latest("pain.score").record_id == "x"  # type: ignore[union-attr]


def test_pdf_record_through_its_text_layer() -> None:
    from openimr.intake import load_bundle

    here = Path(__file__).resolve().parents[1] / "data" / "bundles" / "valid" / "with-files.yaml"
    ev = extract(load_bundle(here))
    assert {f.record_id for f in ev.findings} <= {"pr-1", "pr-2", "note"}
    assert ev.needs_ocr == []


def test_expand_phrase() -> None:
    assert expand_phrase("[decreased|diminished] sensation [to light touch|]") == [
        "decreased sensation to light touch",
        "decreased sensation",
        "diminished sensation to light touch",
        "diminished sensation",
    ]


def test_unknown_field_in_a_vocabulary_file_names_file_path_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "vocabulary.yaml"
    bad.write_text(
        yaml.safe_dump({"concepts": [{"code": "x.y", "label": "x", "phrase": ["typo"]}]})
    )
    with pytest.raises(DataFileError) as err:
        load_data("vocabulary.yaml", Vocabulary, bad)
    msg = str(err.value)
    assert str(bad) in msg and "concepts[0].phrase" in msg and "unknown field" in msg


def test_bad_regex_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "vocabulary.yaml"
    bad.write_text(yaml.safe_dump({"concepts": [{"code": "x.y", "label": "x", "regex": ["(a"]}]}))
    with pytest.raises(DataFileError, match=r"concepts\[0\]\.regex"):
        load_data("vocabulary.yaml", Vocabulary, bad)


def test_cli_table_and_json(tmp_path: Path) -> None:
    bundle = {
        "format": "openimr-case/1",
        "case_number": "CM00-0000003",
        "dates": {"ur_denial": "2016-12-01"},
        "claim": {"date_of_injury": "2015-03-02"},
        "records": [
            {"id": "pr-1", "date": "2016-10-19", "text": "Exam: Negative straight leg raise."}
        ],
        "requests": [{"id": "1", "item": "EMG"}],
    }
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(bundle))
    runner = CliRunner()
    res = runner.invoke(app, ["evidence", str(path)])
    assert res.exit_code == 0, res.output
    assert "neuro.slr_positive" in res.output and "negated" in res.output
    res = runner.invoke(app, ["evidence", str(path), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    (f,) = [f for f in data["findings"] if f["code"] == "neuro.slr_positive"]
    assert f["assertion"] == "negated" and f["record_id"] == "pr-1"
    assert bundle["records"][0]["text"][f["start"] : f["end"]] == f["text"]  # type: ignore[index]
