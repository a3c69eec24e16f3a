"""`openimr eval`: the agreement figures are computed right and every disagreement is listed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from openimr.evaluation import Report, Row, evaluate_dir, guideline_key

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _row(expected: str, predicted: str, eg: str = "MTUS:neck", pg: str = "MTUS:neck") -> Row:
    return Row(
        "CM00-1",
        "1",
        "MRI of the cervical spine",
        "imaging",
        expected,
        predicted,
        eg,
        pg,
        "acoem2004.neck.mri-ct",
    )


def test_metrics_match_hand_computation() -> None:
    # 2 true overturned, 1 missed, 1 false alarm, 6 agreed upheld.
    rows = (
        [_row("overturned", "overturned")] * 2
        + [_row("overturned", "upheld")]
        + [_row("upheld", "overturned")]
        + [_row("upheld", "upheld")] * 6
    )
    m = Report(rows=rows).metrics()
    assert m["accuracy"] == pytest.approx(0.8)
    assert m["recall_overturned"] == pytest.approx(2 / 3)
    assert m["precision_overturned"] == pytest.approx(2 / 3)
    assert m["balanced_accuracy"] == pytest.approx((2 / 3 + 6 / 7) / 2)
    pe = (3 / 10) * (3 / 10) + (7 / 10) * (7 / 10)
    assert m["kappa"] == pytest.approx((0.8 - pe) / (1 - pe))


def test_upholding_everything_scores_kappa_zero() -> None:
    rows = [_row("upheld", "upheld")] * 9 + [_row("overturned", "upheld")]
    m = Report(rows=rows).metrics()
    assert m["accuracy"] == pytest.approx(0.9)
    assert m["balanced_accuracy"] == pytest.approx(0.5)
    assert m["kappa"] == pytest.approx(0.0)


def test_undetermined_counts_as_disagreement_and_is_listed() -> None:
    rows = [_row("upheld", "undetermined", pg="none"), _row("upheld", "upheld")]
    report = Report(rows=rows)
    assert report.metrics()["strict_accuracy"] == pytest.approx(0.5)
    assert report.metrics()["accuracy"] == pytest.approx(1.0)  # of the determined items
    text = report.format()
    assert "disagreements (1)" in text
    assert "guideline disagreements (1" in text
    assert "MTUS:neck -> none" in text


def test_baseline_is_upholding_everything() -> None:
    rows = [_row("overturned", "overturned")] + [_row("upheld", "upheld")] * 3
    base = Report(rows=rows).baseline()
    assert base["strict_accuracy"] == pytest.approx(0.75)
    assert base["balanced_accuracy"] == pytest.approx(0.5)
    assert base["kappa"] == pytest.approx(0.0)


def test_split_by_decision_date_keeps_letters_whole_and_hides_held_out_items() -> None:
    import datetime as dt
    from dataclasses import replace

    rows = []
    for i in range(6):
        day = dt.date(2017, 1, 1) + dt.timedelta(days=i)
        for item in ("1", "2"):
            rows.append(replace(_row("upheld", "overturned"), case=f"CM{i}", item_id=item,
                                decided=day))
    tune, held = Report(rows=rows).split()
    assert {r.case for r in tune.rows} == {"CM0", "CM1", "CM2", "CM3"}
    assert {r.case for r in held.rows} == {"CM4", "CM5"}
    text = Report(rows=rows).format(part="split")
    assert "CM1 #1 expected upheld" in text
    assert "CM5 #1" not in text and "HELD OUT" in text


@pytest.mark.parametrize(
    ("cited", "key"),
    [
        ("MTUS ACOEM Chapter 8 Neck and Upper Back Complaints Page(s) 176-177", "MTUS:neck"),
        ("MTUS Low Back Complaints 2004, Section(s): Special Studies", "MTUS:low back"),
        ("MTUS Chronic Pain Medical Treatment 2016, Section(s): NSAIDs", "MTUS:chronic pain"),
        ("Non-MTUS Citation Official Disability Guidelines (ODG) Hip & Pelvis, X-Ray", "non-MTUS"),
        ("MTUS Opioid Treatment 2016, Section(s): 3.3.9", "MTUS:opioids"),
        ("", "none"),
        (None, "none"),
    ],
)
def test_guideline_key(cited: str | None, key: str) -> None:
    assert guideline_key(cited) == key


def test_evaluate_dir_reports_a_bad_file_and_goes_on(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "cm13-0057725" / "bundle.yaml", tmp_path / "a.yaml")
    for rec in (EXAMPLES / "cm13-0057725").glob("records/*"):
        (tmp_path / "records").mkdir(exist_ok=True)
        shutil.copy(rec, tmp_path / "records" / rec.name)
    (tmp_path / "broken.yaml").write_text("format: openimr-case/1\ncase_number: [\n")
    report = evaluate_dir([tmp_path])
    assert len(report.failures) == 1 and "broken.yaml" in report.failures[0]
    assert report.rows, "the good bundle is still evaluated"
    m = report.metrics()
    assert m["accuracy"] == pytest.approx(1.0)
    assert m["guideline_agreement"] == pytest.approx(1.0)


def test_two_mtus_chapters_cited_either_agrees() -> None:
    from openimr.evaluation import guideline_keys

    both = (
        "MTUS Low Back Complaints 2004, Section(s): Summary; MTUS Chronic Pain Medical "
        "Treatment 2016, Section(s): Facet blocks; Non-MTUS Citation ODG Low Back"
    )
    assert guideline_keys(both) == ["MTUS:low back", "MTUS:chronic pain"]
    # sections listed after ';' continue the citation before them
    odg_then = "Non-MTUS Citation ODG Low back, Manipulation; Neck and Upper back, Manipulation"
    assert guideline_keys(odg_then) == ["non-MTUS"]
    mtus_then_odg = "MTUS Low Back Complaints 2004, Section(s): Physical Methods; Non-MTUS ODG"
    assert guideline_keys(mtus_then_odg) == ["MTUS:low back"]
    rows = [
        _row("upheld", "upheld", eg="MTUS:low back|MTUS:chronic pain", pg="MTUS:chronic pain"),
        _row("upheld", "upheld", eg="MTUS:low back", pg="non-MTUS"),
    ]
    assert Report(rows=rows).metrics()["guideline_agreement"] == pytest.approx(0.5)


def test_rationale_truth_counts_what_the_records_do_not_bear_out() -> None:
    from types import SimpleNamespace

    from openimr.domain import ItemDecision
    from openimr.evaluation import Truth

    bundle = SimpleNamespace(records=[SimpleNamespace(date="2016-11-01")])
    item = ItemDecision(
        id="1",
        item="MRI of the knee",
        decision="upheld",
        rationale="Regarding the request, X. The request repeats an earlier study. It was seen "
        "in an undated record. ODG adds this criterion: a thing nobody decided.",
        course="initial",
        claims_checked=2,
        claims_rewritten=1,
    )
    truth = Truth()
    truth.add(bundle, item)
    assert (truth.undated_but_dated, truth.repeat_not_repeat, truth.secondary_idle) == (1, 1, 1)
    assert (truth.claims_checked, truth.claims_rewritten) == (2, 1)
