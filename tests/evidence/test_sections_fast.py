"""The sectionizer without a section on every token (sections.py) finds medspaCy's sections
(issue 16): the same ``doc._.sections`` (every field, parents included) and the same
sentence starts as medspaCy's Sectionizer given the same rules and settings, on the texts of
the sentence table, fictional long records and texts made for the parent and scope rules."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml
from medspacy.section_detection import Sectionizer, SectionRule

from openimr.evidence.sections import Sections

ROOT = Path(__file__).resolve().parents[2]


def _record(pages: int, seed: int, clinical: float) -> str:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from fictional_records import record  # type: ignore[import-not-found]

    return str(record(pages, seed=seed, clinical=clinical))


def _texts() -> list[str]:
    cases = yaml.safe_load((ROOT / "tests/evidence/data/sentences.yaml").read_text("utf-8"))
    return [c["t"] for c in cases["cases"]] + [
        "",
        " ",
        "Plan:",
        "History: fell at work.\nPlan: physical therapy.\n\nAssessment: low back pain.",
        _record(4, seed=7, clinical=1.0),
        _record(4, seed=8, clinical=0.25),
        _record(4, seed=9, clinical=0.1),
    ]


def _sections(doc: Any) -> list[Any]:
    """Every field of every section (a parent as its index), and the sentence starts."""
    secs = list(doc._.sections)
    out = [
        (
            s.category,
            s.title_start,
            s.title_end,
            s.body_start,
            s.body_end,
            None if s.parent is None else secs.index(s.parent),
            None if s.rule is None else (s.rule.literal, s.rule.category, s.rule.max_scope),
        )
        for s in secs
    ]
    return [out, [t.i for t in doc if t.is_sent_start]]


def _both(nlp: Any, ours: Any, theirs: Any, text: str) -> tuple[list[Any], list[Any]]:
    split = nlp.get_pipe("openimr_sentences")
    return _sections(ours(split(nlp.make_doc(text)))), _sections(theirs(split(nlp.make_doc(text))))


def test_the_pipelines_sectionizer_gives_medspacys_sections(nlp: Any) -> None:
    from openimr.evidence import schema
    from openimr.evidence.pipeline import section_rules

    ours = nlp.get_pipe("medspacy_sectionizer")
    assert isinstance(ours, Sections)
    theirs = Sectionizer(
        nlp,
        name="reference_sectionizer",
        rules=None,
        require_start_line=ours.require_start_line,
        newline_pattern=ours.newline_pattern.pattern,
        span_attrs=None,
    )
    theirs.add(section_rules(schema.sections())[0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for text in _texts():
            mine, ref = _both(nlp, ours, theirs, text)
            assert mine == ref, text[:80]


@pytest.mark.parametrize(
    "settings",
    [
        {},
        {"max_section_length": 3},
        {"apply_sentence_boundary": True},
        {"require_start_line": True, "require_end_line": True},
    ],
)
def test_parents_scopes_and_boundaries_as_medspacy(nlp: Any, settings: dict[str, Any]) -> None:
    rules = [
        SectionRule("history:", "history"),
        SectionRule("plan:", "plan", max_scope=2),
        SectionRule("medications:", "medications", parents=["history"]),
        SectionRule("allergies:", "allergies", parents=["history"], parent_required=True),
        SectionRule("exam:", "exam"),
    ]
    texts = [
        "Seen today.\nhistory: fell.\nmedications: none. allergies: nkda\nexam: normal gait",
        "allergies: nkda\nhistory: fell at work\nplan: rest and ice for a week\nmedications: x",
        "exam: normal.\nplan: pt\nhistory:\nmedications:\nallergies: none\nplan: follow up soon",
        "no headers at all here",
    ]
    made = []
    for k, cls in enumerate((Sections, Sectionizer)):
        sec = cls(nlp, name=f"test_sectionizer_{k}", rules=None, span_attrs=None, **settings)
        sec.add(rules)
        made.append(sec)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for text in texts:
            mine, ref = _both(nlp, made[0], made[1], text)
            assert mine == ref, text
