"""What the review reads of every finding of a case, read once for the case (issue 16): the
latest visit the records report, what utilization review said was missing, the regions a
finding's sentence names for a study's authorization, and a record's summary sentence that
stops at the phrases it shows; each the same as read again for each item, and made again
when the findings change."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from openimr.domain import Finding
from openimr.evidence import EvidenceSet
from openimr.evidence.evidence_set import timeline_date
from openimr.intake.vocabulary import regions_named
from openimr.review import summary
from openimr.review.conditions import ur_stated_missing
from openimr.review.rationale import latest_visit
from openimr.routing import _sentence_regions

OBS = ["subjective", "objective", "test", "history", "plan", "unknown"]
ASSERTIONS = ["present", "negated", "possible", "historical", "hypothetical", "other"]
CODES = ["pain.low_back", "neuro.sensory_deficit", "neuro.weakness", "imaging.mri", "func.adl"]
SENTENCES = [
    "Low back pain radiating to the left leg.",
    "Decreased sensation in the right L5 dermatome and weakness of the knee.",
    "MRI of the cervical spine showed a disc protrusion.",
    "She reports neck and shoulder pain.",
    "No weakness.",
]


def _finding(rng: random.Random, k: int) -> Finding:
    day = dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(700))
    return Finding(
        code=rng.choice(CODES),
        label=rng.choice(["low back pain", "sensory deficit", "weakness", "MRI"]),
        record_id=rng.choice(["r1", "r2", "r3"]),
        start=rng.randrange(40) * 10,
        end=rng.randrange(40) * 10 + 5,
        text="pain",
        sentence=rng.choice(SENTENCES),
        record_date=rng.choice([None, day]),
        text_date=rng.choice([None, day]),
        date_precision=rng.choice(["day", "year"]),
        region=rng.choice([None, "lumbar spine", "knee", "cervical spine"]),
        laterality=rng.choice([None, "left", "right"]),
        assertion=rng.choice(ASSERTIONS),
        observation=rng.choice(OBS),
        quoted=rng.random() < 0.2,
        value=rng.choice([None, "7/10"]),
        role=rng.choice(["clinical", "clinical", "administrative", "plan"]),
    )


def _old_record_sentence(kind: str, date: dt.date | None, findings: list[Finding]) -> str | None:
    chunks: list[str] = []
    spans: dict[tuple[int, int], Finding] = {}
    for f in findings:
        spans.setdefault((f.start, f.end), f)
    findings = list(spans.values())
    for _name, observations, intro in summary._GROUPS:
        phrases: list[str] = []
        for f in findings:
            if f.observation in observations and f.assertion in ("present", "negated", "possible"):
                p = summary._phrase(f)
                if p not in phrases:
                    phrases.append(p)
        if phrases:
            chunks.append(f"{intro} {summary._join(phrases[:6])}")
    if not chunks:
        return None
    when = summary.fmt_date(date) if date else "undated"
    text = f"The {kind} of {when} notes that " if date else f"An undated {kind} notes that "
    return text + "; ".join(chunks) + "."


def _old_latest(
    records: list[tuple[str, dt.date | None]], findings: list[Finding]
) -> dt.date | None:
    quoting = {f.record_id for f in findings if f.quoted}
    dates = [d for rid, d in records if d and rid not in quoting]
    dates += [
        d
        for f in findings
        if f.role == "clinical"
        and f.observation in ("subjective", "objective")
        and (d := timeline_date(f)) is not None
    ]
    return max(dates, default=None)


class _Record:
    def __init__(self, rid: str, date: dt.date | None) -> None:
        self.id, self.date, self.is_utilization_review = rid, date, False


class _Bundle:
    def __init__(self, records: list[tuple[str, dt.date | None]]) -> None:
        self.records = [_Record(r, d) for r, d in records]


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 60), st.integers(1, 30))
def test_read_once_is_read_again(seed: int, n: int, more: int) -> None:
    rng = random.Random(seed)
    findings = [_finding(rng, k) for k in range(n)]
    ev = EvidenceSet(findings=findings)
    records = [("r1", dt.date(2018, 3, 1)), ("r2", None), ("r4", dt.date(2019, 5, 2))]
    bundle = _Bundle(records)
    for _ in range(2):  # asked again, and after the findings grow
        assert latest_visit(bundle, ev) == _old_latest(records, ev.findings)  # type: ignore[arg-type]
        got = ur_stated_missing(ev)
        assert got == [
            f for f in ev.findings if f.role == "administrative" and f.assertion == "negated"
        ]
        got.clear()  # the caller's own list
        assert ur_stated_missing(ev) == [
            f for f in ev.findings if f.role == "administrative" and f.assertion == "negated"
        ]
        named = ev.memo("routing_regions_named", _sentence_regions)
        for f in ev.findings:
            assert named(f.sentence) == set(regions_named(f.sentence))
        assert summary._record_sentence("progress report", dt.date(2018, 1, 2), ev.findings) == (
            _old_record_sentence("progress report", dt.date(2018, 1, 2), ev.findings)
        )
        ev.findings.extend(_finding(rng, k) for k in range(more))


def test_a_long_record_names_its_first_phrases() -> None:
    rng = random.Random(16)
    findings = [_finding(rng, k) for k in range(3000)]
    for f in (None, dt.date(2018, 4, 5)):
        assert summary._record_sentence("note", f, findings) == _old_record_sentence(
            "note", f, findings
        )


def test_a_kept_answer_is_the_callers_own_list() -> None:
    """``EvidenceSet.of`` keeps each query's answer for the case (the review asks the same
    queries for each topic and item): the list given is the caller's to change."""
    rng = random.Random(7)
    ev = EvidenceSet(findings=[_finding(rng, k) for k in range(200)])
    first = ev.of("neuro", assertion=None)
    again = ev.of("neuro", assertion=None)
    assert first == again and first is not again and first
    first.clear()
    assert ev.of("neuro", assertion=None) == again
    ev.findings.append(_finding(rng, 0).model_copy(update={"code": "neuro.weakness"}))
    assert len(ev.of("neuro", assertion=None)) == len(again) + 1
